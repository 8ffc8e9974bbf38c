"""Search, given the viewer: every hit is checked through its own app's queries before it is counted or shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from accord.core import history
from accord.core.errors import NotFound
from accord.core.policy import Viewer
from accord.crises import queries as crises
from accord.decisions import queries as decisions
from accord.documents import queries as documents
from accord.ledger.models import Entry
from accord.meetings import queries as meetings
from accord.search.models import Kind, SearchEntry

PAGE_SIZE = 20
# Matches are read in batches of this many, best first, until none is left: the access policy is applied
# to every match before any is counted or paged, so hidden matches never crowd out visible ones.
CANDIDATES = 2000
MAX_QUERY = 200
START, STOP = "\x02", "\x03"  # where a snippet's match begins and ends, before it is escaped
LESS_THAN = "\x04"  # "<" while PostgreSQL makes a snippet (see _postgresql_candidates)

# The kinds in the order the results page groups them, with their names.
KINDS: dict[str, Any] = {
    Kind.SESSION: _("Sessions"),
    Kind.ITEM: _("Agenda items"),
    Kind.STATEMENT: _("Statements"),
    Kind.PROPOSAL: _("Proposals and decisions"),
    Kind.DOCUMENT: _("Documents"),
    Kind.CRISIS: _("Crises"),
    Kind.ACT: _("Acts"),
}

_WORD = re.compile(r"[^\W_]+")


def words_of(query: str) -> list[str]:
    """The words searched for: letters and digits in any script, everything else a separator."""
    return _WORD.findall(query[:MAX_QUERY])[:20]


@dataclass(frozen=True)
class Candidate:
    kind: str
    ref: int
    parent: int | None
    language: str
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True)
class Hit:
    kind: str
    ref: int
    language: str
    title: str
    snippet: SafeString
    url: str

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


@dataclass
class Results:
    query: str
    kind: str | None
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    page: int = 1
    num_pages: int = 1

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind]) if self.kind else ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown_total(self) -> int:
        return self.counts.get(self.kind, 0) if self.kind else self.total

    @property
    def groups(self) -> list[tuple[str, str, list[Hit]]]:
        """The page's hits grouped by kind, in the kinds' order: (kind, its name, its hits)."""
        return [(kind, str(label), [hit for hit in self.hits if hit.kind == kind])
                for kind, label in KINDS.items() if any(hit.kind == kind for hit in self.hits)]

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        return [(kind, str(label), self.counts[kind]) for kind, label in KINDS.items() if self.counts.get(kind)]

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def highlighted(snippet: str) -> SafeString:
    """The snippet escaped, its matches marked: nothing of the text itself becomes markup."""
    return mark_safe(escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


# An act type's code ("meetings.scheduled"): its name is the hit's title, the code itself is not read.
_ACT_CODE = re.compile(r"[a-z_]+(\.[a-z_]+)+")
ACT_SNIPPET_LINES = 4
ACT_LINE_LENGTH = 120


def marked(text: str, words: list[str]) -> str:
    """`text` with every word that begins with one of `words` (any case) between START and STOP."""
    if not words:
        return text
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(word) for word in words) + r")[^\W_]*",
                         re.IGNORECASE)
    return pattern.sub(lambda found: START + found.group(0) + STOP, text)


def act_snippet(text: str, words: list[str]) -> str:
    """An act's indexed text as a person reads it: who and about which member, and the short words of its
    body that matched, one line each, without the act's code (its name is the title) or repeats."""
    lines = [line[:ACT_LINE_LENGTH] for line in dict.fromkeys(text.splitlines())
             if line.strip() and not _ACT_CODE.fullmatch(line.strip())]
    matching = [line for line in lines if START in marked(line, words)]
    shown = list(dict.fromkeys([*lines[:2], *matching]))[:ACT_SNIPPET_LINES]
    return " · ".join(marked(line, words) for line in shown)


def _act_snippets(hits: list[Candidate], words: list[str]) -> dict[tuple[int, str], str]:
    """The readable snippets of the page's acts, from their rows in the index (in the reader's language)."""
    refs = [c.ref for c in hits if c.kind == Kind.ACT]
    if not refs:
        return {}
    rows = SearchEntry.objects.filter(kind=Kind.ACT, ref__in=refs).values_list("ref", "language", "text")
    return {(ref, language): act_snippet(text, words) for ref, language, text in rows}


def _sqlite_candidates(words: list[str], offset: int) -> list[Candidate]:
    # Each word a quoted prefix: the reader's input is never FTS5 syntax, and "соглаш" finds "Соглашение".
    match = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.kind, e.ref, e.parent, e.language, e.title,"
            " snippet(search_fts, -1, char(2), char(3), '…', 24), bm25(search_fts, 4.0, 1.0)"
            " FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
            " WHERE search_fts MATCH %s ORDER BY 7, e.kind, e.ref, e.language LIMIT %s OFFSET %s",
            [match, CANDIDATES, offset],
        )
        return [Candidate(kind, ref, parent, language, title, snippet or "", float(rank))
                for kind, ref, parent, language, title, snippet, rank in cursor.fetchall()]


def _postgresql_candidates(words: list[str], offset: int) -> list[Candidate]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models import F, Func

    from accord.search.indexing import CONFIGS

    # Each word stemmed in the text's own language (russian, english, french, simple), then a prefix; the
    # words are letters and digits only, so the raw query holds no operator the reader typed.
    raw = " & ".join(f"{word}:*" for word in words)
    query = SearchQuery(raw, search_type="raw", config=F("config"))
    # The document as the GIN index of migration search/0002 holds it (the same function, so the index is
    # used); the index is asked with the words stemmed in every configuration at once (a constant query),
    # and each row is then held to its own language's stemming.
    vector = Func(F("config"), F("title"), F("text"), function="search_document", output_field=SearchVectorField())
    any_config = SearchQuery(raw, search_type="raw", config="simple")
    for config in sorted(set(CONFIGS.values())):
        any_config = any_config | SearchQuery(raw, search_type="raw", config=config)
    # The snippets are cut later, for the page's hits only (`_postgresql_snippets`): ts_headline is costly.
    rows = (SearchEntry.objects.annotate(document=vector, rank=SearchRank(vector, query))
            .filter(document=any_config).filter(document=query)
            .order_by("-rank", "kind", "ref", "language")[offset:offset + CANDIDATES])
    return [Candidate(row.kind, row.ref, row.parent, row.language, row.title, "", -float(row.rank))
            for row in rows]


def _postgresql_snippets(words: list[str], hits: list[Candidate]) -> dict[tuple[str, int, str], str]:
    """The passages of these hits' texts around the words, each match between START and STOP."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery
    from django.db.models import Case, F, Q, Value, When
    from django.db.models.functions import Replace

    if not hits:
        return {}
    query = SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config=F("config"))
    # ts_headline drops what its parser takes for a tag ("<b>"): the snippet shows the text as written, so
    # "<" is hidden from it and given back before the snippet is escaped like any other.
    shown = Replace(Case(When(text="", then=F("title")), default=F("text")), Value("<"), Value(LESS_THAN))
    which = Q()
    for hit in hits:
        which |= Q(kind=hit.kind, ref=hit.ref, language=hit.language)
    rows = (SearchEntry.objects.filter(which)
            .annotate(snippet=SearchHeadline(shown, query, config=F("config"), start_sel=START, stop_sel=STOP,
                                             max_words=35, min_words=15, fragment_delimiter=" … "))
            .values_list("kind", "ref", "language", "snippet"))
    return {(kind, ref, language): snippet.replace(LESS_THAN, "<") for kind, ref, language, snippet in rows}


class _Visibility:
    """Whether the viewer may see each thing, asked of its app's queries once per thing (or session)."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self._sessions: set[int] | None = None
        self._views: dict[int, tuple[set[int], set[int]]] = {}
        self._seen: dict[tuple[str, int], bool] = {}

    def _session_parts(self, session: int) -> tuple[set[int], set[int]]:
        if session not in self._views:
            try:
                view = meetings.session_view(self.viewer, session)
            except NotFound:
                self._views[session] = (set(), set())
            else:
                self._views[session] = ({shown.item.pk for shown in view.items},
                                        {said.pk for part in view.parts for said, _applies in part.statements})
        return self._views[session]

    def _act(self, seq: int) -> bool:
        entry = Entry.objects.filter(seq=seq).first()
        return entry is not None and not history.events_of([entry])[0].for_viewer(self.viewer).get("sealed")

    def prime_acts(self, seqs: list[int]) -> None:
        """Judge many acts at once (their entries read together), as every match is judged before counting."""
        wanted = [seq for seq in dict.fromkeys(seqs) if (Kind.ACT, seq) not in self._seen]
        for start in range(0, len(wanted), 1000):
            rows = list(Entry.objects.filter(seq__in=wanted[start:start + 1000]).order_by("seq"))
            for event in history.events_of(rows):
                self._seen[(Kind.ACT, event.id)] = not event.for_viewer(self.viewer).get("sealed")
            self._seen.update({(Kind.ACT, seq): False for seq in wanted[start:start + 1000]
                               if (Kind.ACT, seq) not in self._seen})

    def _thing(self, kind: str, ref: int) -> bool:
        lookups: dict[str, Callable[[], object]] = {
            Kind.PROPOSAL: lambda: decisions.proposal(self.viewer, ref),
            Kind.DOCUMENT: lambda: documents.document(self.viewer, ref),
            Kind.CRISIS: lambda: crises.crisis(self.viewer, ref),
        }
        try:
            return lookups[kind]() is not None
        except NotFound:
            return False

    def __call__(self, candidate: Candidate) -> bool:
        key = (candidate.kind, candidate.ref)
        if key in self._seen:
            return self._seen[key]
        if candidate.kind == Kind.SESSION:
            if self._sessions is None:
                self._sessions = {found.pk for found in meetings.sessions(self.viewer)}
            seen = candidate.ref in self._sessions
        elif candidate.kind in (Kind.ITEM, Kind.STATEMENT):
            items, statements = self._session_parts(candidate.parent or 0)
            seen = candidate.ref in (items if candidate.kind == Kind.ITEM else statements)
        elif candidate.kind == Kind.ACT:
            seen = self._act(candidate.ref)
        else:
            seen = self._thing(candidate.kind, candidate.ref)
        self._seen[key] = seen
        return seen


def url_of(kind: str, ref: int, parent: int | None) -> str:
    if kind == Kind.ACT:
        return reverse("web:entry", args=[ref])
    if kind == Kind.SESSION:
        return reverse("meetings:session", args=[ref])
    if kind in (Kind.ITEM, Kind.STATEMENT):
        return reverse("meetings:session", args=[parent])
    if kind == Kind.PROPOSAL:
        return reverse("decisions:proposal", args=[ref])
    if kind == Kind.DOCUMENT:
        return reverse("documents:document", args=[ref])
    return reverse("crises:crisis", args=[ref])


def search(viewer: Viewer, query: str, *, kind: str | None = None, page: int = 1,
           language: str = "en") -> Results:
    """What `viewer` may see that matches `query`, best first, one hit per thing (in the reader's
    language when the thing matched in it), counted by kind; a thing the viewer may not see is neither
    shown nor counted, and its text is never in a snippet."""
    kind = kind if kind in KINDS else None
    results = Results(query=query, kind=kind)
    words = words_of(query)
    if not words:
        return results
    read = _postgresql_candidates if connection.vendor == "postgresql" else _sqlite_candidates
    found: list[Candidate] = []
    while True:
        batch = read(words, len(found))
        found.extend(batch)
        if len(batch) < CANDIDATES:
            break
    visible = _Visibility(viewer)
    visible.prime_acts([c.ref for c in found if c.kind == Kind.ACT])
    # One hit per thing, placed by its best match, shown in the reader's language when that text matched.
    matched: dict[tuple[str, int], list[Candidate]] = {}
    for candidate in sorted(found, key=lambda c: c.rank):
        matched.setdefault((candidate.kind, candidate.ref), []).append(candidate)
    best = {key: next((c for c in texts if c.language == language), texts[0])
            for key, texts in matched.items() if visible(texts[0])}
    for candidate in best.values():
        results.counts[candidate.kind] = results.counts.get(candidate.kind, 0) + 1
    chosen = [c for c in best.values() if kind is None or c.kind == kind]
    results.num_pages = max(1, -(-len(chosen) // PAGE_SIZE))
    results.page = min(max(1, page), results.num_pages)
    start = (results.page - 1) * PAGE_SIZE
    shown = chosen[start:start + PAGE_SIZE]
    acts = _act_snippets(shown, words)
    others = [c for c in shown if c.kind != Kind.ACT]
    cut = _postgresql_snippets(words, others) if connection.vendor == "postgresql" else {}

    def snippet_of(c: Candidate) -> str:
        if c.kind == Kind.ACT:
            return acts.get((c.ref, c.language), c.snippet)
        return cut.get((c.kind, c.ref, c.language), c.snippet)

    results.hits = [Hit(c.kind, c.ref, c.language, c.title, highlighted(snippet_of(c)),
                        url_of(c.kind, c.ref, c.parent)) for c in shown]
    return results
