"""The catalogues of the project and of each app, in every UI language but English (settings.LANGUAGES):
complete, compiled, keeping every placeholder, and in agreement.

Django merges every app's catalogue into one, the app listed first in INSTALLED_APPS winning a
message that two of them translate: a word two apps translate differently ("closed" for a part of
a session and for a crisis) would show one app's translation on the other's pages. Such words take a
context (`{% trans "closed" context "part of a session" %}`, `pgettext_lazy`).
"""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

import accord

ROOT = Path(accord.__file__).parent
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Every catalogue Django finds for a language: the project's (LOCALE_PATHS) and each app's.
SOURCES = sorted({po.parents[2] for po in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")})
CATALOGUES = {language: [source / language / "LC_MESSAGES" / "django.po" for source in SOURCES]
              for language in TRANSLATED}
ALL = [(language, po) for language in TRANSLATED for po in CATALOGUES[language]]
Key = tuple[str, str]  # (context, message)
PLACEHOLDER = re.compile(r"%\([a-zA-Z_]+\)[sd]|%%|%[sd]|\{[a-zA-Z_]+\}")


def _string(lines: list[str], keyword: str) -> str | None:
    """The text of `keyword` ("msgctxt", "msgid", "msgstr") in one entry, its continued lines joined."""
    text, inside = [], False
    for line in lines:
        if line.startswith(keyword + " "):
            inside = True
            line = line[len(keyword) + 1:]
        elif not line.startswith('"'):
            inside = False
        if inside:
            text.append(line[1:-1].encode().decode("unicode_escape").encode("latin-1").decode())
    return "".join(text) if text else None


def translations(po: Path) -> dict[Key, str]:
    """The catalogue's singular messages that are translated (not fuzzy, not obsolete)."""
    result = {}
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = entry.splitlines()
        if "msgid_plural" in entry or "#, fuzzy" in entry or all(line.startswith("#") for line in lines):
            continue
        message, translated = _string(lines, "msgid"), _string(lines, "msgstr")
        if message and translated:
            result[(_string(lines, "msgctxt") or "", message)] = translated
    return result


def _name(po: Path) -> str:
    app = po.relative_to(ROOT).parents[3]
    return "accord" if app == Path() else str(app)


def _id(case: tuple[str, Path]) -> str:
    return f"{case[0]}-{_name(case[1])}"


IDS = [_id(case) for case in ALL]


def _entries(po: Path) -> list[tuple[str, str, list[str]]]:
    """Each live entry's message, plural message (or "") and translations (msgstr, msgstr[n])."""
    result = []
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = entry.splitlines()
        message = _string(lines, "msgid")
        if not message or entry.lstrip().startswith("#~"):
            continue
        forms = [text for keyword in ["msgstr"] + [f"msgstr[{n}]" for n in range(6)]
                 if (text := _string(lines, keyword)) is not None]
        result.append((message, _string(lines, "msgid_plural") or "", forms))
    return result


def _messages(po: Path) -> set[Key]:
    """Every singular message the catalogue holds, translated here or not."""
    keys = set()
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = entry.splitlines()
        message = _string(lines, "msgid")
        if message and "msgid_plural" not in entry and not entry.startswith("#~"):
            keys.add((_string(lines, "msgctxt") or "", message))
    return keys


def test_every_ui_language_has_every_catalogue() -> None:
    """A language in settings.LANGUAGES has a catalogue wherever Russian has one, and one compiled."""
    assert "fr" in TRANSLATED
    missing = [str(po.relative_to(ROOT)) for language in TRANSLATED for po in CATALOGUES[language]
               if not po.is_file() or not po.with_suffix(".mo").is_file()]
    assert not missing, missing


# Django's own messages a catalogue may set right for its language alone (French months in lower case).
DJANGO_OVERRIDES = {"alt. month"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: _name(source / "ru/LC_MESSAGES/django.po"))
def test_every_language_translates_the_same_messages(source: Path) -> None:
    """A message added to one language's catalogue is added to the others': none goes untranslated."""
    held = {language: {key for key in _messages(source / language / "LC_MESSAGES" / "django.po")
                       if key[0] not in DJANGO_OVERRIDES} for language in TRANSLATED}
    everywhere = set().union(*held.values())
    missing = {language: sorted(everywhere - keys)[:5] for language, keys in held.items() if everywhere - keys}
    assert not missing, missing


@pytest.mark.parametrize(("language", "po"), ALL, ids=IDS)
def test_every_string_is_translated_here_or_in_another_catalogue_and_none_is_fuzzy(
        language: str, po: Path) -> None:
    """An app's catalogue may leave a common word ("Classification") to the project's."""
    known = {key for other in CATALOGUES[language] for key in translations(other)}
    untranslated = sorted(_messages(po) - known)
    assert not untranslated, untranslated[:5]
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")


@pytest.mark.parametrize(("language", "po"), ALL, ids=IDS)
def test_every_plural_is_translated_in_every_form(language: str, po: Path) -> None:
    empty = [message for message, plural, forms in _entries(po) if plural and not all(forms)]
    assert not empty, empty[:5]


@pytest.mark.parametrize(("language", "po"), ALL, ids=IDS)
def test_every_translation_keeps_the_placeholders_of_its_message(language: str, po: Path) -> None:
    """"%(member)s", "{number}" and "%%" come through as they are: none lost, renamed or added."""
    def placeholders(text: str) -> list[str]:
        return sorted(PLACEHOLDER.findall(text))

    changed = [(message, text) for message, plural, forms in _entries(po) for text in forms
               if text and placeholders(text) != placeholders(message)
               and placeholders(text) != placeholders(plural)]
    assert not changed, changed[:5]


@pytest.mark.parametrize(("language", "po"), ALL, ids=IDS)
def test_the_compiled_catalogue_says_what_its_source_says(language: str, po: Path) -> None:
    with po.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = {key: text for key, text in translations(po).items()
             if (catalogue.pgettext(*key) if key[0] else catalogue.gettext(key[1])) != text}
    assert not stale, f"recompile {po.parent} (make messages): {list(stale)[:3]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_two_catalogues_translate_one_message_differently(language: str) -> None:
    seen: dict[Key, dict[str, str]] = defaultdict(dict)
    for po in CATALOGUES[language]:
        for key, text in translations(po).items():
            seen[key][_name(po)] = text
    conflicts = {key: by for key, by in seen.items() if len(set(by.values())) > 1}
    assert not conflicts, conflicts


# What `{% trans %}` and `{% blocktrans %}` print is not escaped, and pages print messages inside attributes
# (`data-confirm="{% trans '…' %}"`): a quote would end the attribute, a `<` or a bare `&` would be markup.
# A message's own tags (`<code class="hash">…</code>`, in its English text) are the page's, kept as they are.
TAG = re.compile(r"<[^<>]*>")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
UNSAFE = frozenset('"<>&')
EVERY_CATALOGUE = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def _unsafe(text: str, tags: list[str]) -> set[str]:
    for tag in tags:
        text = text.replace(tag, "")
    return set(ENTITY.sub("", text)) & UNSAFE


@pytest.mark.parametrize("po", EVERY_CATALOGUE, ids=lambda po: f"{po.parts[-3]}-{_name(po)}")
def test_no_message_breaks_an_attribute_or_adds_markup(po: Path) -> None:
    """In every language (English is each message's own text), no `"`, `<`, `>` or bare `&` but the
    message's own tags: typographic quotes (« », “ ”) and apostrophes (’, ') instead."""
    offenders = []
    for message, plural, forms in _entries(po):
        tags = TAG.findall(message)
        offenders += [(message[:60], text[:80], sorted(found)) for text in (message, plural, *forms)
                      if (found := _unsafe(text, tags))]
    assert not offenders, offenders


def test_the_markup_check_finds_a_quote_a_tag_and_a_bare_ampersand() -> None:
    own = ['<code class="hash">', "</code>"]
    assert _unsafe('Le hachage <code class="hash">%(hash)s</code> &laquo;signé&raquo; &amp; daté', own) == set()
    assert _unsafe('Choisissez-la sous "Corrige"', own) == {'"'}
    assert _unsafe("Paix <b>et</b> sécurité", own) == {"<", ">"}
    assert _unsafe("Recherche & sauvetage", own) == {"&"}
