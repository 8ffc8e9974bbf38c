"""Keeping the search index: what each thing says, per language, written again when an act touches it."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from accord.core import dates, drill, history, once, prepared
from accord.core.acting import Recorded
from accord.core.events import Event
from accord.core.labels import act_label
from accord.core.policy import Restriction
from accord.core.translations import Texts, content_languages, is_language
from accord.crises.models import Crisis
from accord.decisions.models import Decision, Procedure, Proposal
from accord.documents.models import Document, Version
from accord.ledger.guard import acting, current_action
from accord.ledger.models import Entry
from accord.meetings import classify
from accord.meetings.models import AgendaItem, Session, Statement
from accord.members.models import Member, Person
from accord.search.models import Kind, SearchEntry, audience_text

# PostgreSQL's text search configuration for a language; a language it has none for is split on words only.
CONFIGS = {"ru": "russian", "en": "english", "fr": "french"}
# Body values of an act longer than this are texts of the thing itself, found under the thing.
ACT_VALUE_LIMIT = 300


def config_for(language: str) -> str:
    return CONFIGS.get(language.split("-")[0].lower(), "simple")


# The columns of an index row, in the order `Found.rows` gives their values.
ROW_FIELDS = ("kind", "ref", "parent", "language", "config", "title", "text", "classification", "audience")


@dataclass
class Found:
    """What one thing says in each language: its title and the rest of its text."""

    kind: str
    ref: int
    readers: Restriction  # who may read the thing, as its own app's access rules say (the effective ones)
    parent: int | None = None
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def title(self, texts: Mapping[str, str] | None) -> None:
        for language, text in (texts or {}).items():
            if text:
                self.titles[language].append(text)

    def text(self, texts: Mapping[str, str] | None) -> None:
        for language, text in (texts or {}).items():
            if text:
                self.texts[language].append(text)

    def plain(self, text: str | None, language: str) -> None:
        if text:
            self.texts[language].append(text)

    def rows(self) -> list[tuple[Any, ...]]:
        """Its rows of the index, one per language, each the values of ROW_FIELDS."""
        languages = list(dict.fromkeys([*self.titles, *self.texts]))
        fallback = next((" · ".join(parts) for parts in self.titles.values() if parts), "")
        audience = audience_text(self.readers.audience)
        return [(str(self.kind), self.ref, self.parent, language, config_for(language),
                 _clean(" · ".join(self.titles.get(language) or []) or fallback),
                 _clean("\n".join(self.texts.get(language) or [])), str(self.readers.classification), audience)
                for language in languages]


def _readers(applies: classify.Applies) -> Restriction:
    return Restriction(applies.classification, tuple(applies.audience))


def _clean(text: str) -> str:
    """The text without the characters that mark a snippet's matches (accord.search.queries)."""
    return text.replace("\x02", "").replace("\x03", "").replace("\x04", "")


def _default_language(texts: Mapping[str, str]) -> str:
    return next(iter(texts), settings.LANGUAGE_CODE)


def _ui_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def session_things(session: Session) -> list[Found]:
    """The session, its agenda items and its statements: each found apart, as each has its own readers."""
    found = Found(Kind.SESSION, session.pk, _readers(classify.of_session(session)))
    found.title(session.title)
    found.text(session.place)
    found.text(session.note)
    things = [found]
    for item in AgendaItem.objects.filter(session=session).select_related("part", "session").order_by("number"):
        shown = Found(Kind.ITEM, item.pk, _readers(classify.of_item(item)), parent=session.pk)
        shown.title(item.title)
        shown.text(item.outcome_note)
        things.append(shown)
    things.extend(statement_thing(statement) for statement in Statement.objects.filter(part__session=session)
                  .select_related("part__session").order_by("part__number", "order"))
    return things


def statement_thing(statement: Statement) -> Found:
    session = statement.part.session
    said = Found(Kind.STATEMENT, statement.pk, _readers(classify.of_statement(statement)), parent=session.pk)
    said.title(statement.speaker_name)
    said.text(statement.summary)
    said.plain(statement.text, statement.language or _default_language(statement.summary or session.title))
    return said


def proposal_things(proposal: Proposal) -> list[Found]:
    found = Found(Kind.PROPOSAL, proposal.pk, Restriction(proposal.classification, tuple(proposal.audience or ())))
    found.title(proposal.title)
    language = _default_language(proposal.title)
    found.text(proposal.text)
    for decision in Decision.objects.filter(proposal=proposal):
        found.plain(decision.identifier, language)
        found.text(decision.reason)
    return [found]


def document_things(document: Document) -> list[Found]:
    found = Found(Kind.DOCUMENT, document.pk, Restriction(document.classification, tuple(document.audience or ())))
    found.title(document.title)
    latest = Version.objects.filter(document=document).order_by("-number").first()
    if latest is not None:
        found.text({language: str(text) for language, text in (latest.texts or {}).items()})
    return [found]


def crisis_things(crisis: Crisis) -> list[Found]:
    # A crisis is read by its classification alone (accord.crises.queries): it names no audience.
    found = Found(Kind.CRISIS, crisis.pk, Restriction(crisis.classification))
    found.title(crisis.requester.name)
    for texts in (crisis.happened, crisis.area, crisis.asks_for, crisis.outcome_note, crisis.closing_note):
        found.text(texts)
    return [found]


# Hashes, key ids, signatures and such in an act's body: nothing a person searches for.
_MACHINE = re.compile(r"[A-Za-z0-9+/=:_.-]{16,}")
# A member's code in an act's body (three capitals): the member's name in the row's language stands for it.
_MEMBER_CODE = re.compile(r"[A-Z]{3}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_texts(value: Mapping[Any, Any]) -> bool:
    """A text per language ({"en": ..., "ru": ...}): each language's row holds its own, not the others'."""
    return bool(value) and all(is_language(code) and isinstance(text, str) for code, text in value.items())


def _parts(value: Any) -> Iterator[str | dt.date | Texts]:
    """The short texts of an act's body, walked once for all the rows' languages: a string as written, a day
    and a text kept in several languages to be written in each row's own (`_said`)."""
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):
            yield dt.date.fromisoformat(value)
        elif _shown(value):
            yield value
    elif isinstance(value, Mapping):
        if _is_texts(value):
            yield Texts.of(value)
            return
        # In key order: an act indexed as recorded and as reread give the same.
        for _key, inner in sorted(value.items(), key=lambda item: str(item[0])):
            yield from _parts(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _parts(inner)


def _shown(text: str) -> bool:
    """Whether a string of a body is words a person may search for, not a hash, a key id or a long text."""
    return bool(text) and len(text) <= ACT_VALUE_LIMIT and not _MACHINE.fullmatch(text)


def _said(parts: list[str | dt.date | Texts], language: str) -> Iterator[str]:
    """The parts as `language`'s row holds them: a day as that language writes it, a text kept in several
    languages in that language (else in the organization's first language that has it, whatever order the
    body was read in), every other string as written."""
    for part in parts:
        if isinstance(part, str):
            yield part
        elif isinstance(part, dt.date):
            with translation.override(language):
                yield dates.day(part)
        else:
            yield from _said(list(_parts(part.in_order(content_languages()).pick(language).text)), language)


# An act type's name in each interface language, found once: the labels and their translations are the code's.
_titles: dict[tuple[str, str], str] = {}


def _act_title(act_type: str, language: str) -> str:
    title = _titles.get((act_type, language))
    if title is None:
        with translation.override(language):
            title = act_label(act_type)
        if title != act_type:  # a type labelled later (an app still loading) is looked up again
            _titles[(act_type, language)] = title
    return title


def act_things(seq: int, event: Event | None = None, signer: Person | None = None) -> list[Found]:
    """An act as the log explorer lists it: its name in each interface language, who and about which
    member, and the short words of its body (found only by a reader the act is not sealed to). `event`:
    the entry's act when the caller has read it already; `signer`: its actor, with its member, as the act
    read them in its transaction (accord.core.acting.Recorded), which are then not read again."""
    event = history.event_for_entry(seq) if event is None else event
    found = Found(Kind.ACT, seq, Restriction(event.classification, tuple(event.audience or ())))
    known = signer if signer is not None and event.actor and signer.username == event.actor else None
    # The members the act names (its own, and those its body names by code) in one query, each row naming them
    # in its language, but the signer's own member as the act read it; the person likewise, else by a unique key,
    # unordered (`first()` would have Django build an ORDER BY for the one row, every act).
    parts = list(_parts(event.body))
    codes = {text for text in _said(parts, settings.LANGUAGE_CODE) if _MEMBER_CODE.fullmatch(text)}
    members: dict[str, Member] = {}
    if (known is not None and event.member and known.member_id == event.member and Person.member.is_cached(known)
            and known.member is not None):
        members[event.member] = known.member
    codes |= {event.member} if event.member else set()
    codes -= members.keys()
    if codes:
        members.update({m.pk: m for m in Member.objects.filter(pk__in=codes).order_by()})
    member = members.get(event.member) if event.member else None
    person = known if known is not None else (
        next(iter(Person.objects.filter(username=event.actor).order_by()[:1]), None) if event.actor else None)
    for language in _ui_languages():
        found.titles[language].append(_act_title(event.type, language))
        found.texts[language].append(event.type)
        if member is not None:
            found.texts[language].append(member.name.pick(language).text)
        if person is not None:
            found.texts[language].append(person.full_name.pick(language).text or person.username)
        found.texts[language].extend(dict.fromkeys(
            members[text].name.pick(language).text if text in members else text
            for text in _said(parts, language)))
    return [found]


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """The index is written inside the act that changed what it shows; outside one (`accord search
    reindex`), as a step of its own: it is derived from the state and changes none of it."""
    if current_action() is not None:
        yield
        return
    with acting("accord.search.reindex"):
        yield


def _store(kind_refs: Iterable[tuple[str, int]], things: Sequence[Found], sessions: Iterable[int] = ()) -> None:
    for kind, ref in kind_refs:
        SearchEntry.objects.filter(kind=kind, ref=ref).delete()
    for session in sessions:
        SearchEntry.objects.filter(kind__in=[Kind.ITEM, Kind.STATEMENT], parent=session).delete()
    # Every act writes its own entry here: the INSERT built once (accord.core.prepared).
    prepared.insert(SearchEntry, ROW_FIELDS, [row for thing in things for row in thing.rows()])


def index_session(pk: int) -> None:
    found = Session.objects.filter(pk=pk).first()
    with _writing():
        _store([(Kind.SESSION, pk)], session_things(found) if found else [], sessions=[pk])


def index_statement(statement: Statement) -> None:
    """One statement again, not its whole session: an act on a statement changes nothing else of it."""
    with _writing():
        _store([(Kind.STATEMENT, statement.pk)], [statement_thing(statement)])


def index_proposal(pk: int) -> None:
    found = Proposal.objects.filter(pk=pk).first()
    with _writing():
        _store([(Kind.PROPOSAL, pk)], proposal_things(found) if found else [])


def index_document(pk: int) -> None:
    found = Document.objects.filter(pk=pk).first()
    with _writing():
        _store([(Kind.DOCUMENT, pk)], document_things(found) if found else [])


def index_crisis(pk: int) -> None:
    found = Crisis.objects.select_related("requester").filter(pk=pk).first()
    with _writing():
        _store([(Kind.CRISIS, pk)], crisis_things(found) if found else [])


def index_act(seq: int) -> None:
    """Index the act of entry `seq` again (an act's own rows are written by the act: `after_act`)."""
    with _writing():
        _store([(Kind.ACT, seq)], act_things(seq))


def _ids(value: Any) -> set[int]:
    return {value} if isinstance(value, int) and not isinstance(value, bool) else set()


# Acts that change one statement and nothing else of its session (the session's, the part's and the item's
# classification, which its readers follow, are unchanged): only that statement is indexed again. Indexing its
# whole session for each made a long plenary's every statement cost as much as all before it, inside the
# act's transaction (issue #20's sustained load: hundreds of statements in one part).
STATEMENT_ACTS = frozenset({"meetings.speaker_inscribed", "meetings.statement_delivered"})


def after_act(recorded: Sequence[Recorded]) -> None:
    """Index again what the act's entries touched: the act itself, the things its body names, and the
    things it created (those whose entry is one of the act's); in a batch of acts, of all of them at once."""
    if drill.current() is not None:
        return
    # A drill's act, and what it touched, are the drill's: never in the real search (accord.core.drill).
    real = [entry for entry in recorded if entry.drill is None]
    if real:
        with _reading_once():
            _index_touched(real)


@contextlib.contextmanager
def _reading_once() -> Iterator[None]:
    """What a request reads once (the organization's languages, which each text of each body asks for) read at
    most once while indexing too, as the state stands (accord.core.once): an act's own reads are behind it."""
    token = once.open_request()
    try:
        yield
    finally:
        once.close_request(token)


def _index_touched(recorded: Sequence[Recorded]) -> None:
    seqs: list[int] = []  # the entries whose things are indexed again whole
    on_statements: list[int] = []  # the entries of acts on one statement (STATEMENT_ACTS)
    touched: dict[str, set[int]] = defaultdict(set)
    apps: set[str] = set()
    acts: list[Found] = []  # the acts' own rows, new (nothing indexes them yet): written in one go
    for entry in recorded:
        seq = entry.seq
        event = entry.event or history.event_for_entry(seq)
        acts += act_things(seq, event, entry.signer)
        if event.type in STATEMENT_ACTS:
            on_statements.append(seq)
            continue
        seqs.append(seq)
        apps.add(event.type.split(".")[0])
        for key in ("session", "proposal", "document", "crisis"):
            touched[key] |= _ids(event.body.get(key))
    with _writing():
        _store([], acts)
    for statement in Statement.objects.filter(Q(entry_seq__in=on_statements) | Q(delivered_seq__in=on_statements)
                                              ).select_related("part__session") if on_statements else ():
        if statement.part.session_id not in touched["session"]:
            index_statement(statement)
    if "meetings" in apps:
        touched["session"] |= set(Session.objects.filter(entry_seq__in=seqs).values_list("pk", flat=True))
        touched["session"] |= set(AgendaItem.objects.filter(entry_seq__in=seqs).values_list("session", flat=True))
        touched["session"] |= set(Statement.objects.filter(entry_seq__in=seqs)
                                  .values_list("part__session", flat=True))
    if "decisions" in apps:
        touched["proposal"] |= set(Proposal.objects.filter(entry_seq__in=seqs).values_list("pk", flat=True))
        touched["proposal"] |= set(Decision.objects.filter(entry_seq__in=seqs).values_list("proposal", flat=True))
        touched["proposal"] |= set(Procedure.objects.filter(entry_seq__in=seqs).values_list("proposal", flat=True))
    if "documents" in apps:
        touched["document"] |= set(Document.objects.filter(created_seq__in=seqs).values_list("pk", flat=True))
        touched["document"] |= set(Version.objects.filter(created_seq__in=seqs).values_list("document", flat=True))
    if "crises" in apps:
        touched["crisis"] |= set(Crisis.objects.filter(entry_seq__in=seqs).values_list("pk", flat=True))
    for pk in touched["session"]:
        index_session(pk)
    for pk in touched["proposal"]:
        index_proposal(pk)
    for pk in touched["document"]:
        index_document(pk)
    for pk in touched["crisis"]:
        index_crisis(pk)


def reindex(progress: Callable[[str, int, int], None] | None = None) -> int:
    """Build the whole index again from the state and the log; `progress(what, done, total)` is told as
    it goes. Returns the number of rows written."""
    steps: list[tuple[str, list[int], Callable[[int], None]]] = [
        ("sessions", list(Session.objects.values_list("pk", flat=True)), index_session),
        ("proposals", list(Proposal.objects.values_list("pk", flat=True)), index_proposal),
        ("documents", list(Document.objects.values_list("pk", flat=True)), index_document),
        ("crises", list(Crisis.objects.values_list("pk", flat=True)), index_crisis),
        ("acts", list(Entry.objects.order_by("seq").values_list("seq", flat=True)), index_act),
    ]
    with _writing():
        SearchEntry.objects.all().delete()
    with _reading_once():
        for what, pks, index in steps:
            for done, pk in enumerate(pks, start=1):
                index(pk)
                if progress is not None and (done == len(pks) or done % 100 == 0):
                    progress(what, done, len(pks))
    return SearchEntry.objects.count()
