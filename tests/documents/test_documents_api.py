"""The documents API: every action, its outsiders and wrong members, errors naming the field, OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import documents_org as org
import pytest
from django.test import Client
from nacl.signing import SigningKey

from accord.core.acting import Actor
from accord.documents import actions, signing
from accord.documents.models import Signature
from accord.ledger import log
from accord.members import actions as members
from accord_verify import entries

API = "/api/v1/documents"
NEW = {"kind": "joint_statement", "title": {"ru": "Совместное заявление", "en": "Joint statement"},
       "texts": {"ru": org.TEXT_RU, "en": org.TEXT_EN}, "authentic": ["ru"]}


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _login(username: str | None) -> Client:
    client = Client()
    if username:
        assert client.login(username=username, password=org.PASSWORD)
    return client


@pytest.fixture
def adopted(head_keys: dict[str, SigningKey]) -> tuple[int, str]:
    return org.adopted_statement()


def _signature(key: SigningKey, digest: str, **extra: Any) -> dict[str, Any]:
    return {"version": 1, "key_id": entries.key_id_of(bytes(key.verify_key)),
            "signature": signing.sign_hash(key, digest), "signed_on": "2022-05-16", "place": "Moscow", **extra}


def test_it_drafts_amends_and_adopts_through_the_api(head_keys: dict[str, SigningKey]) -> None:
    secretariat, delegate = _login("secretariat"), _login("kaz.delegate")
    created = _post(delegate, API, NEW)
    assert created.status_code == 201, created.content
    doc = created.json()["id"]
    version = _post(delegate, f"{API}/{doc}/versions", {"texts": {"ru": org.TEXT_RU + "\n\nТретий абзац."},
                                                        "authentic": ["ru"]})
    assert version.json()["number"] == 2
    amendment = _post(delegate, f"{API}/{doc}/amendments",
                      {"version": 2, "language": "ru", "paragraph": 3, "text": "Третий абзац, исправленный."})
    assert amendment.status_code == 201
    assert _post(delegate, f"{API}/amendments/{amendment.json()['id']}/accept", {}).status_code == 403
    accepted = _post(secretariat, f"{API}/amendments/{amendment.json()['id']}/accept", {})
    assert accepted.json()["result_version"] == 3
    other = _post(delegate, f"{API}/{doc}/amendments",
                  {"version": 3, "language": "ru", "paragraph": 1, "text": "Другое."}).json()
    rejected = _post(secretariat, f"{API}/amendments/{other['id']}/reject", {"reason": "no"})
    assert rejected.json()["status"] == "rejected"
    adopted = _post(secretariat, f"{API}/{doc}/adoption", {"version": 3, "decision": org.decision("Statement"),
                                                          "adopted_on": "2022-06-01"})
    assert adopted.status_code == 201
    assert adopted.json()["adoption"]["version"] == 3
    detail = Client().get(f"{API}/{doc}").json()
    assert [v["adopted"] for v in detail["versions"]] == [False, False, True]
    assert [a["status"] for a in detail["amendments"]] == ["accepted", "rejected"]


def test_a_head_signs_through_the_api_with_accord_sign_output(
    adopted: tuple[int, str], head_keys: dict[str, SigningKey]
) -> None:
    doc, digest = adopted
    signing_info = Client().get(f"{API}/{doc}/versions/1/signing").json()
    assert signing_info["hash"] == digest
    assert entries.unb64(signing_info["message"]) == b"accord document v1\n" + digest.encode()
    response = _post(_login("rus.head"), f"{API}/{doc}/signatures", _signature(head_keys["RUS"], digest))
    assert response.status_code == 201, response.content
    status = Client().get(f"{API}/{doc}/status").json()
    assert {r["member"]: r["stage"] for r in status["rows"]}["RUS"] == "in_force"


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("rus.delegate", 403), ("secretariat", 403)])
def test_only_a_head_signs(adopted: tuple[int, str], head_keys: dict[str, SigningKey], who: str | None,
                           status: int) -> None:
    doc, digest = adopted
    before = log.size()
    response = _post(_login(who), f"{API}/{doc}/signatures", _signature(head_keys["RUS"], digest))
    assert response.status_code == status
    assert log.size() == before


def test_a_head_cannot_sign_for_another_member(adopted: tuple[int, str], head_keys: dict[str, SigningKey]) -> None:
    doc, digest = adopted
    response = _post(_login("kaz.head"), f"{API}/{doc}/signatures", _signature(head_keys["RUS"], digest))
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "key_id"
    assert not Signature.objects.filter(member_id="RUS").exists()


def test_replayed_and_altered_signatures_are_refused(adopted: tuple[int, str],
                                                     head_keys: dict[str, SigningKey]) -> None:
    doc, digest = adopted
    head = _login("tjk.head")
    body = _signature(head_keys["TJK"], digest)
    assert _post(head, f"{API}/{doc}/signatures", body).status_code == 201
    before = log.size()
    replay = _post(head, f"{API}/{doc}/signatures", body)
    assert replay.status_code == 409
    assert replay.json()["errors"][0]["field"] == "signature"
    doc2, _ = org.adopted_statement()
    before = log.size()
    altered = _post(head, f"{API}/{doc2}/signatures", {**body})  # a signature over the first document's hash
    assert altered.status_code == 400
    assert altered.json()["errors"][0]["field"] == "signature"
    assert "does not verify" in altered.json()["errors"][0]["reason"]
    assert log.size() == before


def test_bad_input_names_the_field(head_keys: dict[str, SigningKey]) -> None:
    secretariat = _login("secretariat")
    before = log.size()
    response = _post(secretariat, API, {**NEW, "kind": "poem"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "kind", "label": "Kind",
                                         "reason": response.json()["errors"][0]["reason"]}]
    missing = _post(secretariat, API, {k: v for k, v in NEW.items() if k != "title"})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "title"
    assert log.size() == before


def test_treaty_steps_and_notifications(head_keys: dict[str, SigningKey]) -> None:
    secretariat = _login("secretariat")
    doc = _post(secretariat, API, {**NEW, "kind": "agreement", "force_rule": "on_deposit"}).json()["id"]
    step = _post(secretariat, f"{API}/{doc}/steps", {"member": "KGZ", "kind": "ratification", "on": "2023-01-10"})
    assert step.status_code == 201
    assert _post(_login("kgz.delegate"), f"{API}/{doc}/steps",
                 {"member": "KGZ", "kind": "denounced", "on": "2024-01-10"}).status_code == 403
    subject = {"ru": "Сдача грамоты Кыргызстаном", "en": "Deposit by Kyrgyzstan"}
    note = _post(secretariat, f"{API}/{doc}/notifications", {"on": "2023-01-11", "subject": subject})
    assert note.status_code == 201
    assert note.json()["subject"] == subject
    # A script may still give one text: it is the organization's default language's.
    plain = _post(secretariat, f"{API}/{doc}/notifications", {"on": "2023-01-12", "subject": "Уведомление"})
    assert plain.json()["subject"] == {"ru": "Уведомление"}
    rows = Client().get(f"{API}/{doc}/status").json()["rows"]
    assert {r["member"]: r["in_force_on"] for r in rows}["KGZ"] == "2023-01-10"


def test_an_outsider_sees_no_restricted_document(head_keys: dict[str, SigningKey]) -> None:
    doc = org.statement(classification="members")
    assert Client().get(f"{API}/{doc}").status_code == 404
    assert doc not in [d["id"] for d in Client().get(API).json()]
    assert _login("kgz.delegate").get(f"{API}/{doc}").status_code == 200
    assert _post(Client(), f"{API}/{doc}/versions", {"texts": {"ru": "x"}, "authentic": ["ru"]}).status_code == 401


def test_the_pdf_verifies_by_upload(adopted: tuple[int, str], head_keys: dict[str, SigningKey]) -> None:
    doc, digest = adopted
    org.sign("KAZ", head_keys["KAZ"], doc, digest)
    pdf = Client().get(f"{API}/{doc}/versions/1/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    from django.core.files.uploadedfile import SimpleUploadedFile

    result = Client().post(f"{API}/verify", {"file": SimpleUploadedFile("d.pdf", pdf.content)}).json()
    assert result["ok"], result["problems"]
    assert result["hash"] == digest


def test_every_action_is_in_the_openapi_schema(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in (API, f"{API}/{{document_id}}/versions", f"{API}/{{document_id}}/amendments",
                 f"{API}/amendments/{{amendment_id}}/accept", f"{API}/amendments/{{amendment_id}}/reject",
                 f"{API}/{{document_id}}/adoption", f"{API}/{{document_id}}/signatures",
                 f"{API}/{{document_id}}/steps", f"{API}/{{document_id}}/notifications", f"{API}/verify"):
        assert "post" in paths[path], path


def _every_write(doc: int, amendment: int) -> list[tuple[str, dict[str, Any]]]:
    return [
        (API, NEW),
        (f"{API}/{doc}/versions", {"texts": {"ru": "Текст."}, "authentic": ["ru"]}),
        (f"{API}/{doc}/amendments", {"version": 1, "language": "ru", "paragraph": 1, "text": "Иначе."}),
        (f"{API}/amendments/{amendment}/accept", {}),
        (f"{API}/amendments/{amendment}/reject", {}),
        (f"{API}/{doc}/adoption", {"version": 1, "decision": "Council", "adopted_on": "2022-05-16"}),
        (f"{API}/{doc}/signatures", {"version": 1, "key_id": "ed25519:0000000000000000", "signature": "AA==",
                                     "signed_on": "2022-05-16", "place": "Moscow"}),
        (f"{API}/{doc}/steps", {"member": "RUS", "kind": "ratification", "on": "2022-06-01"}),
        (f"{API}/{doc}/notifications", {"on": "2022-06-01", "subject": "Notice"}),
    ]


@pytest.mark.parametrize(("who", "statuses"), [(None, {401}), ("observer", {403, 404})])
def test_outsiders_change_nothing(head_keys: dict[str, SigningKey], who: str | None, statuses: set[int]) -> None:
    if who == "observer":
        members.add_person(actor=Actor.console(), username="observer", full_name="Observer", role="observer",
                           password=org.PASSWORD)
    doc = org.statement(kind="agreement", force_rule="on_deposit")
    amendment = actions.propose_amendment(actor=org.person("kaz.delegate"), document=doc, version=1,
                                          language="ru", paragraph=1, text="Иначе.").pk
    client = _login(who)
    before = log.size()
    for url, body in _every_write(doc, amendment):
        response = _post(client, url, body)
        assert response.status_code in statuses, (url, response.status_code, response.content)
    assert log.size() == before


def test_a_signature_dated_before_the_adoption_is_refused_in_the_readers_language(
    adopted: tuple[int, str], head_keys: dict[str, SigningKey]
) -> None:
    doc, digest = adopted
    before = log.size()
    response = _login("rus.head").post(f"{API}/{doc}/signatures",
                                       json.dumps(_signature(head_keys["RUS"], digest, signed_on="2020-01-01")),
                                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "signed_on"
    assert "раньше его принятия (16 мая 2022 г.)" in error["reason"]
    assert log.size() == before


def test_an_adoption_reads_its_decision_in_the_language_asked_for(adopted: tuple[int, str]) -> None:
    """Issue #16: the adopting decision's stable identifier, and as the asked language writes it."""
    document, _hash = adopted
    answer = _login("secretariat").get(f"{API}/{document}?lang=ru").json()["adoption"]
    assert answer["decision"].startswith("Collective Security Council, 16 May 2022, ")
    assert list(answer["decision_texts"]) == ["ru"]
    assert "16 мая 2022 г." in answer["decision_texts"]["ru"]
