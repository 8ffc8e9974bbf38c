"""Crawl the demo as each persona, in English and Russian, and fail if a value its record marks illustrative or
uncertain is printed anywhere without its mark beside it (accord.core.provenance)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
from crawl import pages
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from pytest_django import Settings

from accord.core import dates, provenance
from accord.core.models import Provenance
from accord.demo import loader
from accord.ledger.models import Entry

pytestmark = pytest.mark.django_db

PERSONAS = (None, "observer", "secretariat", "arm.head", "kaz.delegate")
LANGUAGES = ("en", "ru")
# Pages that are not the organization's record as a reader meets it: the API and its docs, static files,
# the sign-out, and the ledger explorer's raw entries (which print the provenance itself, as the log holds it).
SKIPPED = re.compile(r"^/(api/|static/|media/|accounts/logout|logout|ledger/entries/\d|ledger/\d)")
NEAR = 160  # characters of a page's text after a value within which its mark must stand
# Pages of one kind are alike: a few of each are read (tests/crawl.py).
PER_KIND = 3
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(TAGS.sub(" ", page)))


def _marked_values(language: str) -> list[tuple[str, str]]:
    """(how the value is printed in `language`, its mark) for every illustrative or uncertain field."""
    found = []
    with translation.override(language):
        for row in Provenance.objects.all():
            body = json.loads(Entry.objects.get(seq=row.entry_seq).data)["statement"].get("body", {})
            for name, given in row.data.get("fields", {}).items():
                if given["certainty"] not in (provenance.UNCERTAIN, provenance.ILLUSTRATIVE):
                    continue
                value = body.get(name) or body.get("at")
                if not isinstance(value, str):
                    continue
                try:
                    instant = dt.datetime.fromisoformat(value)
                except ValueError:
                    continue
                mark = str(provenance.CERTAINTY_LABELS[given["certainty"]])
                # As pages print it: a value known to the day only (a date) prints as the day alone.
                found.append((dates.instant(instant), mark))
    return sorted(set(found))


def test_no_illustrative_or_uncertain_value_is_printed_without_its_mark(
        settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=io.StringIO())
    unmarked: list[str] = []
    checked = 0
    for language in LANGUAGES:
        values = _marked_values(language)
        assert values, "the demo marks no value illustrative or uncertain"
        for persona in PERSONAS:
            client = Client()
            if persona is not None:
                assert client.login(username=persona, password=loader.PASSWORD)
            client.cookies["django_language"] = language
            for path, page in pages(client, skipped=SKIPPED.match, per_kind=PER_KIND):
                text = _text(page)
                for printed, mark in values:
                    for found in re.finditer(re.escape(printed), text):
                        checked += 1
                        if mark not in text[found.end():found.end() + NEAR]:
                            unmarked.append(f"{persona or 'public'} {language} {path}: {printed!r} "
                                            f"without {mark!r}: …{text[found.start():found.end() + NEAR]}…")
    assert checked > 0, "no marked value was found on any page: the crawl reached none of them"
    assert not unmarked, "\n".join(sorted(set(unmarked))[:40])
