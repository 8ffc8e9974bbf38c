"""The demo reads in the reader's language (issue #16): every page a persona reaches from the home page,
crawled in Russian, shows no run of three Latin words that is content or UI left in English; crawled in
English, no Cyrillic but what is shown in Russian on purpose (under its `lang`); in French, no UI left in
Russian or English where a French translation should exist.

A run is three or more Latin words in a page's text (tags, scripts and styles taken out; attribute values
are not read). What may stay in Latin script is listed in ALLOWED, each with why.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from crawl import pages
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings

from accord.demo.loader import PASSWORD
from accord.drills.models import Drill

# Who reads: the public, and a persona of each kind the demo signs in.
PERSONAS = (None, "observer", "secretariat", "arm.head", "rus.delegate")
# Pages of one kind are alike: a few of each are read (a number in a path stands for any number).
PER_KIND = 2
# Not pages: files, feeds, the API, and what signs out or acts.
SKIPPED = re.compile(r"^/(api|static|media|admin)/|\.(pdf|ics|json|csv|xml|txt|zip|png|svg)$"
                     r"|/(logout|feed|download|export|ical|calendar\.ics|keys/new)/?")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \t\n,;:]+[A-Za-z][A-Za-z'’\-]*){2,}")
ALLOWED: tuple[re.Pattern[str], ...] = (
    # Member states' codes (ISO 3166 alpha-3, as the registry lists them): identifiers, not English.
    re.compile(r"^(?:[A-Z]{3}\s*)+$"),
    # The dashboard names the organization in each of its languages, each marked with its own `lang`.
    re.compile(r"^Collective Security Treaty Organization$"),
    # How an agenda item's references are typed (accord/meetings/references.py): syntax, alike in every language.
    re.compile(r"^proposal:ID, document:ID$"),
    # A source's title is cited as it was published (the seed article, in English), not translated.
    re.compile(r"^(?:Good Things Must go Along With Fists|CSTO Member Countries)$"),
)


def _text(page: str) -> str:
    """What a reader reads: the page without its scripts, styles and tags, entities decoded.

    Also taken out: code (a command to type, `accord ledger verify`, is the same in every language) and the
    timetable's list of time zones (IANA identifiers, `Europe/Moscow`, not words of a language).
    """
    page = re.sub(r"<(script|style|svg|code|pre|kbd|samp)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r'<select id="timetable-zone".*?</select>', " ", page, flags=re.S)
    page = re.sub(r"`[^`<]*`", " ", page)  # a command quoted in a sentence, as the catalogues quote one
    # A document's version shows each of its texts as it was signed, authentic and translation, each
    # under its language's mark: the English text of a Russian and English document is meant to be read.
    page = re.sub(r'<section class="doc-text" lang="(?!ru")[^"]*">.*?</section>', " ", page, flags=re.S)
    # A title shown in each of its languages on purpose (a proposal's), each named beside it: "(английский)".
    page = re.sub(r'<span lang="(?!ru")[^"]*">[^<]*</span>\s*<small class="muted">\([^)<]*\)</small>', " ", page)
    # A form's input for another language holds that language's text on purpose (its `lang` says which).
    page = re.sub(r'<textarea[^>]*\blang="(?!ru")[^"]*"[^>]*>.*?</textarea>', " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def latin_runs(page: str) -> list[str]:
    found = []
    for match in LATIN_RUN.finditer(_text(page)):
        run = " ".join(match.group(0).split())
        if not any(allowed.search(run) for allowed in ALLOWED):
            found.append(run)
    return found


def _client(handle: str | None, language: str) -> Client:
    client = Client()
    if handle:
        assert client.login(username=handle, password=PASSWORD)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def demo(db: None, settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_page_of_the_demo_reads_in_russian(demo: None) -> None:
    # The demo's drill's run of the real pages (accord.drills.middleware) is read too, its documents from
    # their list (the real documents read inside the drill, as a participant opens them there).
    inside = f"/drills/{Drill.objects.get().pk}/run/documents/"
    leftovers: dict[str, set[str]] = {}
    read: set[str] = set()
    for handle in PERSONAS:
        for path, page in pages(_client(handle, "ru"), ("/", inside), skipped=SKIPPED.search, per_kind=PER_KIND):
            read.add(path)
            for run in latin_runs(page):
                leftovers.setdefault(run, set()).add(f"{handle or 'public'} {path}")
    report = "\n".join(f"{run!r}: {sorted(where)[:3]}" for run, where in sorted(leftovers.items()))
    assert not leftovers, f"English left on Russian pages:\n{report}"
    assert any(re.fullmatch(rf"{inside}\d+/", path) for path in read), "no document read inside the drill"


def cyrillic_runs(page: str) -> list[str]:
    """Cyrillic words on an English page, but for what the page shows in Russian on purpose: a text marked
    with its `lang` (a document's authentic Russian text, a title in each of its languages, a form's box for
    the Russian text, a language's own name in the language switch). A text shown in Russian for want of its
    English (`|tr`'s fallback, marked "not translated") is what the demo left untranslated: it is read."""
    page = re.sub(r'<span lang="ru">([^<]*)</span>(\s*<small class="untranslated">)', r"\1\2", page)
    page = re.sub(r"<(script|style|svg|code|pre|kbd|samp|textarea)\b.*?</\1>", " ", page, flags=re.S | re.I)
    in_russian = r'<(section|span|p|div|li|td|option|a|h\d|small|blockquote)\b[^>]*\blang="ru"[^>]*>.*?</\1>'
    page = re.sub(in_russian, " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return [" ".join(run.split()) for run in re.findall(r"[\u0400-\u04ff]+(?:[\s,.:;«»\-]+[\u0400-\u04ff]+)*",
                                                         html.unescape(page))]


def test_every_page_of_the_demo_reads_in_english(demo: None) -> None:
    leftovers: dict[str, set[str]] = {}
    for handle in PERSONAS:
        for path, page in pages(_client(handle, "en"), skipped=SKIPPED.search, per_kind=PER_KIND):
            for run in cyrillic_runs(page):
                leftovers.setdefault(run, set()).add(f"{handle or 'public'} {path}")
    report = "\n".join(f"{run!r}: {sorted(where)[:3]}" for run, where in sorted(leftovers.items()))
    assert not leftovers, f"Russian left on English pages:\n{report}"


# French: the English-French compact of the tests, read in French. No Cyrillic at all, and no run of Latin
# words that holds English words a French sentence never does (UI left in English).
LEADER = re.compile(r"\bLeader of [A-Z]{3}\b")
ENGLISH_WORDS = re.compile(r"\b(?:the|and|is|not|of|for|with|this|has|was|are|been|which|from|by|you|your)\b")


def _untranslated_marked(page: str) -> str:
    """A text with no French translation, shown in its language and marked so (`|tr`'s fallback), is content
    the compact did not translate (a leader's English-only name), not UI: it is taken out."""
    return re.sub(r'<span lang="(?!fr")[^"]*">[^<]*</span>\s*<small class="untranslated">[^<]*</small>', " ", page)


def test_every_page_of_the_compact_reads_in_french(db: None) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "compact"))
    import compact_org  # the English-French compact of tests/compact

    compact_org.build()
    leftovers: dict[str, set[str]] = {}
    for handle in (None, "compact.secretariat", "fji.leader"):
        client = Client()
        if handle:
            assert client.login(username=handle, password=compact_org.PASSWORD)
        client.cookies["django_language"] = "fr"
        for path, page in pages(client, skipped=SKIPPED.search, per_kind=PER_KIND):
            text = _text(_untranslated_marked(page))
            runs = [" ".join(m.group(0).split()) for m in LATIN_RUN.finditer(text)]
            # The compact names its leaders in English only ("Leader of FJI"): a person's name, not UI.
            found = [run for run in runs if ENGLISH_WORDS.search(LEADER.sub(" ", run))]
            found += re.findall(r"[\u0400-\u04ff]+(?:\s+[\u0400-\u04ff]+)*", text)
            for run in found:
                leftovers.setdefault(run, set()).add(f"{handle or 'public'} {path}")
    report = "\n".join(f"{run!r}: {sorted(where)[:3]}" for run, where in sorted(leftovers.items()))
    assert not leftovers, f"English or Russian left on French pages:\n{report}"
