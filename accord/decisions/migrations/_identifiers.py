"""A decision's identifier as each language reads it, composed again by the data migrations 0005 and 0009
from the name the log recorded for its body, so that a database migrated after a body's name changed reads
what a replay of the log composes (the act takes the body's name as the log established it).

Frozen: a copy of what those migrations needed of the live code (accord.decisions.identifiers, the day's
format of accord/formats, `Texts` and `legacy_texts` of accord.core.translations) as it stood when they
were written, so that a later change of that code does not change what they do. Its name begins with "_":
Django's migration loader does not take it for a migration.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import dateformat, formats, translation

# The day as each of the organization's languages wrote it (accord/formats/<code>/formats.py, DATE_FORMAT);
# another language takes Django's own format for it.
DATE_FORMATS = {"en": "j F Y", "ru": "j E Y г.", "fr": "j F Y"}
_CODE = re.compile(r"^[a-z]{2,3}$")

Texts = list[tuple[str, str]]  # a text per language, in order, with no empty text


def _texts(value: object, default: str) -> Texts:
    """The texts storage or a statement holds: a mapping, `[code, text]` pairs, or a plain string (the
    default language's)."""
    if isinstance(value, Mapping):
        return [(str(code), str(text)) for code, text in value.items() if text]
    if isinstance(value, list):
        return [(str(code), str(text)) for code, text in value if text]
    if isinstance(value, str) and value:
        return [(default, value)]
    return []


def _pick(texts: Texts, language: str) -> str:
    """The text in `language`, else the first there is."""
    wanted = dict(texts)
    return wanted.get(language) or next((text for _code, text in texts), "")


def _legacy_texts(statement: Mapping[str, Any], stem: str, default: str) -> Texts:
    """`stem` itself, or, in entries written before content followed the charter's languages, the `stem_en`,
    `stem_ru` pair (Russian first: the old default)."""
    if stem in statement:
        return _texts(statement[stem], default)
    pairs = {key[len(stem) + 1:]: value for key, value in statement.items()
             if key.startswith(stem + "_") and _CODE.match(key[len(stem) + 1:]) and isinstance(value, str)}
    ordered = sorted(pairs.items(), key=lambda item: item[0] != "ru")
    return [(code, text) for code, text in ordered if text]


def _day(on: dt.date, language: str) -> str:
    with translation.override(language):
        if language in DATE_FORMATS:
            return dateformat.format(on, DATE_FORMATS[language])
        return formats.date_format(on, "DATE_FORMAT")


def _composed(body_name: Texts, on: dt.date, title: Texts, language: str) -> str:
    return f"{_pick(body_name, language)}, {_day(on, language)}, {_pick(title, language)}"


def organization_languages(apps: Any) -> list[str]:
    Organization = apps.get_model("members", "Organization")
    found = Organization.objects.filter(pk=1).values_list("languages", "working_languages").first()
    chosen = [str(code) for code in (found[0] or found[1])] if found else []
    return chosen or ["en"]


def logged_name(apps: Any, seq: int, default: str) -> Texts:
    """The name the entry that established a body (its `entry_seq`) records, in today's shape or the first
    versions' (`name_en`, `name_ru`); empty where the log holds no such entry."""
    data = apps.get_model("ledger", "Entry").objects.filter(seq=seq).values_list("data", flat=True).first()
    try:
        statement = json.loads(data).get("statement") if data else None
    except (ValueError, AttributeError):
        return []
    body = statement.get("body") if isinstance(statement, dict) else None
    if not isinstance(body, dict) or body.get("code") is None:
        return []
    return _legacy_texts(body, "name", default)


def as_recorded(identifier: str, names: Sequence[Texts], on: dt.date, title: Texts,
                languages: Sequence[str]) -> list[list[str]]:
    """How each language reads a stored identifier: composed from the first of the body's `names` that
    composes it in English; an identifier none of them composes (a numbered one) reads alike in every language."""
    for name in names:
        if _composed(name, on, title, "en") == identifier:
            return [[code, _composed(name, on, title, code)] for code in languages]
    return [[code, identifier] for code in languages]


def compose_identifiers(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("decisions", "Decision")
    languages = organization_languages(apps)
    names: dict[str, list[Texts]] = {}
    for decision in Decision.objects.exclude(identifier=None).select_related("proposal__body"):
        body = decision.proposal.body
        if body.code not in names:
            logged = logged_name(apps, body.entry_seq, languages[0])
            names[body.code] = [*([logged] if logged else []), _texts(body.name, languages[0])]
        decision.identifier_texts = as_recorded(decision.identifier, names[body.code], decision.decided_on,
                                                _texts(decision.proposal.title, languages[0]), languages)
        decision.save(update_fields=["identifier_texts"])
