"""One outsider test over every surface: every page and every API operation, as the public, an observer and
another member's delegate, on a world with a canary in every sealed body and every closed part.

No answer may contain a canary the persona may not read (HTML, JSON, a PDF's text, an iCalendar file, the
live stream's backlog); a hidden thing and a missing thing must answer alike, status and body; nothing may
answer 5xx. The routes come from Django's resolver and the OpenAPI schema (outsiders_routes), so that a new
route is called here without anyone adding it to a list.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import meetings_world
import outsiders_routes as routes
import outsiders_world as w
import pytest
from django.db import transaction
from django.test import Client
from pypdf import PdfReader

from accord.core import calendar
from accord.core.policy import viewer_of
from accord.members.models import Person

SURFACES = routes.surfaces()


@pytest.fixture(scope="module")
def outsiders(django_db_setup: None, django_db_blocker: Any) -> Iterator[w.World]:
    """The world, built once for the module and rolled back after it; each test runs in a savepoint of it.

    Building it through the real actions takes seconds, and the test calls hundreds of routes on it. The
    actions open durable transactions, which Django allows only directly inside a test case's own atomic
    block: this outer block says it is one (as django.test.TestCase's blocks do).
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # type: ignore[attr-defined]
        with outer:
            yield w.build()
            transaction.set_rollback(True)


# (test id, username, the member it is an official of)
PERSONAS = [("anonymous", None, None), ("observer", "observer", None),
            ("another-members-delegate", "tjk.delegate", w.OTHER_MEMBER)]
STREAM = routes.API_PREFIX + "events"


def _client(username: str | None) -> Client:
    client = Client()
    if username is not None:
        client.force_login(Person.objects.get(username=username))
    return client


def _request(client: Client, surface: routes.Surface, path: str, call: routes.Call, world: w.World) -> Any:
    method = surface.method.lower()
    if surface.probe:
        body = routes.probe_body(surface, world, call)
        return client.post(path, json.dumps(body), content_type="application/json")
    if surface.body_type == "page":
        return client.get(path) if method == "get" else client.post(path, {})
    if surface.body_type == "multipart/form-data":
        return client.post(path, {"file": io.BytesIO(b"%PDF-1.4 not a document")})
    body = routes.body_of(surface)
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _stream_backlog(username: str | None) -> str:
    """The live stream never ends: its backlog (`?since=0`) is read as the stream writes it, frame by frame."""
    from accord.core.api import _frame
    from accord.core.history import events_after

    viewer = viewer_of(Person.objects.get(username=username) if username else None)
    return "".join(_frame(event, viewer) for event in events_after(-1, limit=100_000))


def _text(response: Any) -> str:
    """What a reader of the answer sees: a PDF's text as pypdf extracts it, anything else as sent."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", errors="replace")


def _shape(text: str, path: str, values: dict[str, str]) -> str:
    """The answer with the path and ids it was asked about, and each response's own CSRF token, taken out."""
    text = text.replace(path, "{path}")
    text = re.sub(r'(name="csrfmiddlewaretoken" value=|"csrfToken": ?|csrf_token" content=)"[^"]+"', r"\1", text)
    for name, value in values.items():
        text = re.sub(rf"(?<![\w.:-]){re.escape(value)}(?![\w:-]|\.\w)", "{" + name + "}", text)
    return text


def _leaked(text: str, sealed: list[str]) -> list[str]:
    flat = re.sub(r"\s+", "", text)  # a PDF breaks long words across lines
    return [canary for canary in sealed if canary in text or canary in flat]


@pytest.mark.parametrize(("persona", "username", "member"), PERSONAS, ids=[p[0] for p in PERSONAS])
@pytest.mark.parametrize("surface", SURFACES, ids=str)
def test_it_leaks_nothing_and_hides_as_missing(outsiders: w.World, db: None, surface: routes.Surface,
                                              persona: str, username: str | None, member: str | None) -> None:
    sealed = w.sealed_from(member)

    def sees(level: str) -> bool:
        return member is not None and level == w.MEMBERS

    answers: dict[tuple[str, str], tuple[int, str, str, routes.Call]] = {}
    for call in routes.calls(surface, outsiders, username, sees):
        for query in routes.queries_of(surface):
            path = surface.path(call.values)
            if path == STREAM and surface.method == "GET":
                status, text = 200, _stream_backlog(username)
            else:
                response = _request(_client(username), surface, path + query, call, outsiders)
                status, text = response.status_code, _text(response)
            where = f"{surface}{query} on a {call.level} thing"
            assert status < 500, f"{where} answered {status}: {text[:300]}"
            assert not _leaked(text, sealed), f"{where} shows {_leaked(text, sealed)}"
            answers[call.level, query] = (status, text, path, call)
    for (level, query), (status, text, path, call) in answers.items():
        if call.hidden:
            missing_status, missing_text, missing_path, missing_call = answers[routes.MISSING, query]
            hidden_shape = _shape(text, path, call.values)
            # The hidden thing's ids are taken out of the missing one's answer too: a page's own number that
            # happens to equal one (a search box's maxlength="200", document 200 on PostgreSQL) is no leak.
            missing_shape = _shape(_shape(missing_text, missing_path, missing_call.values), path, call.values)
            assert (status, hidden_shape) == (missing_status, missing_shape), \
                f"{surface}{query}: a hidden {level} thing answers otherwise than a missing one:\n" + "\n".join(
                    difflib.unified_diff(missing_shape.splitlines(), hidden_shape.splitlines(), "missing",
                                         "hidden", lineterm="", n=1))


def test_it_can_fill_every_path_parameter() -> None:
    """A new route with a parameter nobody has seen fails here: add its filler to outsiders_routes.FILLERS."""
    assert routes.unfillable(SURFACES) == []


def test_it_calls_every_route_of_the_site_and_every_api_operation() -> None:
    called = {(s.method, s.template) for s in SURFACES}
    schema = routes._schema()
    for template, methods in schema["paths"].items():
        for method in methods:
            assert (method.upper(), template) in called
    assert ("GET", "/crises/{pk}/lessons/{lesson}/validate/") in called
    # The API's own pages, which its schema does not describe, are called as pages.
    assert {"/api/v1/docs", "/api/v1/openapi.json"} <= set(routes.api_routes_outside_the_schema())
    assert {("GET", "/api/v1/docs"), ("GET", "/api/v1/openapi.json")} <= called


def test_it_reads_a_canary_where_the_reader_may_see_it(outsiders: w.World, db: None) -> None:
    """The readers above would find a canary: in a PDF's text, in the stream's backlog, in JSON and pages."""
    summit, crisis = outsiders.levels[routes.PUBLIC].session, outsiders.levels[w.MEMBERS].crisis
    inside, member = _client("rus.head"), _client("tjk.delegate")
    pdf = inside.get(f"/meetings/sessions/{summit}/minutes/?format=pdf")
    assert pdf["Content-Type"].startswith("application/pdf")
    assert _leaked(_text(pdf), [meetings_world.CLOSED_TEXT])
    assert _leaked(_stream_backlog("rus.head"), [meetings_world.CLOSED_TEXT])
    assert _leaked(_text(member.get(f"/api/v1/crises/{crisis}")), ["canary-crisis-happened-zq"])
    assert _leaked(_text(member.get(f"/crises/{crisis}/")), ["canary-crisis-purpose-zq"])
    feed = _text(inside.get(calendar.feed_path("rus.head")))
    assert _leaked(feed, [meetings_world.SECRET_SESSION])


def test_it_names_a_new_route_whose_parameter_it_cannot_fill() -> None:
    new = routes.Surface("GET", "/widgets/{widget_id}/", routes._parameters("/widgets/{widget_id}/"))
    assert routes.unfillable([new]) == ["/widgets/{widget_id}/: {widget_id} after 'widgets'"]
