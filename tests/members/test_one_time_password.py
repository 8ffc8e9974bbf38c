"""A password someone else set serves once: its holder reaches nothing but the page to choose its own
(pages, API and live stream alike) until it has; a closed access signs in nowhere and reaches nothing."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from nacl.signing import SigningKey as PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.core.audit import audit
from accord.ledger.models import Entry
from accord.members import actions
from accord.members.models import Person
from accord_verify import entries

CHOOSE = "/administration/password/"


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def _last_body() -> dict[str, object]:
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    return dict(json.loads(entry.data)["statement"]["body"])


def _reset_by_the_head() -> str:
    keeper = Client()
    keeper.force_login(Person.objects.get(username="arm.head"))
    shown = keeper.post("/administration/people/arm.delegate/password/", {"password": ""})
    found = re.search(r'class="one-time-password">([^<]+)<', shown.content.decode())
    assert found is not None
    return found.group(1)


def test_a_reset_password_opens_only_the_page_to_choose_ones_own(organization: None) -> None:
    one_time = _reset_by_the_head()
    assert Person.objects.get(username="arm.delegate").must_change_password
    assert _last_body() == {"person": "arm.delegate", "one_time": True}
    person = Client()
    assert person.post("/login/", {"username": "arm.delegate", "password": one_time}).status_code == 302
    for path in ("/", "/meetings/", "/administration/people/arm.delegate/", "/search/?q=x", "/ledger/"):
        answer = person.get(path)
        assert (answer.status_code, answer["Location"]) == (302, CHOOSE), path
    api = person.get("/api/v1/meetings/sessions")
    assert api.status_code == 403
    assert api.json()["errors"][0]["field"] == "password"
    page = person.get(CHOOSE)
    assert page.status_code == 200
    assert 'id="one-time-notice"' in page.content.decode()
    # Refused (the current password wrong): the field named by its label, nothing changes.
    refused = person.post(CHOOSE, {"current_password": "wrong", "password": "my very own 2026",
                                   "password_again": "my very own 2026"})
    assert refused.status_code == 400
    assert "is not your current password" in refused.content.decode()
    assert Person.objects.get(username="arm.delegate").must_change_password
    chosen = person.post(CHOOSE, {"current_password": one_time, "password": "my very own 2026",
                                  "password_again": "my very own 2026"})
    assert (chosen.status_code, chosen["Location"]) == (302, "/")
    assert not Person.objects.get(username="arm.delegate").must_change_password
    assert _last_body() == {"person": "arm.delegate"}
    assert person.get("/meetings/").status_code == 200  # still signed in, under the new password
    assert person.get("/api/v1/meetings/sessions").status_code == 200
    assert audit().sound


def test_ones_own_change_and_the_console_reset_say_which_it_was(organization: None) -> None:
    actions.set_password(actor=Actor(person=Person.objects.get(username="kaz.head")), person="kaz.head",
                         password="kaz own passphrase")
    assert not Person.objects.get(username="kaz.head").must_change_password
    actions.set_password(actor=Actor.console(), person="kaz.head", password="console one-time 2026")
    assert Person.objects.get(username="kaz.head").must_change_password
    assert _last_body() == {"person": "kaz.head", "one_time": True}
    # In Russian, the page says so in Russian.
    person = Client(HTTP_ACCEPT_LANGUAGE="ru")
    person.force_login(Person.objects.get(username="kaz.head"))
    assert person.get("/").status_code == 302
    assert 'lang="ru"' in person.get(CHOOSE).content.decode()


def test_a_closed_access_signs_in_nowhere_and_reaches_nothing(organization: None) -> None:
    key = PrivateKey.generate()
    public_key = entries.b64(bytes(key.verify_key))
    actions.register_key(actor=Actor.console(), person="arm.delegate", public_key=public_key)
    before = Client()
    before.force_login(Person.objects.get(username="arm.delegate"))
    assert before.get("/api/v1/meetings/sessions").status_code == 200
    actions.deactivate_person(actor=Actor.console(), person="arm.delegate", reason="left office")
    # Signing in is refused; a session opened before is the public's now, on pages and the API.
    fresh = Client()
    refused = fresh.post("/login/", {"username": "arm.delegate", "password": reference_org.PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in fresh.session
    assert before.get("/administration/people/").status_code in (302, 404)
    assert before.get("/api/v1/persons").status_code in (401, 403)
    # Its key signs nothing.
    stmt = entries.statement(log=settings.LOG_ORIGIN, type="members.title_set", member="ARM",
                             person="arm.delegate", classification="public",
                             body={"person": "arm.delegate", "title": {"en": "X"}}, nonce=entries.new_nonce())
    door = Client().post("/api/v1/acts", data=json.dumps({"statement": stmt,
                                                          "signature": entries.sign_statement(stmt, key)}),
                         content_type="application/json")
    assert door.status_code == 400
    assert door.json()["errors"][0]["field"] == "signature.key"
