"""Text as every app takes it: what can be stored, what may stand in a name, what a username may be.

One reading for every input (the API's JSON bodies, the pages' forms, the URL) so that a NUL byte, a
lone surrogate, a right-to-left override in a name or a look-alike letter in a username is refused
with its field named, the same way everywhere, before any action or query sees it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from confusable_homoglyphs import categories
from django.utils.translation import gettext as _

from accord.core.errors import InvalidInput

# The embeddings, overrides and isolates of Unicode's bidirectional algorithm (UAX #9) and the
# implicit marks: in a name or a title they reorder what a reader sees ("Trojan Source").
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The fields that name or title something (a person, a member, a body, a document, a session...):
# `name`, `name_en`, `full_name_ru`, `title`, `title_ru`, `username`, `place_en`, `label`.
_NAME_OR_TITLE = re.compile(r"^((full_)?(user)?name|title|place)(_[a-z]{2,3})?$|^label$")
USERNAME_PUNCTUATION = frozenset("._-")


def is_name_or_title(field: str) -> bool:
    """Whether the field (its last dotted part, or the one before a language: `title.fr`) holds a name
    or a title."""
    parts = field.split(".")
    if len(parts) > 1 and re.fullmatch(r"[a-z]{2,3}", parts[-1]):
        return bool(_NAME_OR_TITLE.match(parts[-2]) or _NAME_OR_TITLE.match(parts[-1]))
    return bool(_NAME_OR_TITLE.match(parts[-1]))


def unstorable(text: str) -> str | None:
    """Why the text cannot be stored (PostgreSQL refuses NUL, UTF-8 has no lone surrogate), or None."""
    if "\x00" in text:
        return _("contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _("contains a lone surrogate (not valid UTF-8)")
    return None


def refusal(field: str, text: str) -> str | None:
    """Why this text is refused in this field, or None."""
    if reason := unstorable(text):
        return reason
    if is_name_or_title(field) and BIDI_CONTROLS.intersection(text):
        return _("contains a bidirectional control character")
    return None


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Each string in a JSON value (keys included) with its dotted path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            key_path = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                yield key_path, key
            yield from _strings(item, key_path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def check_all(value: Any, path: str = "") -> None:
    """Refuse, naming the first field, any string of a parsed body that `refusal` refuses."""
    for field, text in _strings(value, path):
        if reason := refusal(field, text):
            raise InvalidInput(field or "body", reason)


def username_of(value: str, field: str = "username") -> str:
    """A username as stored: NFKC-normalized, lower case, of one script, letters, digits and `._-`.

    NFKC folds the compatibility forms (a fullwidth `ｋａｚ` is `kaz`); a name that mixes scripts
    (`kaz.deleјate` with a Cyrillic `ј`) is refused, as it exists to be mistaken for another.
    """
    username = unicodedata.normalize("NFKC", value).strip().lower()
    if not username or not all(c.isalnum() or c in USERNAME_PUNCTUATION for c in username):
        raise InvalidInput(field, _("use letters, digits, '.', '_' or '-'"))
    scripts = categories.unique_aliases(username) - {"COMMON"}
    if len(scripts) > 1:
        raise InvalidInput(field, _("mixes letters of several scripts (%(scripts)s)")
                           % {"scripts": ", ".join(sorted(scripts)).lower()})
    return username
