"""The matrix: every meetings page, API endpoint, feed, PDF and live event × every persona.

Closed content shows only to those who may see it, and a forbidden object looks like a missing one.
"""

from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING

import meetings_world as w
import pytest
from pypdf import PdfReader

from accord.core import calendar
from accord.core.history import events_after
from accord.core.policy import viewer_of
from accord.members.models import Person

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

SECRETS = (w.CLOSED_TEXT, w.CLOSED_ITEM, w.CLOSED_REP)


def _surfaces(world: w.World, username: str | None) -> dict[str, str]:
    s = world.summit
    pages = [
        "/meetings/", "/meetings/calendar/?month=2022-05", f"/meetings/sessions/{s}/",
        f"/meetings/sessions/{s}/live/", f"/meetings/sessions/{s}/bilaterals/", f"/meetings/sessions/{s}/minutes/",
        f"/meetings/sessions/{s}/minutes/?version=public", "/api/v1/meetings/sessions",
        f"/api/v1/meetings/sessions/{s}", "/api/v1/meetings/bilaterals", "/api/v1/openapi.json",
    ]
    return {path: path for path in pages} | {
        "pdf": f"/meetings/sessions/{s}/minutes/?format=pdf",
        "public pdf": f"/meetings/sessions/{s}/minutes/?version=public&format=pdf",
        "api pdf": f"/api/v1/meetings/sessions/{s}/minutes.pdf",
    } | ({"feed": calendar.feed_path(username)} if username else {})


def _text(response: Response) -> str:
    """What a reader of the response sees: a PDF's text as pypdf extracts it, lines joined by spaces."""
    if response["Content-Type"].startswith("application/pdf"):
        pages = PdfReader(io.BytesIO(response.content)).pages
        return " ".join(" ".join(page.extract_text().split()) for page in pages)
    return response.content.decode()


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_it_shows_closed_content_only_to_its_participants(
        world: w.World, login: w.SignIn, persona: str, username: str) -> None:
    client = login(username)
    seen: dict[str, str] = {}
    for name, path in _surfaces(world, username).items():
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        seen[name] = _text(response)
    everything = "\n".join(seen.values())
    if w.sees_closed(username):
        assert w.CLOSED_TEXT in seen[f"/meetings/sessions/{world.summit}/"]
        assert w.CLOSED_TEXT in seen[f"/api/v1/meetings/sessions/{world.summit}"]
        assert w.CLOSED_TEXT in seen["pdf"]
        assert "a closed part: visible to its participants only" in seen[f"/meetings/sessions/{world.summit}/"]
        assert w.SECRET_SESSION in seen["/api/v1/meetings/sessions"]
        # The public version of the minutes is the public's, whoever asks for it.
        assert w.CLOSED_TEXT not in seen["public pdf"]
        assert w.CLOSED_TEXT not in seen[f"/meetings/sessions/{world.summit}/minutes/?version=public"]
    else:
        for secret in (*SECRETS, w.SECRET_SESSION):
            assert secret not in everything, secret
        assert "This closed part took place" in seen[f"/meetings/sessions/{world.summit}/"]
    assert w.OPEN_TEXT in seen[f"/meetings/sessions/{world.summit}/"]
    assert (w.MEMBERS_SESSION in seen["/api/v1/meetings/sessions"]) == w.sees_members(username)
    assert (w.MEMBERS_SESSION in seen["/meetings/"]) == w.sees_members(username)
    assert (w.MEMBERS_PLACE in seen["/api/v1/meetings/bilaterals"]) == w.sees_members(username)
    bilateral_seers = {"secretariat", "rus.head", "rus.delegate", "kgz.head", "kgz.delegate"}
    assert (w.SECRET_PLACE in everything) == (username in bilateral_seers)


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_it_streams_closed_acts_without_their_content(world: w.World, persona: str, username: str) -> None:
    viewer = viewer_of(Person.objects.get(username=username) if username else None)
    frames = [json.dumps(e.for_viewer(viewer), ensure_ascii=False) for e in events_after(-1, limit=10_000)]
    text = "\n".join(frames)
    if w.sees_closed(username):
        assert w.CLOSED_TEXT in text
    else:
        for secret in SECRETS:
            assert secret not in text
    # Asked for as public, a meeting on a members-only session's margins streams as members-only.
    assert (w.MEMBERS_PLACE in text) == w.sees_members(username)


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_it_opens_the_chairs_console_to_who_runs_the_session_and_shows_it_no_closed_content(
    world: w.World, login: w.SignIn, persona: str, username: str
) -> None:
    """Armenia chairs the summit but is not in its closed part: its console shows nothing of that part."""
    response = login(username).get(f"/meetings/sessions/{world.summit}/console/")
    runs = username in ("secretariat", "arm.head", "arm.delegate")
    assert response.status_code == (200 if runs else 302 if username is None else 404)
    if runs and not w.sees_closed(username):
        for secret in SECRETS:
            assert secret not in response.content.decode()


def _shape(content: bytes, number: int) -> bytes:
    """The response with its own id and its per-response CSRF token taken out."""
    without_token = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return without_token.replace(f"/{number}/".encode(), b"/N/").replace(f"/{number}".encode(), b"/N")


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_it_answers_a_forbidden_object_as_a_missing_one(
        world: w.World, login: w.SignIn, persona: str, username: str) -> None:
    client = login(username)
    secret, missing = world.secret_session, 999_999
    visible = w.sees_closed(username)
    for template in ("/api/v1/meetings/sessions/{}", "/meetings/sessions/{}/", "/meetings/sessions/{}/live/",
                     "/meetings/sessions/{}/minutes/", "/meetings/sessions/{}/bilaterals/",
                     "/api/v1/meetings/sessions/{}/minutes.pdf"):
        hidden, absent = client.get(template.format(secret)), client.get(template.format(missing))
        assert absent.status_code == 404
        if visible:
            assert hidden.status_code == 200, template
        else:
            assert hidden.status_code == absent.status_code, template
            assert _shape(hidden.content, secret) == _shape(absent.content, missing), template
    if username is not None and not visible:
        for hidden_path, missing_path, payload in (
            (f"/api/v1/meetings/items/{world.closed_item}/outcome", f"/api/v1/meetings/items/{missing}/outcome",
             {"outcome": "adopted"}),
            (f"/api/v1/meetings/statements/{world.closed_statement}/deliver",
             f"/api/v1/meetings/statements/{missing}/deliver", {"language": "ru", "text": "x"}),
            (f"/api/v1/meetings/items/{world.closed_item}/take-up",
             f"/api/v1/meetings/items/{missing}/take-up", {}),
            (f"/api/v1/meetings/parts/{world.closed_part}/attendance",
             f"/api/v1/meetings/parts/{missing}/attendance", {"member": "KAZ", "presence": "remote"}),
            (f"/api/v1/meetings/parts/{world.closed_part}/speakers",
             f"/api/v1/meetings/parts/{missing}/speakers", {"delegation": "KAZ", "speaker_name": "x"}),
        ):
            hidden = client.post(hidden_path, payload, content_type="application/json")
            absent = client.post(missing_path, payload, content_type="application/json")
            assert hidden.status_code == absent.status_code == 404
            assert hidden.json() == absent.json()
        for path in (f"/api/v1/meetings/sessions/{secret}/items", f"/api/v1/meetings/sessions/{missing}/items"):
            response = client.post(path, {"title": {"ru": "x"}}, content_type="application/json")
            assert response.status_code == 404
            assert response.json() == {"detail": "Session: not found", "errors": [
                {"field": "session", "label": "Session", "reason": "not found"}]}


def test_it_keeps_only_a_commitment_of_a_closed_statement_in_the_public_ledger(
        world: w.World, login: w.SignIn) -> None:
    from accord.meetings.models import Statement

    public = login(None)
    entries = public.get("/api/v1/log/entries?start=0&end=500")
    assert entries.status_code == 200
    assert w.CLOSED_TEXT not in entries.content.decode()
    assert w.MEMBERS_PLACE not in entries.content.decode()
    seq = Statement.objects.get(pk=world.closed_statement).delivered_seq
    entry = public.get(f"/api/v1/log/entries/{seq}").json()
    assert entry["entry"]["statement"]["commitment"]
    assert "body" not in entry["entry"]["statement"]
    assert entry["entry"]["signatures"] == []
    assert set(entry["entry"]["statement"]) == {"v", "log", "type", "classification", "nonce", "commitment"}
    sealed = login("rus.delegate").get(f"/api/v1/log/entries/{seq}/sealed").json()
    assert sealed["content"]["statement"]["body"]["text"] == w.CLOSED_TEXT
