"""Every date and time the main pages show, in English, Russian and French: one format per language,
the zone named wherever there is a time, and no time where only the day is known (issue #21)."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import reference_org
from django.template import Context, Template
from django.test import Client
from django.utils import dates as month_names
from django.utils import translation

from accord.core import dates
from accord.core.acting import Actor
from accord.crises.models import Crisis
from accord.decisions.models import Proposal
from accord.documents.models import Document
from accord.exercises.models import Exercise
from accord.forces.models import Force
from accord.meetings.models import Session
from accord.members import actions
from accord.monitoring.models import Theme

LANGUAGES = ("en", "ru", "fr")
# Russian marks the year (the abbreviation of the word for year) and puts the month in the genitive.
YEAR_MARK = {"en": "", "ru": " г.", "fr": ""}


class _Text(HTMLParser):
    """A page's text as a reader sees it: no script or style, no machine text (an entry's JSON, in `pre`
    and `code`), nor a chart's axis ticks (a scale whose every mark names its full day in its title),
    nor text quoted in another language."""

    SKIPPED = {"script", "style", "pre", "code"}

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.open: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr", "line", "rect", "circle", "path", "col", "source"}:
            return
        given = dict(attrs)
        # A field's hint names the forms a typed day may take (the numeric one among them): no date shown.
        skipped = (tag in self.SKIPPED or "sync-tick" in (given.get("class") or "")
                   or "hint" in (given.get("class") or "").split()
                   or given.get("lang", self.language) not in (self.language, None))
        self.open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            opened, _skipped = self.open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(skipped for _tag, skipped in self.open):
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", html.unescape(" ".join(self.parts)))


def _visible(page: str, language: str) -> str:
    reader = _Text(language)
    # A day or a time kept whole on one line (span.date), and a day a narrow column may break before its year
    # (span.date-parts around two of them), is inline text: "16 May 2022, 14:30 UTC".
    whole = re.sub(r'<span class="date">([^<]*)</span>', r"\1", page)
    reader.feed(re.sub(r'<span class="date-parts">([^<]*)</span>', r"\1", whole))
    return reader.text()


def _formats(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The language's one day and one instant, as patterns."""
    with translation.override(language):
        names = {str(name) for table in (month_names.MONTHS, month_names.MONTHS_ALT) for name in table.values()}
    months = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    day = rf"\b\d{{1,2}} (?:{months}) \d{{4}}{re.escape(YEAR_MARK[language])}"
    return re.compile(day), re.compile(rf"{day}, \d{{2}}:\d{{2}}(?::\d{{2}})? UTC")


# What a date or a time in any other shape looks like.
STRAY = {
    "a time outside an instant": re.compile(r"\b\d{1,2}:\d{2}\b"),
    "an ISO day": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "a numeric day": re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"),
    "a 12-hour time": re.compile(r"\b\d{1,2}(?::\d{2})? ?[AaPp]\.? ?[Mm]\b\.?"),
    # A Russian day ends with the year's abbreviation and its period: a sentence ends on it.
    "a second period after a day": re.compile(r"⟨day\.⟩\."),
}


def _shown(text: str, language: str) -> tuple[str, int, int]:
    """The text with its days and instants taken out, and how many of each there were."""
    day, instant = _formats(language)
    without_instants, instants = instant.subn("⟨instant⟩", text)
    # A day ending with a period (Russian's year mark) is marked so, to find a sentence's period after it.
    rest, days = day.subn(lambda found: "⟨day.⟩" if found.group(0).endswith(".") else "⟨day⟩", without_instants)
    return rest, days, instants


def _strays(rest: str, text: str) -> list[str]:
    found = [f"{what}: …{rest[max(0, m.start() - 40):m.end() + 20]}…"
             for what, pattern in STRAY.items() for m in pattern.finditer(rest)]
    # A day known only to the day never shows a time.
    found += [f"midnight: …{m.group(0)}…" for m in re.finditer(r".{30}00:00 UTC", text)]
    return found


def _pages() -> list[str]:
    session = Session.objects.order_by("starts_on").last()
    proposal = Proposal.objects.filter(procedures__isnull=False).order_by("pk").last()
    document = Document.objects.filter(versions__signatures__isnull=False).order_by("pk").first()
    crisis = Crisis.objects.order_by("pk").first()
    exercise = Exercise.objects.filter(state="cancelled").order_by("pk").first()
    force = Force.objects.order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    assert theme
    assert exercise
    assert force
    assert session
    assert proposal
    assert document
    assert crisis
    return ["/", "/members/", "/members/ARM/", "/ledger/", "/ledger/1/", "/bodies/", "/ledger/checkpoint/",
            "/meetings/", f"/meetings/sessions/{session.pk}/", f"/meetings/sessions/{session.pk}/minutes/",
            f"/meetings/sessions/{session.pk}/bilaterals/", "/meetings/calendar/?month=2022-01",
            "/decisions/", f"/decisions/{proposal.pk}/", "/documents/", f"/documents/{document.pk}/",
            "/crises/", f"/crises/{crisis.pk}/", f"/crises/{crisis.pk}/letters/notification/",
            "/exercises/", f"/exercises/{exercise.pk}/", "/forces/", f"/forces/{force.pk}/", "/monitoring/",
            f"/monitoring/{theme.pk}/"]


@pytest.fixture
def secretariat(transactional_db: None) -> Client:
    """The demo (or the reference organization) keeping its content in its languages and French, read by
    the secretariat, who sees every page."""
    reference_org.load()
    actions.configure_organization(actor=Actor.console(), languages=["ru", "en", "fr"])
    client = Client()
    assert client.login(username="secretariat", password=reference_org.PASSWORD)
    return client


def test_every_date_and_time_on_the_main_pages_has_its_languages_one_format(secretariat: Client) -> None:
    strays: list[str] = []
    shown = {language: [0, 0] for language in LANGUAGES}
    for path in _pages():
        for language in LANGUAGES:
            secretariat.cookies["django_language"] = language
            answer = secretariat.get(path)
            assert answer.status_code == 200, path
            page = answer.content.decode()
            assert f'<html lang="{language}"' in page
            text = _visible(page, language)
            rest, days, instants = _shown(text, language)
            shown[language][0] += days
            shown[language][1] += instants
            strays += [f"{path} ({language}) {stray}" for stray in _strays(rest, text)]
    assert not strays, "\n".join(strays)
    # The pages do show days and instants, in every language: the check above had something to check.
    assert all(days > 20 and instants > 5 for days, instants in shown.values()), shown


@pytest.mark.parametrize(("language", "day", "instant"), [
    ("en", "6 January 2022", "6 January 2022, 14:05 UTC"),
    ("ru", "6 января 2022 г.", "6 января 2022 г., 14:05 UTC"),
    ("fr", "6 janvier 2022", "6 janvier 2022, 14:05 UTC"),
])
def test_it_writes_a_day_and_an_instant_in_each_language(language: str, day: str, instant: str) -> None:
    moment = dt.datetime(2022, 1, 6, 14, 5, 30, tzinfo=dt.UTC)
    with translation.override(language):
        assert dates.day(moment.date()) == day
        assert dates.day(moment) == day
        assert dates.instant(moment) == instant
        assert dates.instant(moment, seconds=True) == instant.replace("14:05", "14:05:30")
        # A fact known only to the day (recorded at 00:00 UTC) shows no time.
        assert dates.instant(dt.datetime(2022, 1, 6, tzinfo=dt.UTC)) == day


def test_a_day_and_a_time_with_its_zone_never_break_across_two_lines() -> None:
    """A Russian day wrapped before "г." or between "16" and "мая" (issue #21): the page filters keep each
    day, and each time with its zone, in one unbroken piece, the text itself as dates.py writes it."""
    moment = dt.datetime(2022, 5, 16, 14, 30, tzinfo=dt.UTC)
    with translation.override("ru"):
        page = Template("{% load accord_web %}{{ on|day }} | {{ at|instant }} | {{ midnight|instant }}").render(
            Context({"on": moment.date(), "at": moment, "midnight": moment.replace(hour=0, minute=0)}))
    assert page == ('<span class="date">16 мая 2022 г.</span> | <span class="date">16 мая 2022 г.</span>, '
                    '<span class="date">14:30 UTC</span> | <span class="date">16 мая 2022 г.</span>')
    # A narrow column (two membership histories side by side) may break a day before its year, only there.
    with translation.override("ru"):
        parts = Template('{% load accord_web %}{{ on|day:"year" }}').render(Context({"on": moment.date()}))
    assert parts == ('<span class="date-parts"><span class="date">16 мая</span> '
                     '<span class="date">2022 г.</span></span>')
    stylesheet = (Path(__file__).parents[2] / "accord/web/static/web/accord.css").read_text()
    assert ".date { white-space: nowrap; }" in stylesheet


def test_the_main_pages_days_are_each_in_one_unbroken_piece(secretariat: Client) -> None:
    secretariat.cookies["django_language"] = "ru"
    day, _instant = _formats("ru")
    for path in ("/", "/members/", "/members/ARM/", "/ledger/", "/decisions/", "/meetings/", "/documents/"):
        page = secretariat.get(path).content.decode()
        # The page's text only: a list's options (a line that does not wrap), scripts and fields aside.
        page = re.sub(r"<(option|script|textarea)\b.*?</\1>", "", page, flags=re.S)
        # A day an element holds (not one quoted inside a recorded text, which is the text's own).
        loose = [m.group(0) for m in day.finditer(page)
                 if not page[page.rfind(">", 0, m.start()) + 1:m.start()].strip()
                 and not page[:m.start()].endswith('<span class="date">')]
        assert not loose, (path, loose[:5])
