"""Provenance: where a recorded value comes from and how sure the organization is of it.

Any act may carry a `provenance` object in its body, in the entry the log proves:

    {"fields": {"starts_at": {"certainty": "illustrative", "note": {"en": "...", "ru": "..."}}},
     "sources": [{"title": "...", "publisher": "...", "date": "2022-05-16", "link": "https://...",
                  "fields": ["starts_at"], "value": "..."}]}

`fields` names fields of the act's body (or of the thing it records) and gives each a certainty:
confirmed, reported, uncertain or illustrative, with an optional note saying what is uncertain (the day of
a date known only to the month). `sources` lists what each field rests on; a source may give another
value than the one the organization uses (`value`): conflicting sources are kept side by side, and the
value the organization uses stays the act's own.

An action does not take it as an argument: the caller wraps the action in `given(...)`, and `record()`
(accord.core.acting) puts it in the body of the act's first entry and keeps it beside, in `Provenance`,
keyed to that entry. A signed statement carries it in its body; a replay takes it from the logged body.
The secretariat annotates an act already recorded with `core.annotated` (accord.core.actions.annotate),
whose provenance then stands for the annotated entry's fields. Pages show it with the `certainty` tag
(accord.core.templatetags.provenance), the API as a `provenance` object (ProvenanceOut).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Field

from accord.core.errors import InvalidInput, NotFound
from accord.core.policy import Viewer, may_see
from accord.core.prepared import Prepared
from accord.core.schema import Schema

CONFIRMED = "confirmed"
REPORTED = "reported"
UNCERTAIN = "uncertain"
ILLUSTRATIVE = "illustrative"
CERTAINTIES = (CONFIRMED, REPORTED, UNCERTAIN, ILLUSTRATIVE)
# What a reader must see beside the value: never printed as plain fact.
MARKED = (REPORTED, UNCERTAIN, ILLUSTRATIVE)
CERTAINTY_LABELS = {CONFIRMED: _("confirmed"), REPORTED: _("reported"), UNCERTAIN: _("uncertain"),
                    ILLUSTRATIVE: _("illustrative")}
SOURCE_KEYS = ("title", "publisher", "date", "link", "fields", "value")
MAX_SOURCES = 50
MAX_TEXT = 2000


def _text(value: Any, where: str, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise InvalidInput(where, "is required")
        return ""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InvalidInput(where, f"must be a text of at most {MAX_TEXT} characters")
    return value.strip()


def _note(value: Any, where: str) -> dict[str, str]:
    if value in (None, "", {}):
        return {}
    if isinstance(value, str):
        return {"en": _text(value, where)}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and len(k) <= 12 for k in value):
        raise InvalidInput(where, "must be a text per language")
    return {str(k): _text(v, f"{where}.{k}") for k, v in sorted(value.items()) if v}


def _field_name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 80 or not value.replace("_", "a").isalnum():
        raise InvalidInput(where, "must name a field (letters, digits and underscores)")
    return value


def _date(value: Any, where: str) -> str:
    text = _text(value, where)
    if not text:
        return ""
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%Y-%m").date(),
                  lambda t: dt.datetime.strptime(t, "%Y").date()):
        try:
            parse(text)
        except ValueError:
            continue
        return text
    raise InvalidInput(where, "must be a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _link(value: Any, where: str) -> str:
    text = _text(value, where)
    if text and (urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).netloc):
        raise InvalidInput(where, "must be an http or https address")
    return text


def normalized(raw: Any, where: str = "provenance") -> dict[str, Any]:
    """The provenance `raw` as it is recorded, or InvalidInput naming what is wrong; nothing is guessed."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(where, "must be an object with fields and sources")
    unknown = set(raw) - {"fields", "sources"}
    if unknown:
        raise InvalidInput(f"{where}.{sorted(unknown)[0]}", "is not part of a provenance")
    fields_raw = raw.get("fields") or {}
    if not isinstance(fields_raw, Mapping):
        raise InvalidInput(f"{where}.fields", "must map each field to its certainty")
    fields: dict[str, Any] = {}
    for name, given in sorted(fields_raw.items()):
        name = _field_name(name, f"{where}.fields")
        if isinstance(given, str):
            given = {"certainty": given}
        if not isinstance(given, Mapping) or set(given) - {"certainty", "note"}:
            raise InvalidInput(f"{where}.fields.{name}", "must give a certainty and, if need be, a note")
        certainty = given.get("certainty")
        if certainty not in CERTAINTIES:
            raise InvalidInput(f"{where}.fields.{name}.certainty", f"must be one of {', '.join(CERTAINTIES)}")
        entry: dict[str, Any] = {"certainty": certainty}
        if note := _note(given.get("note"), f"{where}.fields.{name}.note"):
            entry["note"] = note
        fields[name] = entry
    sources_raw = raw.get("sources") or []
    if not isinstance(sources_raw, list) or len(sources_raw) > MAX_SOURCES:
        raise InvalidInput(f"{where}.sources", f"must be a list of at most {MAX_SOURCES} sources")
    sources = []
    for number, source in enumerate(sources_raw):
        at = f"{where}.sources.{number}"
        if not isinstance(source, Mapping) or set(source) - set(SOURCE_KEYS):
            raise InvalidInput(at, f"must be a source with {', '.join(SOURCE_KEYS)}")
        named = source.get("fields") or []
        if not isinstance(named, list):
            raise InvalidInput(f"{at}.fields", "must list the fields the source supports")
        cleaned: dict[str, Any] = {
            "title": _text(source.get("title"), f"{at}.title", required=True),
            "publisher": _text(source.get("publisher"), f"{at}.publisher"),
            "date": _date(source.get("date"), f"{at}.date"),
            "link": _link(source.get("link"), f"{at}.link"),
            "fields": sorted({_field_name(name, f"{at}.fields") for name in named}),
        }
        if source.get("value") not in (None, ""):
            cleaned["value"] = _text(str(source["value"]), f"{at}.value")
        sources.append({key: value for key, value in cleaned.items() if value not in ("", [])})
    if not fields and not sources:
        raise InvalidInput(where, "must give a certainty for a field or a source")
    for source in sources:
        for name in source.get("fields", []):
            fields.setdefault(name, {"certainty": CONFIRMED})
    return {key: value for key, value in (("fields", fields), ("sources", sources)) if value}


# The provenance the caller gives the act in progress (`given`), put in its first entry by record().
_given: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("accord_provenance", default=None)


@contextlib.contextmanager
def given(raw: Mapping[str, Any] | None) -> Iterator[None]:
    """Run the action called inside with this provenance on its act (checked first: nothing is recorded
    with a malformed one)."""
    token = _given.set(normalized(raw) if raw else None)
    try:
        yield
    finally:
        _given.reset(token)


def peek_given() -> dict[str, Any] | None:
    """The provenance given for the act in progress, left for its first entry (an action's check reads it)."""
    return _given.get()


def take_given() -> dict[str, Any] | None:
    """The provenance given for the act in progress, once: the act's first entry carries it."""
    found = _given.get()
    if found is not None:
        _given.set(None)
    return found


# Reading it back.


@dataclass(frozen=True)
class Annotated:
    """The entry of an act, as restricted as it is: an annotation of it is, and its provenance is read as it."""

    seq: int
    type: str
    classification: str
    audience: tuple[str, ...]
    member: str


def entry(viewer: Viewer | None, seq: int) -> Annotated:
    """The entry `seq` if `viewer` may see its act (None: the console), or NotFound (missing and hidden alike)."""
    from accord.ledger.models import Entry, Sealed

    found = Entry.objects.filter(seq=seq).first()
    if found is None:
        raise NotFound("entry")
    sealed = Sealed.objects.filter(entry_id=seq).first()
    made = Annotated(seq=seq, type=found.type,
                     classification=sealed.classification if sealed is not None else found.classification,
                     audience=tuple(sealed.audience) if sealed is not None else (),
                     member=sealed.member if sealed is not None else found.member)
    if viewer is not None and not may_see(viewer, made.classification, made.audience):
        raise NotFound("entry")
    return made


@dataclass(frozen=True)
class FieldProvenance:
    """What a reader is told beside one value: its certainty, a note, and the sources for it."""

    certainty: str
    note: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[Mapping[str, Any], ...] = ()

    @property
    def marked(self) -> bool:
        return self.certainty in MARKED

    @property
    def label(self) -> str:
        return str(CERTAINTY_LABELS[self.certainty])

    @property
    def conflicting(self) -> bool:
        return any("value" in source for source in self.sources)

    def as_api(self) -> dict[str, Any]:
        return {"certainty": self.certainty, "note": dict(self.note), "sources": [dict(s) for s in self.sources]}


Known = Mapping[int, Mapping[str, "FieldProvenance"]]


def _annotations(seqs: list[int]) -> QuerySet[Any, tuple[int, dict[str, Any]]]:
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    return Provenance.objects.filter(entry_seq__in=seqs).order_by("entry_seq", "recorded_seq").values_list(
        "entry_seq", "data")


# Read for every answer that carries provenance (the full session API, say): its SQL built once.
_ANNOTATIONS = Prepared(_annotations, seqs=list[int])


def of_entries(seqs: Iterable[int | None]) -> dict[int, dict[str, FieldProvenance]]:
    """The provenance of the acts of these entries, field by field; a later annotation of a field stands
    for it (its sources added to the earlier ones, which are kept)."""
    wanted = sorted({seq for seq in seqs if seq is not None})
    found: dict[int, dict[str, FieldProvenance]] = {}
    if not wanted:
        return found
    for entry_seq, data in _ANNOTATIONS(seqs=wanted):
        fields = found.setdefault(entry_seq, {})
        for name, given in (data.get("fields") or {}).items():
            earlier = fields.get(name)
            sources = tuple(s for s in data.get("sources") or [] if name in s.get("fields", []))
            fields[name] = FieldProvenance(
                certainty=given["certainty"], note=given.get("note") or (earlier.note if earlier else {}),
                sources=(earlier.sources if earlier else ()) + sources)
    return found


def annotations_of(seqs: Iterable[int], *, before: int) -> list[int]:
    """The entries of the later annotations (`core.annotated`) of these entries, of those before entry
    `before`: a signed document's PDF carries them with the entries they annotate."""
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    found = Provenance.objects.filter(entry_seq__in=set(seqs), recorded_seq__lt=before).exclude(
        recorded_seq=F("entry_seq")).values_list("recorded_seq", flat=True)
    return sorted(set(found))


def preload(request: Any, seqs: Iterable[int | None]) -> None:
    """Read the provenance of these entries in one query for a page that lists many (the `certainty` tag
    then reads it from the request, not once per value)."""
    cache: dict[int, dict[str, FieldProvenance]] = getattr(request, "_accord_provenance", None) or {}
    wanted = [seq for seq in seqs if seq is not None and seq not in cache]
    cache.update(of_entries(wanted))
    cache.update({seq: {} for seq in wanted if seq not in cache})
    request._accord_provenance = cache


def of_entry(seq: int | None) -> dict[str, FieldProvenance]:
    return of_entries([seq]).get(seq or -1, {}) if seq is not None else {}


def marked(seq: int | None, *fields: str, known: Known | None = None) -> FieldProvenance | None:
    """The provenance of the first of `fields` that must be marked (reported, uncertain, illustrative); from
    `known` (`of_entries` of a list's entries, read at once) where given."""
    kept = of_entry(seq) if known is None else known.get(seq or -1, {}) if seq is not None else {}
    return next((kept[name] for name in fields if name in kept and kept[name].marked), None)


def label(seq: int | None, *fields: str, known: Known | None = None) -> str:
    """The mark alone, in the active language ("illustrative"), or "" for a value that is a fact."""
    found = marked(seq, *fields, known=known)
    return found.label if found is not None else ""


def mark(seq: int | None, *fields: str, known: Known | None = None) -> str:
    """The mark with its note, in the active language, as plain text ("illustrative: the time of day is
    not established"): for a feed's description, a line of text."""
    from accord.core.translations import Texts

    found = marked(seq, *fields, known=known)
    if found is None:
        return ""
    note = Texts.of(found.note).pick().text if found.note else ""
    return f"{found.label}: {note}" if note else found.label


def for_api(seq: int | None, known: Mapping[int, Mapping[str, FieldProvenance]] | None = None
            ) -> dict[str, dict[str, Any]]:
    """The `provenance` object of an API answer: each field's certainty, note and sources (from `known`, the
    answer's `of_entries` read at once, where it lists many)."""
    fields = (known.get(seq, {}) if seq is not None else {}) if known is not None else of_entry(seq)
    return {name: found.as_api() for name, found in fields.items()}


# The API's shapes, shared by every answer that carries a `provenance` object.


class SourceOut(Schema):
    title: str
    publisher: str = ""
    date: str = Field("", description="YYYY-MM-DD, YYYY-MM or YYYY")
    link: str = ""
    fields: list[str] = Field(default_factory=list, description="The fields this source supports")
    value: str | None = Field(None, description="The value this source gives, where it differs from the one used")


class FieldProvenanceOut(Schema):
    certainty: str = Field(..., description="confirmed, reported, uncertain or illustrative")
    note: dict[str, str] = Field(default_factory=dict, description="What is uncertain, per language")
    sources: list[SourceOut] = Field(default_factory=list)


PROVENANCE_DESCRIPTION = ("The certainty of each field whose act gives one (confirmed, reported, uncertain, "
                          "illustrative), with a note and its sources; a reported, uncertain or illustrative "
                          "value is never to be shown as plain fact. Empty when the act gives none.")
