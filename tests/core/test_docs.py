"""The guides say what the pages show, and every link of the documentation leads somewhere.

In the role guides (docs/roles/*.md) bold is kept for what the interface says: each **bold** text is an
English label of the pages (a message of the catalogues, its placeholders standing for any words, such as
**Position of Armenia** for "Position of %(member)s"), and a Russian label in brackets after it, **Sign in**
(«Войти»), is that label's Russian. Emphasis is written in italics. A guide whose button was renamed fails
here rather than sending a diplomat looking for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import trans_real

import accord

ROOT = Path(accord.__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDES = sorted((DOCS / "roles").glob("*.md"))
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*([^*]+?)\*\*(?: \(«([^»]+)»\))?")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|%s")


def unfenced(path: Path) -> str:
    """The file's text outside its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)


def prose(path: Path) -> str:
    """The file's text outside code, fenced or inline (a link or a star there is code)."""
    return re.sub(r"`[^`\n]*`", "", unfenced(path))


def slugs(path: Path) -> set[str]:
    """The anchors GitHub gives the file's headings (lower case, punctuation dropped, spaces as hyphens)."""
    found: set[str] = set()
    for heading in re.findall(r"^#+ (.+)$", unfenced(path), flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        candidate, n = slug, 0
        while candidate in found:
            n += 1
            candidate = f"{slug}-{n}"
        found.add(candidate)
    return found


def pattern(message: str) -> re.Pattern[str]:
    """A catalogue message as a pattern: its placeholders match any words."""
    parts = PLACEHOLDER.split(message)
    return re.compile(".+".join(re.escape(part) for part in parts) + r"\Z")


def labels() -> dict[str, set[str]]:
    """Every English message of the catalogues with its Russian, merged as the pages read them."""
    with translation.override("ru"):
        # Django's catalogue of every app merged, as the pages read it (gettext keeps it private).
        catalogue = trans_real.translation("ru")._catalog  # type: ignore[attr-defined]
        found: dict[str, set[str]] = {}
        for key, russian in catalogue.items():
            if isinstance(key, str) and russian:
                found.setdefault(key.split("\x04")[-1], set()).add(russian)
    return found


def russian_of(label: str, catalogue: dict[str, set[str]]) -> set[str] | None:
    """The Russian of an English label the pages show, or None when no page says it."""
    if label in catalogue:
        return catalogue[label]
    for message, russian in catalogue.items():
        if PLACEHOLDER.search(message) and pattern(message).match(label):
            return russian
    return None


def test_it_reads_the_guides() -> None:
    names = {path.name for path in GUIDES}
    assert {"auditor.md", "secretariat.md", "head-of-delegation.md", "getting-around.md"} <= names
    assert "Sign in" in labels()


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_it_names_only_labels_the_pages_show(guide: Path) -> None:
    catalogue = labels()
    wrong = []
    for match in BOLD.finditer(prose(guide)):
        label = " ".join(match.group(1).split())
        said_in_russian = " ".join(match.group(2).split()) if match.group(2) else None
        russian = russian_of(label, catalogue)
        if russian is None:
            wrong.append(f"**{label}** is no label of the pages")
        elif said_in_russian and not any(pattern(text).match(said_in_russian) for text in russian):
            wrong.append(f"**{label}** reads {sorted(russian)} in Russian, not «{said_in_russian}»")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_a_guide_is_read_in_a_few_minutes(guide: Path) -> None:
    assert len(guide.read_text(encoding="utf-8").splitlines()) <= 120


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_every_link_leads_somewhere(page: Path) -> None:
    broken = []
    for target in LINK.findall(prose(page)):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        destination = (page.parent / file).resolve() if file else page
        if not destination.exists():
            broken.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in slugs(destination):
            broken.append(f"{target}: no such heading")
    assert not broken, "\n".join(broken)
