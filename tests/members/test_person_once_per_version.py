"""A signed-in request's person is read once per version of the log (accord.members.backends): not again while
no act was recorded, again at once after any act, and never shared between requests."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.members import actions
from accord.members.models import Person

PAGE = "/members/"


@pytest.fixture
def organization(db: None) -> None:
    reference_org.build()


def _signed_in(username: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Person.objects.get(username=username))
    return client


def _user(client: Client) -> Any:
    """The request's user, as a page of `PAGE` had it."""
    return client.get(PAGE).wsgi_request.user


def _person_reads(client: Client, path: str = PAGE) -> tuple[int, int]:
    """The answer's status, and how many times it read a person."""
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    return answer.status_code, sum('FROM "members_person"' in str(query["sql"])
                                   for query in captured.captured_queries)


def _some_act() -> None:
    actions.add_member(actor=Actor.console(), code="SRB", acceded_on="2020-01-01")


def test_the_person_is_read_once_while_no_act_is_recorded(organization: None) -> None:
    client = _signed_in("kaz.delegate")
    assert _person_reads(client) == (200, 1)
    assert _person_reads(client) == (200, 0)
    assert _person_reads(client, "/api/v1/members") == (200, 0)
    # Another person is read once too, at the same version.
    other = _signed_in("arm.head")
    assert _person_reads(other) == (200, 1)
    assert _person_reads(other) == (200, 0)
    assert _person_reads(client) == (200, 0)


def test_any_act_has_the_person_read_again(organization: None) -> None:
    client = _signed_in("kaz.delegate")
    _person_reads(client)
    _some_act()
    assert _person_reads(client) == (200, 1)
    assert _person_reads(client) == (200, 0)


def test_a_role_changed_is_seen_by_the_next_request(organization: None) -> None:
    client = _signed_in("kaz.delegate")
    assert _user(client).role == "delegate"
    assert _user(client).role == "delegate"
    actions.change_role(actor=Actor.console(), person="kaz.delegate", role="observer")
    assert _user(client).role == "observer"


@pytest.mark.parametrize("act", [
    pytest.param(lambda: actions.deactivate_person(actor=Actor.console(), person="kaz.delegate", reason="left"),
                 id="deactivated"),
    pytest.param(lambda: actions.set_password(actor=Actor.console(), person="kaz.delegate",
                                              password="a-new-long-password-1"), id="password-set"),
])
def test_a_person_deactivated_or_given_a_new_password_is_signed_out_at_the_next_request(
        organization: None, act: Callable[[], object]) -> None:
    client = _signed_in("kaz.delegate")
    assert _user(client).is_authenticated
    assert _user(client).is_authenticated
    act()
    assert not _user(client).is_authenticated


def test_each_request_has_its_own_person(organization: None) -> None:
    client = _signed_in("kaz.delegate")
    first = _user(client)
    first.full_name = "Changed in one request"
    first.member.code = "XXX"
    second = _user(client)
    assert second.full_name != "Changed in one request"
    assert second.member.code == "KAZ"
    assert second is not first
