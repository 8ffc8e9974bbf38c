"""Comparing a PDF's extracted pages with the lines the log says it prints: a pure function, checked on
any wrapping and any one forged word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accord_verify import checking, printed

WORD = st.text(alphabet="абвгдеёжзabcdefXYZ0123456789.,#:/+=", min_size=1, max_size=12)
Case = tuple[list[printed.Line], list[list[list[str]]]]
LINES = st.lists(st.lists(WORD, min_size=1, max_size=15), min_size=1, max_size=25)


@st.composite
def printed_pages(draw: st.DrawFn, unique: bool = False) -> Case:
    """Lines as the layout makes them, and the same words wrapped into rows and pages at random."""
    words = draw(LINES)
    if unique:
        # Where a repeated word was slipped in is ambiguous ("0 0" then "0 X 0"): name exact places only
        # for words that occur once.
        seen = iter(range(10**6))
        words = [[f"{word}{next(seen)}" for word in line] for line in words]
    lines = [printed.Line("para", " ".join(line), f"paragraph {i}") for i, line in enumerate(words, 1)]
    pages: list[list[list[str]]] = [[[]]]
    for line in words:
        for word in line:
            if draw(st.integers(0, 5)) == 0:
                pages[-1].append([])
            if draw(st.integers(0, 30)) == 0:
                pages.append([[]])
            pages[-1][-1].append(word)
        pages[-1].append([])
    return lines, pages


def _texts(pages: list[list[list[str]]]) -> list[str]:
    # Each page ends with its number, as the page style prints it.
    return ["\n".join([*(" ".join(row) for row in rows), f"{n} / {len(pages)}"])
            for n, rows in enumerate(pages, 1)]


@given(printed_pages())
def test_it_finds_no_difference_however_the_lines_wrap(case: Case) -> None:
    lines, pages = case
    report = checking.Report()
    checking._compare_pages(lines, _texts(pages), report)
    assert not report.problems


@given(printed_pages(), st.data())
def test_it_refuses_any_word_slipped_in(case: Case, data: st.DataObject) -> None:
    lines, pages = case
    page = data.draw(st.integers(0, len(pages) - 1))
    row = data.draw(st.integers(0, len(pages[page]) - 1))
    pages[page][row].insert(data.draw(st.integers(0, len(pages[page][row]))), "Armenia-did-not-sign")
    report = checking.Report()
    checking._compare_pages(lines, _texts(pages), report)
    assert any("Armenia-did-not-sign" in problem for problem in report.problems)


@given(printed_pages(unique=True), st.data())
def test_it_names_the_page_and_line_of_any_word_slipped_in(case: Case, data: st.DataObject) -> None:
    lines, pages = case
    page = data.draw(st.integers(0, len(pages) - 1))
    row = data.draw(st.integers(0, len(pages[page]) - 1))
    pages[page][row].insert(data.draw(st.integers(0, len(pages[page][row]))), "Armenia-did-not-sign")
    report = checking.Report()
    checking._compare_pages(lines, _texts(pages), report)
    assert report.problems
    assert report.problems[0].startswith(f"page {page + 1}, line {row + 1}: prints ")
    assert "Armenia-did-not-sign" in report.problems[0]


def test_every_kind_of_document_has_its_printed_name() -> None:
    from accord.documents.models import Kind

    assert set(printed.KINDS) == set(Kind.values)
    assert all(printed.KINDS[kind][1] in str(label) for kind, label in Kind.choices)
