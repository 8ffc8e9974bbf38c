"""Issue #17: every template line stays readable, at most 120 characters long."""

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
