"""Issue #17: every template line stays readable, at most 120 characters long."""

import re
from pathlib import Path

import accord

LIMIT = 120
ROOT = Path(accord.__file__).resolve().parent


def long_template_lines() -> list[tuple[str, int, int]]:
    """(file, line number, length) of every template line over the limit."""
    found = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > LIMIT:
                found.append((path.relative_to(ROOT.parent).as_posix(), number, len(line)))
    return found


def test_the_templates_are_found() -> None:
    assert any(ROOT.glob("web/templates/web/*.html"))
    assert "accord/web/templates/web/base.html" in {
        path.relative_to(ROOT.parent).as_posix() for path in ROOT.glob("**/templates/**/*.html")
    }


def test_no_template_line_is_longer_than_120_characters() -> None:
    offending = [f"{name}:{number} has {length} characters" for name, number, length in long_template_lines()]
    assert offending == []


# A number pasted into a sentence after "#" ("approved by act #135", "registered by entry #39"): issue #21's walk.
# The ledger's own labels of an entry (its page's title, the ledger's column, a new row's announcement) keep it.
_BARE_NUMBER = re.compile(r"(?:act|entry|by|под)\s*(?:#|№)\s*\{\{", re.IGNORECASE)
_ENTRY_LABELS = {"web/templates/web/entry.html", "web/templates/web/partials/ledger_rows.html"}


def test_no_sentence_pastes_an_acts_number_after_a_hash() -> None:
    found = [f"{path.relative_to(ROOT).as_posix()}:{match.group(0)}"
             for path in sorted(ROOT.glob("**/templates/**/*.html"))
             if path.relative_to(ROOT).as_posix() not in _ENTRY_LABELS
             for match in _BARE_NUMBER.finditer(" ".join(path.read_text(encoding="utf-8").split()))]
    assert found == []
    assert _BARE_NUMBER.search("approved by act #{{ seq }} on")
    assert _BARE_NUMBER.search("registered by entry #{{ seq }}")
    assert not _BARE_NUMBER.search('by <a href="{{ url }}">entry {{ seq }} of the log</a>')
