"""The administration pages and the act they brought (members.title_set): each form acts where the policy
allows it, is refused with the field named in the page's language and what was typed kept, and a page the
viewer may not use answers as a missing one."""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.audit import audit
from accord.core.errors import InvalidInput, NotPermitted
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions
from accord.members.models import Body, ChairOverride, Handover, MembershipEvent, Person, Seat, SigningKey

PASSWORD = reference_org.PASSWORD


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def browser(handle: str | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    return client


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def new_key() -> str:
    return base64.b64encode(bytes(PrivateKey.generate().verify_key)).decode()


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# The act: a person's title.


def test_it_sets_a_title_per_language_and_records_it(organization: None) -> None:
    before = log.size()
    person = actions.set_title(actor=actor("arm.head"), person="arm.delegate",
                               title={"ru": "Посол", "en": "Ambassador"})
    assert dict(Person.objects.get(username="arm.delegate").title) == {"ru": "Посол", "en": "Ambassador"}
    assert person.title.get("en") == "Ambassador"
    assert log.size() == before + 1
    statement = json.loads(Entry.objects.get(seq=before).data)["statement"]
    assert statement["type"] == "members.title_set"
    assert statement["body"] == {"person": "arm.delegate", "title": {"ru": "Посол", "en": "Ambassador"}}


def test_an_empty_title_clears_it(organization: None) -> None:
    actions.set_title(actor=actor("arm.head"), person="arm.delegate", title={"ru": "Посол"})
    actions.set_title(actor=actor("arm.head"), person="arm.delegate", title={})
    assert dict(Person.objects.get(username="arm.delegate").title) == {}


def test_another_delegation_does_not_set_a_title_and_nothing_is_written(organization: None) -> None:
    before = log.size()
    with pytest.raises(NotPermitted) as refused:
        actions.set_title(actor=actor("kaz.head"), person="arm.delegate", title={"ru": "Посол"})
    assert refused.value.field == "member"
    with pytest.raises(NotPermitted):
        actions.set_title(actor=actor("arm.delegate"), person="arm.delegate", title={"ru": "Посол"})
    with pytest.raises(NotPermitted):  # the secretariat does not hold a delegation's keys
        actions.set_title(actor=actor("secretariat"), person="arm.delegate", title={"ru": "Посол"})
    assert log.size() == before


def test_a_title_in_a_language_the_organization_does_not_keep_is_refused_by_name(organization: None) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as refused:
        actions.set_title(actor=actor("arm.head"), person="arm.delegate", title={"de": "Botschafter"})
    assert refused.value.field == "title.de"
    assert log.size() == before


@pytest.mark.django_db(transaction=True, reset_sequences=True)  # the replay numbers rows from 1
def test_the_title_and_a_revocation_replay_from_the_log() -> None:
    reference_org.build()
    actions.set_title(actor=actor("arm.head"), person="arm.delegate", title={"ru": "Посол", "en": "Ambassador"})
    key_id = SigningKey.objects.get(person__username="arm.delegate").key_id
    actions.revoke_key(actor=actor("arm.head"), key_id=key_id, reason={"ru": "Утерян", "en": "Lost"})
    report = audit()
    assert report.refused is None
    assert report.differences == []


# The act through the API.


def test_the_api_sets_a_title(organization: None) -> None:
    response = browser("arm.head").post("/api/v1/persons/arm.delegate/title",
                                        data=json.dumps({"title": {"ru": "Посол", "en": "Ambassador"}}),
                                        content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == {"ru": "Посол", "en": "Ambassador"}


@pytest.mark.parametrize(("handle", "status"), [(None, 401), ("kaz.head", 403), ("arm.delegate", 403)])
def test_the_api_refuses_a_title_to_outsiders(organization: None, handle: str | None, status: int) -> None:
    before = log.size()
    response = browser(handle).post("/api/v1/persons/arm.delegate/title", data=json.dumps({"title": {"ru": "X"}}),
                                    content_type="application/json")
    assert response.status_code == status
    assert log.size() == before


def test_the_api_documents_the_title(organization: None) -> None:
    schema = browser(None).get("/api/v1/openapi.json").json()
    assert "/api/v1/persons/{username}/title" in schema["paths"]


def test_a_revoked_keys_reason_is_texts_in_the_api(organization: None) -> None:
    key_id = SigningKey.objects.get(person__username="arm.delegate").key_id
    response = browser("arm.head").post(f"/api/v1/keys/{key_id}/revoke",
                                        data=json.dumps({"reason": {"ru": "Утерян", "en": "Lost"}}),
                                        content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["revoked_reason"] == {"ru": "Утерян", "en": "Lost"}


# Who sees which page: a page the viewer may not use is missing.

PAGES = ["/administration/", "/administration/people/", "/administration/people/new/",
         "/administration/bodies/", "/administration/history/", "/administration/chairmanship/"]


@pytest.mark.parametrize("path", PAGES)
def test_the_secretariat_opens_every_page(organization: None, path: str) -> None:
    assert browser("secretariat").get(path).status_code == 200


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("handle", [None, "arm.delegate"])
def test_the_public_and_a_delegate_find_no_administration(organization: None, path: str,
                                                          handle: str | None) -> None:
    missing = browser(handle).get("/administration/no-such-page/")
    response = browser(handle).get(path)
    assert response.status_code == 404
    assert text(response).count("Not found") == text(missing).count("Not found")


@pytest.mark.parametrize(("path", "status"), [
    ("/administration/", 200), ("/administration/people/", 200), ("/administration/bodies/", 200),
    ("/administration/people/arm.delegate/", 200),
    ("/administration/history/", 404), ("/administration/chairmanship/", 404)])
def test_a_head_keeps_its_people_but_not_the_registry(organization: None, path: str, status: int) -> None:
    assert browser("arm.head").get(path).status_code == status


def test_the_menu_offers_administration_to_those_it_serves(organization: None) -> None:
    assert "Administration" in text(browser("secretariat").get("/"))
    assert "Administration" in text(browser("arm.head").get("/"))
    assert 'href="/administration/"' not in text(browser("arm.delegate").get("/"))
    assert 'href="/administration/"' not in text(browser(None).get("/"))


def test_a_person_opens_its_own_page_only(organization: None) -> None:
    assert browser("arm.delegate").get("/administration/people/arm.delegate/").status_code == 200
    assert browser("arm.delegate").get("/administration/people/kaz.delegate/").status_code == 404
    assert browser("arm.delegate").get("/administration/people/nobody/").status_code == 404


def test_an_anonymous_post_is_sent_to_sign_in_alike(organization: None) -> None:
    for path in ("/administration/people/arm.delegate/title/", "/administration/people/nobody/title/",
                 "/administration/people/new/", "/administration/bodies/establish/"):
        response = browser(None).post(path, {"title_ru": "X"})
        assert response.status_code == 303
        assert response["Location"].startswith("/login/")


# The forms.


def test_the_filters_narrow_the_list(organization: None) -> None:
    page = text(browser("secretariat").get("/administration/people/?member=ARM&role=head&active=yes"))
    assert "arm.head" in page
    assert "arm.delegate" not in page
    assert "kaz.head" not in page
    page = text(browser("secretariat").get("/administration/people/?member=-"))
    assert "secretariat" in page
    assert "arm.head" not in page


def test_the_people_list_uses_the_shared_filters_of_every_list(organization: None) -> None:
    html = browser("secretariat").get("/administration/people/?role=head").content.decode()
    # core/filters.html: each field in its filters__field, ids filter-<name>, the count and a way to clear.
    assert html.count('class="filters__field"') == 3
    assert 'id="filter-role"' in html
    assert 'id="filter-member"' in html
    assert 'id="filter-active"' in html
    assert 'class="filters__count"' in html
    assert "2 results" in html  # the reference organization's two heads
    assert 'href="/administration/people/">Clear filters' in html
    refused = browser("secretariat").get("/administration/people/?role=emperor").content.decode()
    assert 'class="filters__error"' in refused


def test_the_secretariat_adds_a_person_from_the_page(organization: None) -> None:
    response = browser("secretariat").post("/administration/people/new/", {
        "username": "duty.officer", "full_name_ru": "Дежурный", "full_name_en": "Duty officer",
        "title_ru": "", "title_en": "", "member": "", "role": "secretariat_officer", "password": ""})
    assert response.status_code == 302
    assert response["Location"] == "/administration/people/duty.officer/"
    assert Person.objects.get(username="duty.officer").role == "secretariat_officer"


def test_a_refused_person_comes_back_with_everything_typed_in_russian(organization: None) -> None:
    before = log.size()
    response = browser("secretariat", "ru").post("/administration/people/new/", {
        "username": "arm.head", "full_name_ru": "Дежурный", "full_name_en": "Duty officer",
        "title_ru": "Дежурный офицер", "title_en": "", "member": "", "role": "observer", "password": ""})
    assert response.status_code == 400
    page = text(response)
    assert "занято" in page or "занят" in page
    assert 'value="Дежурный"' in page
    assert 'value="Дежурный офицер"' in page
    assert re.search(r'<option value="observer" selected', page)
    assert log.size() == before


def test_the_secretariat_is_offered_no_delegation_to_add_to(organization: None) -> None:
    page = text(browser("secretariat").get("/administration/people/new/"))
    assert 'value="ARM"' not in page
    page = text(browser("arm.head").get("/administration/people/new/"))
    assert 'value="ARM"' in page
    assert 'value="KAZ"' not in page


def test_a_head_sets_a_title_from_the_page(organization: None) -> None:
    response = browser("arm.head").post("/administration/people/arm.delegate/title/",
                                        {"title_ru": "Посол", "title_en": "Ambassador"})
    assert response.status_code == 302
    assert dict(Person.objects.get(username="arm.delegate").title) == {"ru": "Посол", "en": "Ambassador"}


def test_a_title_is_refused_to_another_delegation_as_on_a_missing_page(organization: None) -> None:
    before = log.size()
    page = text(browser("kaz.head").get("/administration/people/arm.delegate/"))
    assert 'id="title-form"' not in page
    response = browser("kaz.head").post("/administration/people/arm.delegate/title/", {"title_ru": "Посол"})
    assert response.status_code == 403
    assert log.size() == before


def test_a_head_changes_a_role_and_closes_and_reopens_access(organization: None) -> None:
    client = browser("arm.head")
    assert client.post("/administration/people/arm.delegate/role/", {"role": "liaison"}).status_code == 302
    assert Person.objects.get(username="arm.delegate").role == "liaison"
    page = text(client.get("/administration/people/arm.delegate/"))
    assert "data-confirm" in page
    assert 'id="close-access"' in page
    assert client.post("/administration/people/arm.delegate/close/").status_code == 302
    assert not Person.objects.get(username="arm.delegate").is_active
    assert client.post("/administration/people/arm.delegate/reopen/").status_code == 302
    assert Person.objects.get(username="arm.delegate").is_active


def test_a_person_changes_its_own_password_giving_the_current_one(organization: None) -> None:
    client = browser("arm.delegate", "ru")
    before = log.size()
    refused = client.post("/administration/people/arm.delegate/password/", {
        "current_password": "wrong", "password": "a-new-Passphrase-42", "password_again": "a-new-Passphrase-42"})
    assert refused.status_code == 400
    assert "текущий пароль" in text(refused).lower() or "Текущий пароль" in text(refused)
    assert log.size() == before
    done = client.post("/administration/people/arm.delegate/password/", {
        "current_password": PASSWORD, "password": "a-new-Passphrase-42", "password_again": "a-new-Passphrase-42"})
    assert done.status_code == 302
    assert Person.objects.get(username="arm.delegate").check_password("a-new-Passphrase-42")
    # Still signed in under the new password.
    assert client.get("/administration/people/arm.delegate/").status_code == 200


def test_a_weak_password_is_refused_by_djangos_validators(organization: None) -> None:
    response = browser("arm.delegate").post("/administration/people/arm.delegate/password/", {
        "current_password": PASSWORD, "password": "123", "password_again": "123"})
    assert response.status_code == 400
    assert Person.objects.get(username="arm.delegate").check_password(PASSWORD)


def test_a_keeper_resets_a_password_to_a_one_time_one_shown_once(organization: None) -> None:
    response = browser("arm.head").post("/administration/people/arm.delegate/password/", {"password": ""})
    assert response.status_code == 200
    shown = re.search(r'class="one-time-password">([^<]+)<', response.content.decode())
    assert shown is not None
    assert Person.objects.get(username="arm.delegate").check_password(shown.group(1))
    again = browser("arm.head").get("/administration/people/arm.delegate/")
    assert shown.group(1) not in again.content.decode()


def test_a_key_is_registered_and_revoked_with_a_reason_per_language(organization: None) -> None:
    client = browser("arm.head")
    public_key = new_key()
    assert client.post("/administration/people/arm.head/keys/",
                       {"public_key": public_key, "label": "phone"}).status_code == 302
    key = SigningKey.objects.get(person__username="arm.head")
    refused = browser("arm.head", "ru").post(f"/administration/keys/{key.key_id}/revoke/",
                                             {"reason_ru": "", "reason_en": "Lost"})
    assert refused.status_code == 400
    assert 'value="Lost"' in text(refused)
    assert client.post(f"/administration/keys/{key.key_id}/revoke/",
                       {"reason_ru": "Утерян", "reason_en": "Lost"}).status_code == 302
    key.refresh_from_db()
    assert dict(key.revoked_reason) == {"ru": "Утерян", "en": "Lost"}
    assert "Lost" in text(client.get("/administration/people/arm.head/"))


def test_a_key_is_rotated_from_the_page(organization: None) -> None:
    old = SigningKey.objects.get(person__username="arm.delegate")
    response = browser("arm.delegate").post(f"/administration/keys/{old.key_id}/rotate/",
                                            {"public_key": new_key(), "label": "new laptop"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert not old.is_active


def test_a_bad_key_comes_back_beside_its_field(organization: None) -> None:
    response = browser("arm.head", "ru").post("/administration/people/arm.head/keys/",
                                              {"public_key": "not base64!", "label": "phone"})
    assert response.status_code == 400
    assert 'value="not base64!"' in text(response)
    assert 'value="phone"' in text(response)


def test_the_secretariat_establishes_a_body_and_seats_and_unseats(organization: None) -> None:
    client = browser("secretariat")
    assert client.post("/administration/bodies/establish/", {
        "code": "CMD", "name_ru": "Совет министров обороны", "name_en": "Council of Defence Ministers",
        "decides": "on"}).status_code == 302
    assert Body.objects.filter(code="CMD").exists()
    assert client.post("/administration/bodies/CMD/seat/", {"person": "secretariat"}).status_code == 302
    assert Seat.objects.filter(body_id="CMD", person__username="secretariat").exists()
    assert client.post("/administration/bodies/CMD/seats/secretariat/end/", {"reason": ""}).status_code == 302
    assert not Seat.objects.filter(body_id="CMD").exists()


def test_a_head_seats_its_own_people_only(organization: None) -> None:
    actions.establish_body(actor=Actor.console(), code="CMD", name={"ru": "Совет", "en": "Council"})
    page = text(browser("arm.head").get("/administration/bodies/"))
    assert 'value="arm.delegate"' in page
    assert 'value="kaz.delegate"' not in page
    assert 'id="establish"' not in page
    refused = browser("arm.head").post("/administration/bodies/CMD/seat/", {"person": "kaz.delegate"})
    assert refused.status_code == 400
    assert not Seat.objects.exists()


def test_the_secretariat_records_membership_history(organization: None) -> None:
    before = MembershipEvent.objects.count()
    response = browser("secretariat").post("/administration/history/record/", {
        "member": "ARM", "kind": "participation_resumed", "on": "2025-01-10",
        "reference_ru": "", "reference_en": ""})
    assert response.status_code == 302
    assert MembershipEvent.objects.count() == before + 1


def test_a_history_event_after_today_is_refused_beside_its_date(organization: None) -> None:
    response = browser("secretariat", "ru").post("/administration/history/record/", {
        "member": "ARM", "kind": "participation_resumed", "on": "2999-01-10"})
    assert response.status_code == 400
    assert 'value="2999-01-10"' in text(response)


def test_the_secretariat_records_a_handover_and_an_override(organization: None) -> None:
    client = browser("secretariat")
    assert client.post("/administration/chairmanship/override/", {
        "member": "KAZ", "start": "2023-01-01", "end": "2023-06-30", "reason_ru": "Решение Совета",
        "reason_en": "Council decision"}).status_code == 302
    assert ChairOverride.objects.filter(member_id="KAZ").exists()
    refused = client.post("/administration/chairmanship/handover/", {"term": "2023", "on": "2022-11-23"})
    assert refused.status_code == 400
    assert Handover.objects.filter(term=2023).count() == 1


def test_history_and_chairmanship_are_refused_to_a_head_as_missing(organization: None) -> None:
    before = log.size()
    assert browser("arm.head").post("/administration/history/record/", {
        "member": "ARM", "kind": "participation_resumed", "on": "2025-01-10"}).status_code == 404
    assert browser("arm.head").post("/administration/chairmanship/handover/", {
        "term": "2024", "on": "2024-01-01"}).status_code == 404
    assert log.size() == before


def test_a_persons_page_lists_the_acts_on_it(organization: None) -> None:
    actions.set_title(actor=actor("arm.head"), person="arm.delegate", title={"ru": "Посол"})
    page = text(browser("arm.head").get("/administration/people/arm.delegate/"))
    for act in ("Title set", "Official registered", "Signing key registered"):
        assert act in page


@pytest.mark.parametrize("language", ["ru", "fr"])
@pytest.mark.parametrize("path", [*PAGES, "/administration/people/arm.delegate/"])
def test_the_pages_read_in_each_language(organization: None, language: str, path: str) -> None:
    response = browser("secretariat", language).get(path)
    assert response.status_code in (200, 404) if "arm.delegate" in path else response.status_code == 200
    page = text(response)
    for english in ("Add the person", "Record the handover", "Establish a body",
                    "Record an event", "Change your password"):
        assert english not in page


def test_a_plain_reason_is_written_as_given_so_older_and_signed_revocations_replay(organization: None) -> None:
    key_id = SigningKey.objects.get(person__username="arm.delegate").key_id
    before = log.size()
    revoked = actions.revoke_key(actor=actor("arm.head"), key_id=key_id, reason=" lost ")
    assert json.loads(Entry.objects.get(seq=before).data)["statement"]["body"]["reason"] == "lost"
    assert dict(revoked.revoked_reason) == {"ru": "lost"}
