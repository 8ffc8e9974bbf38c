"""Session kinds configured by the charter: an anniversary session beside regular and extraordinary ones."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.acting import Actor
from accord.core.audit import audit
from accord.core.errors import InvalidInput
from accord.ledger import log
from accord.ledger.models import Entry
from accord.meetings import actions
from accord.members import actions as registry
from accord.members.models import Organization, Person

ANNIVERSARY = {"code": "anniversary", "name": {"ru": "Юбилейная сессия", "en": "Anniversary session"}}


def _convene(kind: str) -> Any:
    return actions.convene_session(actor=Actor.console(), body="CSC", title={"ru": "Саммит", "en": "Summit"},
                                   kind=kind, mode="in_person", starts_on="2022-05-16", host="RUS",
                                   place={"ru": "Москва", "en": "Moscow"})


def test_a_kind_the_charter_adds_is_a_session_kind_named_in_the_readers_language(world: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        _convene("anniversary")
    assert caught.value.field == "kind"
    registry.configure_organization(actor=Actor.console(), session_kinds=[ANNIVERSARY])
    session = _convene("anniversary")
    assert session.kind == "anniversary"
    english = Client().get(f"/meetings/sessions/{session.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    russian = Client().get(f"/meetings/sessions/{session.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Anniversary session" in english
    assert "Юбилейная сессия" in russian
    shown = Client().get("/api/v1/organization").json()
    assert shown["session_kinds"] == [ANNIVERSARY]
    assert audit().sound


@pytest.mark.parametrize(("kinds", "field"), [
    ([{"code": "regular", "name": {"ru": "Очередная"}}], "session_kinds.0.code"),
    ([{"code": "Jubilee!", "name": {"ru": "Юбилейная"}}], "session_kinds.0.code"),
    ([ANNIVERSARY, ANNIVERSARY], "session_kinds.1.code"),
    ([{"code": "anniversary", "name": {"en": "Anniversary"}}], "session_kinds.0.name.ru"),
    ("anniversary", "session_kinds"),
])
def test_bad_kinds_name_the_field_and_change_nothing(world: Any, kinds: Any, field: str) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as caught:
        registry.configure_organization(actor=Actor.console(), session_kinds=kinds)
    assert caught.value.field == field
    assert log.size() == before
    assert Organization.objects.get().session_kinds == []


def test_the_api_sets_the_kinds_and_an_entry_without_them_says_nothing_of_them(world: Any) -> None:
    client = Client()
    client.force_login(Person.objects.get(username="secretariat"))
    answer = client.patch("/api/v1/organization", data=json.dumps({"session_kinds": [ANNIVERSARY]}),
                          content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["session_kinds"] == [ANNIVERSARY]
    bodies = [json.loads(e.data)["statement"]["body"] for e in Entry.objects.filter(type="organization.configured")
              .order_by("seq")]
    assert "session_kinds" not in bodies[0]  # configured before any kind was added
    assert bodies[-1]["session_kinds"] == [ANNIVERSARY]


def test_a_sessions_page_reads_nothing_twice(world: Any) -> None:
    """The charter's kind is named from the charter the page read already, and the attachments card takes the
    session the page found for its reader (the summit page read the session three times and the charter twice)."""
    registry.configure_organization(actor=Actor.console(), session_kinds=[ANNIVERSARY])
    session = _convene("anniversary")
    client = Client()
    client.force_login(Person.objects.get(username="rus.delegate"))
    path = f"/meetings/sessions/{session.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        body = client.get(path).content.decode()
    assert "Anniversary session" in body
    repeated = [sql for sql, count in Counter(q["sql"] for q in captured.captured_queries).items() if count > 1]
    assert repeated == []


def test_the_sessions_list_reads_the_charter_once(world: Any) -> None:
    """Each row of a kind the charter adds is named from the charter the request read (accord.core.once), and
    the convening form's check computes the rotation once (the list read the charter three times)."""
    registry.configure_organization(actor=Actor.console(), session_kinds=[ANNIVERSARY])
    _convene("anniversary"), _convene("anniversary")
    client = Client()
    client.force_login(Person.objects.get(username="rus.delegate"))
    client.get("/meetings/")
    with CaptureQueriesContext(connection) as captured:
        assert "Anniversary session" in client.get("/meetings/").content.decode()
    repeated = [sql for sql, count in Counter(q["sql"] for q in captured.captured_queries).items() if count > 1]
    assert repeated == []
