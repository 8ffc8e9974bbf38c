"""The Russian catalogues of the project and of each app: complete, compiled, and in agreement.

Django merges every app's catalogue into one, the app listed first in INSTALLED_APPS winning a
message that two of them translate: a word two apps translate differently ("closed" for a part of
a session and for a crisis) would show one app's Russian on the other's pages. Such words take a
context (`{% trans "closed" context "part of a session" %}`, `pgettext_lazy`).
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from pathlib import Path

import pytest

import accord

ROOT = Path(accord.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/ru/LC_MESSAGES/django.po"))
Key = tuple[str, str]  # (context, message)


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


def _messages(po: Path) -> set[Key]:
    """Every singular message the catalogue holds, translated here or not."""
    keys = set()
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = entry.splitlines()
        message = _string(lines, "msgid")
        if message and "msgid_plural" not in entry and not entry.startswith("#~"):
            keys.add((_string(lines, "msgctxt") or "", message))
    return keys


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_every_string_is_translated_here_or_in_another_catalogue_and_none_is_fuzzy(po: Path) -> None:
    """An app's catalogue may leave a common word ("Classification") to the project's."""
    known = {key for other in CATALOGUES for key in translations(other)}
    untranslated = sorted(_messages(po) - known)
    assert not untranslated, untranslated[:5]
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_the_compiled_catalogue_says_what_its_source_says(po: Path) -> None:
    with po.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = {key: text for key, text in translations(po).items()
             if (catalogue.pgettext(*key) if key[0] else catalogue.gettext(key[1])) != text}
    assert not stale, f"recompile {po.parent} (make messages): {list(stale)[:3]}"


def test_no_two_catalogues_translate_one_message_differently() -> None:
    seen: dict[Key, dict[str, str]] = defaultdict(dict)
    for po in CATALOGUES:
        for key, text in translations(po).items():
            seen[key][_name(po)] = text
    conflicts = {key: by for key, by in seen.items() if len(set(by.values())) > 1}
    assert not conflicts, conflicts
