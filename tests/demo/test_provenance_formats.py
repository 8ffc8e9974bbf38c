"""The demo's marked values carry their mark in every form they are given in (issue #19): pages in English and
Russian, the minutes' and the documents' PDFs, the iCalendar feeds, the API; the 2024 budget session's illustrative
day and what derives from it; the joint statement on military cooperation adopted as reported; the crisis page."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader
from pytest_django import Settings

from accord.core import calendar
from accord.crises.models import Crisis
from accord.decisions.models import Decision
from accord.demo import decisions as decisions_demo
from accord.demo import loader
from accord.documents.models import Document
from accord.meetings.models import Session

pytestmark = pytest.mark.django_db

BUDGET_DAY = {"en": "28 November 2024", "ru": "28 ноября 2024 г."}
ILLUSTRATIVE = {"en": "illustrative", "ru": "условно"}
REPORTED = {"en": "reported", "ru": "по сообщениям"}
NEAR = 200
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAGS.sub(" ", page)))


@pytest.fixture
def demo(settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=io.StringIO())


def _client(persona: str | None, language: str) -> Client:
    client = Client()
    if persona is not None:
        assert client.login(username=persona, password=loader.PASSWORD)
    client.cookies["django_language"] = language
    return client


def _unmarked(text: str, value: str, mark: str) -> list[str]:
    """Each place `value` is printed in `text` without `mark` shortly after it."""
    return [text[found.start():found.end() + NEAR] for found in re.finditer(re.escape(value), text)
            if mark not in text[found.end():found.end() + NEAR]]


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _budget() -> tuple[Session, Decision]:
    session = next(s for s in Session.objects.all() if s.starts_on.isoformat() == decisions_demo.BUDGET_SESSION)
    decision = next(d for d in Decision.objects.select_related("proposal")
                    if "budget" in d.proposal.title.get("en", ""))
    return session, decision


@pytest.mark.usefixtures("demo")
def test_the_budget_sessions_illustrative_day_is_marked_wherever_it_is_printed() -> None:
    session, decision = _budget()
    proposal = decision.proposal_id
    assert decision.identifier
    assert "28 November 2024" in decision.identifier
    pages = ["/meetings/", f"/meetings/sessions/{session.pk}/", "/decisions/", f"/decisions/{proposal}/",
             "/meetings/calendar/?month=2024-11"]
    for language in ("en", "ru"):
        for persona in (None, "secretariat", "arm.head"):
            client = _client(persona, language)
            for path in pages:
                answer = client.get(path)
                assert answer.status_code == 200, path
                text = _text(answer.content.decode())
                if path.startswith("/meetings/calendar"):  # the calendar gives the day by its place in the grid
                    assert f"({ILLUSTRATIVE[language]})" in text, (language, path)
                    continue
                assert BUDGET_DAY[language] in text, (language, path)
                assert not _unmarked(text, BUDGET_DAY[language], ILLUSTRATIVE[language]), (language, persona, path)
        # The identifier, which names the day, says beside it that the day is illustrative.
        page = _client(None, language).get(f"/decisions/{proposal}/").content.decode()
        shown = re.search(r'class="decision-identifier">(.*?)</dd>', page, re.S)
        assert shown is not None, language
        assert ILLUSTRATIVE[language] in _text(shown.group(1)), language
    # The feeds: the per-session file and a person's feed say it in the entry's title and description.
    client = _client(None, "en")
    ics = client.get(f"/meetings/sessions/{session.pk}/calendar.ics?lang=en").content.decode().replace("\r\n ", "")
    assert "SUMMARY:Regular session of the Collective Security Council\\, 2024 (illustrative)" in ics, ics
    assert "28 November 2024\\, is illustrative" in ics
    feed = client.get(calendar.feed_path("arm.head") + "?lang=ru").content.decode().replace("\r\n ", "")
    event = next(block for block in feed.split("BEGIN:VEVENT") if "DTSTART;VALUE=DATE:20241128" in block)
    assert "(условно)" in event
    # The API: the session's days and the decision's identifier and day carry their provenance.
    sessions = {s["id"]: s for s in client.get("/api/v1/meetings/sessions").json()}
    assert sessions[session.pk]["provenance"]["starts_on"]["certainty"] == "illustrative"
    assert client.get(f"/api/v1/meetings/sessions/{session.pk}").json()["provenance"]["starts_on"]["certainty"] \
        == "illustrative"
    given = client.get(f"/api/v1/decisions/{proposal}").json()["procedure"]["decision"]["provenance"]
    assert given["identifier"]["certainty"] == given["on"]["certainty"] == "illustrative"


@pytest.mark.usefixtures("demo")
def test_the_joint_statement_on_military_cooperation_is_adopted_as_reported_everywhere() -> None:
    document = next(d for d in Document.objects.all()
                    if d.title.get("en") == "Joint statement on military cooperation")
    decision = Decision.objects.get(identifier=decisions_demo.MILITARY_DECISION)
    assert decision.decided_on.isoformat() == "2022-05-16"
    for language in ("en", "ru"):
        client = _client(None, language)
        listed = _text(client.get("/documents/").content.decode())
        row = listed[listed.index({"en": "Joint statement on military cooperation",
                                   "ru": "Совместное заявление о военном сотрудничестве"}[language]):][:400]
        assert {"en": "Adopted", "ru": "Принят"}[language] in row, row
        assert {"en": "Draft", "ru": "Проект"}[language] not in row, row
        assert REPORTED[language] in row
        page = _text(client.get(f"/documents/{document.pk}/").content.decode())
        assert {"en": "The text is not available", "ru": "Текст недоступен"}[language] in page
        adopted = re.search({"en": r"adopted on 16 May 2022(.{0,60})", "ru": r"принята 16 мая 2022 г\.(.{0,60})"}
                            [language], page)
        assert adopted is not None, page
        assert REPORTED[language] in adopted.group(1), page
        # The decision in the register, its day marked reported, with its source.
        shown = client.get(f"/decisions/{decision.proposal_id}/").content.decode()
        printed = re.escape({"en": "16 May 2022", "ru": "16 мая 2022 г."}[language])
        day = re.search(r'<dd>\s*<span class="date">' + printed + r"(.{0,600})", shown, re.S)
        assert day is not None, language
        assert REPORTED[language] in _text(day.group(1))[:NEAR], language
    api = _client(None, "en").get(f"/api/v1/decisions/{decision.proposal_id}").json()["procedure"]["decision"]
    assert api["provenance"]["on"]["certainty"] == "reported"
    assert api["provenance"]["on"]["sources"][0]["title"].startswith("Good Things")
    given = _client(None, "en").get(f"/api/v1/documents/{document.pk}").json()
    assert given["provenance"]["title"]["certainty"] == "reported"
    assert given["adoption"]["provenance"]["adopted_on"]["certainty"] == "reported"
    # Its PDF says the adoption is reported, and prints no signature the record does not give.
    pdf = _client(None, "en").get(f"/api/v1/documents/{document.pk}/versions/1/pdf")
    assert pdf.status_code == 200
    text = _pdf_text(pdf.content)
    assert ("Adopted: Collective Security Council, 16 May 2022, Joint statement on military cooperation, "
            "2022-05-16 (reported") in text, text[-1500:]
    assert "Ed25519" not in text


@pytest.mark.usefixtures("demo")
def test_the_minutes_pdf_the_feeds_and_the_api_mark_the_illustrative_and_uncertain_values() -> None:
    # The 1999 non-extensions' day, uncertain, in the member's history and the treaty's steps.
    client = _client(None, "en")
    for code in ("AZE", "GEO", "UZB"):
        history = client.get(f"/api/v1/members/{code}").json()["history"]
        ended = next(event for event in history if event["kind"] == "did_not_extend")
        assert ended["provenance"]["on"]["certainty"] == "uncertain", code
    treaty = next(d for d in Document.objects.all() if d.title.get("en") == "Collective Security Treaty")
    ceased = [step for step in client.get(f"/api/v1/documents/{treaty.pk}").json()["steps"]
              if step["kind"] == "ceased"]
    assert len(ceased) == 3
    assert all(step["provenance"]["on"]["certainty"] == "uncertain" for step in ceased)
    summit = next(s for s in Session.objects.all() if s.starts_on.isoformat() == "2022-05-16")
    for language, mark in (("en", "· illustrative"), ("ru", "· условно")):
        minutes = f"/meetings/sessions/{summit.pk}/minutes/?format=pdf&lang={language}"
        pdf = _client("secretariat", language).get(minutes)
        assert pdf.status_code == 200
        text = _pdf_text(pdf.content)
        slots = re.findall(r"16 (?:May|мая) 2022(?: г\.)?, 1[2-6]:00", text)
        assert len(slots) >= 5, text[-2000:]
        assert text.count(mark) >= len(slots), (language, text[-2000:])
    feed = _client(None, "en").get(calendar.feed_path("rus.head") + "?lang=en").content.decode()
    bilaterals = [block for block in feed.replace("\r\n ", "").split("BEGIN:VEVENT") if "UID:bilateral-" in block]
    assert len(bilaterals) == 5
    assert all("(illustrative)" in block for block in bilaterals)
    ics = _client(None, "en").get(f"/meetings/sessions/{summit.pk}/calendar.ics?lang=en").content.decode()
    listed = [block for block in ics.replace("\r\n ", "").split("BEGIN:VEVENT") if "UID:bilateral-" in block]
    assert len(listed) == 5
    assert all("(illustrative)" in block for block in listed)


@pytest.mark.usefixtures("demo")
def test_the_crisis_page_gives_kyrgyzstans_vehicles_and_no_stray_mark() -> None:
    kazakhstan = Crisis.objects.get(requester_id="KAZ")
    for language, vehicles, equipment in (("en", "19 vehicles", "19 pieces of equipment"),
                                          ("ru", "19 единиц автотехники", "19 единиц техники")):
        client = _client(None, language)
        text = _text(client.get(f"/crises/{kazakhstan.pk}/").content.decode())
        assert vehicles in text, language
        assert equipment not in text, language
        # The decision recorded as the members' answer: its mark stands before the sentence's full stop.
        assert not re.search(r"\)\s*\.\s*·", text), re.search(r".{200}\)\s*\.\s*·.{40}", text)
    pledges = _client(None, "en").get(f"/api/v1/crises/{kazakhstan.pk}").json()["pledges"]
    kyrgyzstan = next(p for p in pledges if p["member"] == "KGZ")
    assert (kyrgyzstan["equipment"], kyrgyzstan["equipment_unit"]) == (19, "vehicles")
