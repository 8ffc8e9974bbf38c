"""A decision's identifier as each language writes it: the body's name, the day, the title.

The log keeps one stable identifier per decision (`Decision.identifier`, as the act recorded it); readers
see it in their language (`Decision.identifier_texts`), and a form takes it as any reader saw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import translation

from accord.core import dates
from accord.core.translations import Texts


def composed(body_name: Texts, on: dt.date, title: Texts, language: str) -> str:
    """"Leaders' Council, 4 December 2026, Title" in `language`: its name, date format and title (a name or
    title with no text in that language gives the organization's default)."""
    with translation.override(language):
        return f"{body_name.pick(language).text}, {dates.day(on)}, {title.pick(language).text}"


def per_language(body_name: Texts, on: dt.date, title: Texts, languages: Sequence[str]) -> Texts:
    """The identifier composed in each of the organization's languages, in its order."""
    return Texts((code, composed(body_name, on, title, code)) for code in languages)


def as_recorded(identifier: str, names: Sequence[Texts], on: dt.date, title: Texts,
                languages: Sequence[str]) -> Texts:
    """How each language reads a stored identifier: composed from the first of the body's `names` (the name
    the log recorded for it first, then its name today) that composes it in English, as the act did when
    the decision was taken; an identifier none of them composes (a numbered one) reads alike in every language."""
    for name in names:
        if composed(name, on, title, "en") == identifier:
            return per_language(name, on, title, languages)
    return the_same_in(identifier, languages)


def the_same_in(identifier: str, languages: Sequence[str]) -> Texts:
    """A numbered identifier ("CSC-2026/3") reads alike in every language."""
    return Texts((code, identifier) for code in languages)
