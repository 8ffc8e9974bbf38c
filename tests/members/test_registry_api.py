"""The registry's API: each endpoint, its outsiders (401, 403), its bad input (field and reason), its OpenAPI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

# The reference organization's builder lives beside the web tests, which share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.ledger import log
from accord.members.models import (
    ChairOverride,
    Handover,
    Member,
    MembershipEvent,
    Organization,
    Person,
    RuleChange,
    SigningKey,
)
from accord_verify import entries

API = "/api/v1"


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def signed_in(handle: str | None) -> Client:
    """A browser of the persona (None: the public), signed in."""
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    return client


def call(handle: str | None, method: str, path: str, payload: Any = None) -> Any:
    client = signed_in(handle)
    data = json.dumps(payload) if payload is not None else None
    return getattr(client, method.lower())(API + path, data=data, content_type="application/json")


def registry() -> dict[str, Any]:
    models = (Organization, Member, MembershipEvent, RuleChange, Handover, ChairOverride, Person, SigningKey)
    state: dict[str, Any] = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    state["log"] = log.size()
    return state


def refused(response: Any, status: int, field: str, reason: str = "") -> None:
    body = response.json()
    assert response.status_code == status, body
    assert body["detail"]
    assert any(e["field"] == field and reason in e["reason"] for e in body["errors"]), body


def new_public_key() -> str:
    return entries.b64(bytes(PrivateKey.generate().verify_key))


def key_of(handle: str) -> str:
    return SigningKey.objects.filter(person__username=handle, revoked_seq=None).values_list("key_id", flat=True)[0]


# Reads, public.


def test_the_charter_settings_are_public(organization: None) -> None:
    response = call(None, "GET", "/organization")
    assert response.status_code == 200
    body = response.json()
    assert body["abbreviation"] == {"ru": "ОДКБ", "en": "CSTO"}
    assert list(body["name"]) == ["ru", "en"]
    english = call(None, "GET", "/organization?lang=en").json()
    assert (english["abbreviation"], english["treaty_signed_at"]) == ({"en": "CSTO"}, {"en": "Tashkent"})
    assert body["working_languages"] == ["ru"]
    assert (body["treaty_signed_on"], body["charter_in_force_on"]) == ("1992-05-15", "2003-09-18")
    assert (body["rotation_order"], body["anchor_member"], body["anchor_term"]) == (
        list(reference_org.CURRENT), "KGZ", 2019)


def test_an_organization_not_yet_configured_is_a_404(db: None) -> None:
    refused(call(None, "GET", "/organization"), 404, "organization", "not configured yet")


def test_the_members_and_their_histories_are_public(organization: None) -> None:
    response = call(None, "GET", "/members")
    assert response.status_code == 200
    states = {m["code"]: m for m in response.json()}
    assert set(states) == {*reference_org.CURRENT, "AZE", "GEO", "UZB"}
    assert states["ARM"]["status"] == "frozen"
    assert states["UZB"]["status"] == "suspended"
    assert [e["kind"] for e in states["UZB"]["history"]] == ["acceded", "did_not_extend", "acceded", "suspended"]
    assert states["KAZ"]["name"]["ru"] == "Казахстан"
    assert states["KAZ"]["official_name"] == {}
    assert call(None, "GET", "/members/kaz?lang=en").json()["name"] == {"en": "Kazakhstan"}
    on_a_day = {m["code"]: m["status"] for m in call(None, "GET", "/members?on=2000-01-01").json()}
    assert on_a_day["UZB"] == "former"
    one = call(None, "GET", "/members/arm").json()
    assert (one["code"], one["history"][-1]["kind"], one["history"][-1]["on"]) == (
        "ARM", "participation_frozen", "2024-02-22")


def test_an_unknown_member_is_a_404_naming_the_field(organization: None) -> None:
    refused(call(None, "GET", "/members/ZZZ"), 404, "member", "'ZZZ' is not a member state")


# The real chairmanship 2019 to 2026 (SCENARIO.md): at the regular session until 2023, on 1 January since.
REAL_CHAIRS = {
    "2018-11-08": "KGZ", "2019-11-27": "KGZ", "2019-11-28": "RUS", "2020-12-01": "RUS", "2020-12-02": "TJK",
    "2021-09-15": "TJK", "2021-09-16": "ARM", "2022-05-16": "ARM", "2022-11-22": "ARM", "2022-11-23": "BLR",
    "2023-12-31": "BLR", "2024-01-01": "KAZ", "2025-01-01": "KGZ", "2025-12-31": "KGZ", "2026-01-01": "RUS",
}  # fmt: skip


def test_the_chair_over_the_real_sequence(organization: None) -> None:
    chairs = {day: call(None, "GET", f"/chair?on={day}").json()["chair"] for day in REAL_CHAIRS}
    assert chairs == REAL_CHAIRS


def test_the_chair_on_the_seeds_summit_and_the_next_in_rotation(organization: None) -> None:
    at_session = call(None, "GET", "/chair?on=2022-05-16").json()
    assert at_session == {"on": "2022-05-16", "chair": "ARM", "term": 2022, "term_start": "2021-09-16",
                          "next_chair": "BLR", "next_term": 2023, "next_start": "2022-11-23"}
    # The last term handed over at a session, followed by the first on 1 January.
    assert call(None, "GET", "/chair?on=2023-06-01").json() == {
        "on": "2023-06-01", "chair": "BLR", "term": 2023, "term_start": "2022-11-23",
        "next_chair": "KAZ", "next_term": 2024, "next_start": "2024-01-01"}
    assert call(None, "GET", "/chair?on=2025-03-01").json()["term_start"] == "2025-01-01"


def test_a_bad_date_is_a_422_naming_the_field(organization: None) -> None:
    refused(call(None, "GET", "/chair?on=16.05.2022"), 422, "on")


def test_keys_are_public(organization: None) -> None:
    keys = call(None, "GET", "/persons/arm.delegate/keys").json()
    assert [(k["label"], k["revoked_seq"]) for k in keys] == [("laptop", None)]


# Writes: the public may not (401), and nothing is written.

WRITES = [
    ("PATCH", "/organization", {"headquarters": {"ru": "Ереван"}}),
    ("POST", "/members", {"code": "SRB", "acceded_on": "2030-01-01"}),
    ("POST", "/members/ARM/history", {"kind": "withdrew", "on": "2026-01-01"}),
    ("POST", "/chair/overrides", {"member": "RUS", "start": "2026-01-01", "reason": "decided"}),
    ("POST", "/chair/handovers", {"term": 2027, "on": "2026-11-20"}),
    ("POST", "/chair/rules", {"rule": "at_regular_session", "from_term": 2027}),
    ("POST", "/persons", {"username": "arm.new", "full_name": "N", "role": "delegate", "member": "ARM"}),
    ("POST", "/persons/arm.delegate/role", {"role": "liaison"}),
    ("POST", "/persons/arm.delegate/deactivate", None),
    ("POST", "/persons/arm.delegate/keys", {"public_key": entries.b64(b"k" * 32)}),
    ("POST", "/keys/{arm_key}/rotate", {"public_key": entries.b64(b"k" * 32)}),
    ("POST", "/keys/{arm_key}/revoke", {"reason": "lost"}),
]


@pytest.mark.parametrize(("method", "path", "payload"), WRITES)
def test_the_public_cannot_write(organization: None, method: str, path: str, payload: Any) -> None:
    before = registry()
    refused(call(None, method, path.format(arm_key=key_of("arm.delegate")), payload), 401, "session")
    assert registry() == before


def test_the_public_cannot_list_persons(organization: None) -> None:
    refused(call(None, "GET", "/persons"), 401, "session", "not signed in")


def test_a_deactivated_person_is_the_public_again(organization: None) -> None:
    client = signed_in("arm.delegate")
    assert call("arm.head", "POST", "/persons/arm.delegate/deactivate").status_code == 200
    before = registry()
    response = client.post(f"{API}/persons/arm.delegate/keys", data={"public_key": new_public_key()},
                           content_type="application/json")
    refused(response, 401, "session")
    assert registry() == before


# Writes: a delegation administers its own people only (403), and nothing is written.

FOREIGN = [
    ("POST", "/persons", {"username": "arm.new", "full_name": "N", "role": "delegate", "member": "ARM"}),
    ("POST", "/persons/arm.delegate/role", {"role": "liaison"}),
    ("POST", "/persons/arm.delegate/deactivate", None),
    ("POST", "/persons/arm.delegate/keys", {"public_key": entries.b64(b"k" * 32)}),
    ("POST", "/keys/{arm_key}/rotate", {"public_key": entries.b64(b"k" * 32)}),
    ("POST", "/keys/{arm_key}/revoke", {"reason": "lost"}),
]


@pytest.mark.parametrize("handle", ["kaz.delegate", "kaz.head", "secretariat"])
@pytest.mark.parametrize(("method", "path", "payload"), FOREIGN)
def test_no_one_outside_a_delegation_administers_its_people(
    organization: None, handle: str, method: str, path: str, payload: Any
) -> None:
    before = registry()
    response = call(handle, method, path.format(arm_key=key_of("arm.delegate")), payload)
    refused(response, 403, "member", "only Armenia's delegation administers its own people")
    assert registry() == before


def test_a_delegate_does_not_administer_its_own_delegation(organization: None) -> None:
    before = registry()
    payload = {"username": "arm.new", "full_name": "N", "role": "delegate", "member": "ARM"}
    refused(call("arm.delegate", "POST", "/persons", payload), 403, "member")
    refused(call("arm.delegate", "POST", "/persons/arm.head/role", {"role": "delegate"}), 403, "member")
    refused(call("arm.delegate", "POST", "/persons/arm.head/keys", {"public_key": new_public_key()}), 403,
            "member")
    assert registry() == before


# Writes: only the secretariat keeps the charter, the history and the chairmanship (403).

SECRETARIAT_ONLY = [write for write in WRITES if write[1].startswith(("/organization", "/members", "/chair"))]


@pytest.mark.parametrize("handle", ["arm.head", "kaz.delegate"])
@pytest.mark.parametrize(("method", "path", "payload"), SECRETARIAT_ONLY)
def test_only_the_secretariat_keeps_the_charter_history_and_chair(
    organization: None, handle: str, method: str, path: str, payload: Any
) -> None:
    before = registry()
    refused(call(handle, method, path, payload), 403, "actor", "only the secretariat may")
    assert registry() == before


# Writes by those allowed to make them.


def test_the_secretariat_changes_the_charter_settings(organization: None) -> None:
    response = call("secretariat", "PATCH", "/organization",
                    {"headquarters": {"ru": "Москва", "en": "Moscow, Russia"}, "working_languages": ["ru", "en"]})
    assert response.status_code == 200, response.json()
    assert (response.json()["headquarters"], response.json()["working_languages"]) == (
        {"ru": "Москва", "en": "Moscow, Russia"}, ["ru", "en"])
    assert Organization.objects.get().name["en"] == "Collective Security Treaty Organization"


@pytest.mark.parametrize(
    ("payload", "status", "field", "reason"),
    [
        ({"rotation_order": ["ARM", "ARM"]}, 400, "rotation_order", "names a member twice"),
        ({"rotation_order": ["ARM", "XYZ"]}, 404, "rotation_order", "'XYZ' is not a member state"),
        ({"term_years": 11}, 400, "term_years", "from 1 to 10"),
        ({"treaty_signed_on": "1992-02-30"}, 422, "treaty_signed_on", ""),
        ({"treaty_in_force_on": "1990-01-01"}, 400, "treaty_in_force_on", "before the signature"),
        ({"name": {"ru": "", "en": "Org"}}, 400, "name.ru", "is required"),
        ({"name": {"ru": "Орг", "fr": "Org"}}, 400, "name.fr", "is not one of the organization's languages"),
        ({"anchor_member": "UZB"}, 400, "anchor_member", "Uzbekistan is not in the order"),
    ],
)
def test_bad_charter_settings_are_refused(
    organization: None, payload: dict[str, Any], status: int, field: str, reason: str
) -> None:
    before = registry()
    refused(call("secretariat", "PATCH", "/organization", payload), status, field, reason)
    assert registry() == before


def test_the_secretariat_adds_a_member_and_records_its_history(organization: None) -> None:
    response = call("secretariat", "POST", "/members", {"code": "srb", "acceded_on": "2024-01-01",
                                                        "reference": "Protocol"})
    assert response.status_code == 201, response.json()
    assert (response.json()["code"], response.json()["name"]["en"]) == ("SRB", "Serbia")
    # A plain reference is in the organization's default language.
    assert (response.json()["history"][0]["kind"], response.json()["history"][0]["reference"]) == (
        "acceded", {"ru": "Protocol"})
    response = call("secretariat", "POST", "/members/UZB/history", {"kind": "restored", "on": "2026-03-01"})
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "member"
    assert response.json()["history"][-1] == {"kind": "restored", "on": "2026-03-01", "reference": {},
                                              "entry_seq": log.size() - 1, "provenance": {}}
    response = call("secretariat", "POST", "/members/UZB/history", {
        "kind": "withdrew", "on": "2026-04-01", "reference": {"en": "Note No. 12", "ru": "Нота № 12"}})
    assert response.status_code == 201, response.json()
    assert response.json()["history"][-1]["reference"] == {"ru": "Нота № 12", "en": "Note No. 12"}
    english = Client().get(f"{API}/members/UZB?lang=en").json()["history"][-1]["reference"]
    assert english == {"en": "Note No. 12"}
    refused(call("secretariat", "POST", "/members/GEO/history", {"kind": "acceded", "on": "2026-04-01",
                                                                 "reference": {"de": "Note"}}),
            400, "reference.de")


@pytest.mark.parametrize(
    ("path", "payload", "status", "field", "reason"),
    [
        ("/members", {"code": "XXX", "acceded_on": "2030-01-01"}, 400, "code", "not an ISO 3166-1 alpha-3"),
        ("/members", {"code": "RS", "acceded_on": "2030-01-01"}, 422, "code", ""),
        ("/members", {"code": "ARM", "acceded_on": "2030-01-01"}, 400, "code", "already in the registry"),
        ("/members", {"code": "SRB", "acceded_on": "someday"}, 422, "acceded_on", ""),
        ("/members", {"code": "SRB"}, 422, "acceded_on", "is required"),
        ("/members/ZZZ/history", {"kind": "withdrew", "on": "2026-01-01"}, 404, "member", "not a member state"),
        ("/members/ARM/history", {"kind": "withdrew", "on": "2020-01-01"}, 400, "on", "in date order"),
        ("/members/ARM/history", {"kind": "acceded", "on": "2026-01-01"}, 400, "kind", "is not possible"),
        ("/members/ARM/history", {"kind": "vanished", "on": "2026-01-01"}, 400, "kind", "is not one of"),
        ("/chair/overrides", {"member": "RUS", "start": "2026-02-01", "end": "2026-01-01", "reason": "x"}, 400,
         "end", "before the start"),
        ("/chair/overrides", {"member": "RUS", "start": "2026-02-01", "reason": ""}, 400, "reason", "required"),
        ("/chair/handovers", {"term": 2024, "on": "2023-11-23"}, 400, "term", "handed over on 1 January"),
        ("/chair/handovers", {"term": 2023, "on": "2022-11-24"}, 400, "term", "already recorded"),
        ("/chair/rules", {"rule": "on_january_1", "from_term": 2022}, 400, "from_term", "handed over on 1 Jan"),
        ("/chair/rules", {"rule": "coin_toss", "from_term": 2030}, 400, "rule", "on_january_1"),
    ],
)
def test_bad_registry_input_is_refused(
    organization: None, path: str, payload: dict[str, Any], status: int, field: str, reason: str
) -> None:
    before = registry()
    refused(call("secretariat", "POST", path, payload), status, field, reason)
    assert registry() == before


def test_the_secretariat_records_the_chairmanship(organization: None) -> None:
    response = call("secretariat", "POST", "/chair/overrides", {
        "member": "RUS", "start": "2022-05-01", "end": "2022-05-31", "reason": "for Armenia's absence"})
    assert response.status_code == 201, response.json()
    assert (response.json()["on"], response.json()["chair"]) == ("2022-05-01", "RUS")
    assert call(None, "GET", "/chair?on=2022-06-01").json()["chair"] == "ARM"
    response = call("secretariat", "POST", "/chair/rules", {"rule": "at_regular_session", "from_term": 2027})
    assert response.status_code == 201, response.json()
    response = call("secretariat", "POST", "/chair/handovers", {"term": 2027, "on": "2026-11-20"})
    assert response.status_code == 201, response.json()
    assert (response.json()["chair"], response.json()["term"], response.json()["term_start"]) == (
        "TJK", 2027, "2026-11-20")


def test_a_head_adds_a_person_whose_password_is_hashed_with_argon2(organization: None) -> None:
    payload = {"username": "arm.liaison", "full_name": "Liaison of ARM", "role": "liaison", "member": "ARM",
               "password": "a long enough passphrase", "title": {"en": "Liaison officer", "ru": "Офицер связи"}}
    response = call("arm.head", "POST", "/persons", payload)
    assert response.status_code == 201, response.json()
    # A plain name is in the organization's default language; the title's texts in the organization's order.
    assert response.json() == {"username": "arm.liaison", "full_name": {"ru": "Liaison of ARM"}, "member": "ARM",
                               "title": {"ru": "Офицер связи", "en": "Liaison officer"},
                               "role": "liaison", "is_delegation_admin": False, "is_active": True}
    assert list(response.json()["title"]) == ["ru", "en"]
    assert "password" not in response.content.decode()
    assert Person.objects.get(username="arm.liaison").password.startswith("argon2")
    assert Client().login(username="arm.liaison", password="a long enough passphrase")


def test_bad_person_input_is_refused(organization: None) -> None:
    before = registry()
    refused(call("arm.head", "POST", "/persons", {"username": "arm.new", "full_name": "N", "role": "delegate",
                                                 "member": "ARM", "password": "123"}), 400, "password", "short")
    refused(call("arm.head", "POST", "/persons", {"username": "arm.new", "full_name": "N", "role": "emperor",
                                                 "member": "ARM"}), 400, "role", "is not one of")
    refused(call("arm.head", "POST", "/persons", {"username": "arm.new", "role": "delegate"}), 422, "full_name")
    refused(call("arm.head", "POST", "/persons/nobody/role", {"role": "delegate"}), 404, "person")
    assert registry() == before


def test_a_head_keeps_its_delegations_people_and_keys(organization: None) -> None:
    response = call("arm.head", "POST", "/persons/arm.delegate/role",
                    {"role": "liaison", "delegation_admin": True})
    assert response.status_code == 200, response.json()
    assert (response.json()["role"], response.json()["is_delegation_admin"]) == ("liaison", True)
    key = new_public_key()
    response = call("arm.head", "POST", "/persons/arm.delegate/keys", {"public_key": key, "label": "phone"})
    assert response.status_code == 201, response.json()
    key_id = response.json()["key_id"]
    assert (key_id, response.json()["registered_seq"]) == (entries.key_id_of(entries.unb64(key)), log.size() - 1)
    response = call("arm.head", "POST", f"/keys/{key_id}/rotate", {"public_key": new_public_key()})
    assert response.status_code == 201, response.json()
    assert dict(SigningKey.objects.get(key_id=key_id).revoked_reason) == {
        "ru": f"rotated to {response.json()['key_id']}"}
    response = call("arm.head", "POST", f"/keys/{response.json()['key_id']}/revoke", {"reason": "lost"})
    assert response.status_code == 200, response.json()
    assert response.json()["revoked_reason"] == {"ru": "lost"}
    response = call("arm.head", "POST", "/persons/arm.delegate/deactivate")
    assert (response.status_code, response.json()["is_active"]) == (200, False)
    people = call("arm.head", "GET", "/persons?member=arm").json()
    assert [p["username"] for p in people] == ["arm.head"]


def test_a_person_keeps_its_own_keys(organization: None) -> None:
    response = call("kaz.delegate", "POST", "/persons/kaz.delegate/keys", {"public_key": new_public_key()})
    assert response.status_code == 201, response.json()
    response = call("kaz.delegate", "POST", f"/keys/{response.json()['key_id']}/revoke", {"reason": "lost"})
    assert response.status_code == 200, response.json()


def test_bad_key_input_is_refused(organization: None) -> None:
    before = registry()
    refused(call("arm.delegate", "POST", "/persons/arm.delegate/keys", {"public_key": "%%%"}), 400, "public_key",
            "is not base64")
    refused(call("arm.delegate", "POST", "/persons/arm.delegate/keys", {}), 422, "public_key", "is required")
    refused(call("arm.delegate", "POST", "/keys/ed25519:00/revoke", {"reason": "lost"}), 404, "key_id")
    refused(call("arm.delegate", "POST", f"/keys/{key_of('arm.delegate')}/revoke", {"reason": ""}), 400,
            "reason", "say why")
    response = Client().post(f"{API}/acts", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert registry() == before


# The API describes itself.


def test_the_openapi_document_lists_every_endpoint(db: None) -> None:
    response = Client().get(f"{API}/openapi.json")
    assert response.status_code == 200
    paths = {path: set(ops) for path, ops in response.json()["paths"].items()}
    expected = {
        "/organization": {"get", "patch"},
        "/members": {"get", "post"},
        "/members/{code}": {"get"},
        "/members/{code}/history": {"post"},
        "/chair": {"get"},
        "/chair/overrides": {"post"},
        "/chair/handovers": {"post"},
        "/chair/rules": {"post"},
        "/persons": {"get", "post"},
        "/persons/{username}/role": {"post"},
        "/persons/{username}/deactivate": {"post"},
        "/persons/{username}/reactivate": {"post"},
        "/persons/{username}/keys": {"get", "post"},
        "/keys/{key_id}/rotate": {"post"},
        "/keys/{key_id}/revoke": {"post"},
        "/events": {"get"},
        "/acts": {"post"},
    }
    for path, methods in expected.items():
        assert methods <= paths.get(f"{API}{path}", set()), path


@pytest.mark.parametrize(("change", "label"), [
    ({"anchor_member": "ZZZ"}, "Государство, председательствующее в опорный срок"),
    ({"term_years": 0}, "Продолжительность срока (лет)"),
    ({"rotation_order": ["ARM", "ARM"]}, "Порядок ротации"),
])
def test_a_refused_rotation_setting_is_named_by_its_label(organization: None, change: dict[str, Any],
                                                          label: str) -> None:
    client = signed_in("secretariat")
    client.cookies["django_language"] = "ru"
    before = registry()
    answer = client.patch(f"{API}/organization", data=json.dumps(change), content_type="application/json")
    assert answer.status_code in (400, 404)
    body = answer.json()
    assert body["errors"][0]["field"] == next(iter(change))
    assert body["errors"][0]["label"] == label
    assert body["detail"].startswith(f"{label}: ")
    assert registry() == before
