"""Nothing outside the demo names the reference organization (issue #16): Accord runs any alliance, so its
code, templates and scripts name no organization, member state or person of the demo's. The demo's data
lives in accord/demo; the tests may build it."""

from __future__ import annotations

import re
from pathlib import Path

import accord

ROOT = Path(accord.__file__).resolve().parent.parent
# The reference organization's names and abbreviations, its member states' codes, names and capitals as
# code would spell them, and the demo's person handles.
NAMES = re.compile(
    r"\b(CSTO|ОДКБ|Collective Security Treaty|Договор[а-я]* о коллективной безопасности"
    r"|ARM|KAZ|KGZ|RUS|TJK|BLR|UZB"
    r"|Armenia|Kazakhstan|Kyrgyzstan|Tajikistan|Belarus|Uzbekistan|Russian Federation"
    r"|Армени[яи]|Казахстан|Кыргызстан|Киргизи[яи]|Таджикистан|Беларусь|Узбекистан"
    r"|(arm|kaz|kgz|rus|tjk|blr)\.(head|delegate|liaison))\b")
SUFFIXES = {".py", ".html", ".js", ".txt", ".css", ".toml", ".cfg"}


def sources() -> list[Path]:
    """Every file of the product's code: the `accord` package but its demo, and the verifier package."""
    found = []
    for top in (ROOT / "accord", ROOT / "verifier"):
        for path in sorted(top.rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if (path.suffix in SUFFIXES and path.is_file() and not relative.startswith("accord/demo/")
                    and "/migrations/" not in relative and "/static/vendor/" not in relative):
                found.append(path)
    return found


def test_the_code_is_searched() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in sources()}
    assert {"accord/settings.py", "accord/members/actions.py", "verifier/accord_verify/verify.py"} <= names
    assert not any(name.startswith("accord/demo/") for name in names)


def test_nothing_outside_the_demo_names_the_reference_organization() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
             for path in sources()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             for match in [NAMES.search(line)] if match]
    assert found == []


def test_the_pattern_finds_what_it_is_for() -> None:
    for text in ('code="KAZ"', "the CSTO's", "ОДКБ", "kaz.head", "Armenia's request", "Кыргызстан"):
        assert NAMES.search(text), text
    for text in ("ARMED", "harm", "Kazan", "russian", "the organization"):
        assert not NAMES.search(text), text
