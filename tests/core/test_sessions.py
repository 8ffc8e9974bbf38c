"""The session store (accord.core.sessions) reads a session as Django's database store does."""

from __future__ import annotations

import datetime as dt

import pytest
from asgiref.sync import async_to_sync
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core.acting import Actor
from accord.core.sessions import SessionStore
from accord.ledger import log
from accord.members import actions

pytestmark = pytest.mark.django_db


def test_it_reads_a_session_as_djangos_store_does() -> None:
    kept = DjangoStore()
    kept["person"] = 7
    kept["language"] = "ru"
    kept.save()
    for store in (SessionStore(kept.session_key), DjangoStore(kept.session_key)):
        assert dict(store.items()) == {"person": 7, "language": "ru"}
        assert store.session_key == kept.session_key
    # From the loop, as the live stream reads it.
    assert async_to_sync(SessionStore(kept.session_key).aload)() == {"person": 7, "language": "ru"}
    assert async_to_sync(SessionStore("x" * 32).aload)() == {}


def test_an_expired_or_unknown_session_reads_as_none_and_loses_its_key() -> None:
    kept = SessionStore()
    kept["person"] = 7
    kept.save()
    past = timezone.now() - dt.timedelta(seconds=1)
    Session.objects.filter(session_key=kept.session_key).update(expire_date=past)
    for key in (kept.session_key, "x" * 32, None):
        store = SessionStore(key)
        assert dict(store.items()) == {}
        assert store.session_key is None


def test_a_signed_in_request_reads_its_session_once(organization: None) -> None:
    from accord.members.models import Person

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Person.objects.get(username="kaz.delegate"))
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/members")
    assert answer.status_code == 200
    read = [query["sql"] for query in queries.captured_queries if "django_session" in query["sql"]]
    assert len(read) == 1
    assert read[0].startswith('SELECT "django_session"."session_data", "ledger_head"."size", '
                              '"ledger_head"."frontier" FROM ')
    # The answer's tag has the log's version read with the session: no read of the head of its own.
    assert answer.headers["ETag"]
    assert not [query for query in queries.captured_queries if "ledger_head" in query["sql"]
                and "django_session" not in query["sql"]]


def test_the_log_head_is_read_with_the_session(organization: None) -> None:
    kept = SessionStore()
    kept["language"] = "ru"
    kept.save()
    read = SessionStore(kept.session_key)
    assert not read.log_head_read
    assert dict(read.items()) == {"language": "ru"}
    assert read.log_head_read
    assert log.version_of(read.log_head) == log.version()
    # An unknown session still reads the head (it is one row either way).
    unknown = SessionStore("x" * 32)
    assert dict(unknown.items()) == {}
    assert unknown.log_head_read
    assert log.version_of(unknown.log_head) == log.version()
    # No session key: nothing is read, and a request's version is read on its own.
    assert not SessionStore().log_head_read


def test_a_tag_read_with_the_session_changes_with_the_next_act(organization: None) -> None:
    from accord.members.models import Person

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Person.objects.get(username="kaz.delegate"))
    first = client.get("/api/v1/members")
    again = client.get("/api/v1/members", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304
    actions.add_person(actor=Actor.console(), username="kaz.newcomer", full_name="Newcomer", member="KAZ",
                       role="observer")
    changed = client.get("/api/v1/members", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]


def test_a_signed_in_page_says_the_log_size_it_was_read_at_without_a_query_of_its_own(organization: None) -> None:
    """Where the page's live stream begins (<body data-log-size>, web/live.js): the size read with the session."""
    from accord.members.models import Person

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(Person.objects.get(username="kaz.delegate"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/members/").content.decode()
    assert f'data-log-size="{log.size()}"' in page
    assert not [query for query in queries.captured_queries if "ledger_head" in query["sql"]
                and "django_session" not in query["sql"]]
    actions.add_person(actor=Actor.console(), username="kaz.adviser", full_name="Adviser", role="observer")
    assert f'data-log-size="{log.size()}"' in client.get("/members/").content.decode()
    # A reader without a session: the size its page's tag was read at, in the same query.
    with CaptureQueriesContext(connection) as queries:
        page = Client(HTTP_HOST="127.0.0.1").get("/members/").content.decode()
    assert f'data-log-size="{log.size()}"' in page
    assert len([query for query in queries.captured_queries if "ledger_head" in query["sql"]]) == 1
