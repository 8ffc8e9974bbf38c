"""Search, given the viewer: the database applies the access policy before anything is counted, paged or shown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from accord.core import policy
from accord.core.policy import Viewer
from accord.search.models import Kind, SearchEntry

PAGE_SIZE = 20
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
    title_language: str = ""  # the title's own language where it is not the matched text's (an act's name)

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


# A code, not a word a person reads: an act type's ("meetings.scheduled": its name is the hit's title), a value's
# in an act's body ("in_person", "adopted"), a member's or a body's (two to five capitals: the member is named).
_ACT_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*|[A-Z]{2,5}")
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
    body that matched (else the first ones), one line each, without codes (its name is the title) or repeats."""
    lines = [line[:ACT_LINE_LENGTH] for line in dict.fromkeys(text.splitlines())
             if line.strip() and not _ACT_CODE.fullmatch(line.strip())]
    matching = [line for line in lines if START in marked(line, words)]
    # Who and whom, then what matched; then (the words matched another language's row) what follows.
    shown = list(dict.fromkeys([*lines[:2], *matching, *lines[2:]]))[:ACT_SNIPPET_LINES]
    return " · ".join(marked(line, words) for line in shown)


def _act_rows(hits: list[Candidate], words: list[str]) -> dict[tuple[int, str], tuple[str, str]]:
    """The page's acts' rows in the index, every language: (title, readable snippet) by (act, language)."""
    refs = [c.ref for c in hits if c.kind == Kind.ACT]
    if not refs:
        return {}
    rows = SearchEntry.objects.filter(kind=Kind.ACT, ref__in=refs).values_list("ref", "language", "title", "text")
    return {(ref, language): (title, act_snippet(text, words)) for ref, language, title, text in rows}


def _titles_in(hits: list[Candidate], language: str) -> dict[tuple[str, int], str]:
    """The titles, in the reader's language, of the page's other things that matched in another language
    only: a Russian reader finding a session by an English word reads its Russian title above the English
    passage that matched. The thing is already readable; its rows in every language share its access."""
    elsewhere = [c for c in hits if c.kind != Kind.ACT and c.language != language]
    if not elsewhere:
        return {}
    which = Q()
    for c in elsewhere:
        which |= Q(kind=c.kind, ref=c.ref)
    rows = SearchEntry.objects.filter(which, language=language).exclude(title="")
    return {(kind, ref): title for kind, ref, title in rows.values_list("kind", "ref", "title")}


def _readable_sql(viewer: Viewer, table: str) -> tuple[str, list[Any]]:
    """The access policy (`policy.readable`) as an SQL condition on the index's rows: their thing's
    classification, and for a `participants` thing its audience naming the viewer's key."""
    allowed = policy.readable(viewer)
    marks = ", ".join(["%s"] * len(allowed.classifications))
    sql = f"{table}.classification IN ({marks})"
    params: list[Any] = list(allowed.classifications)
    if allowed.audience_key is not None:
        # instr, not LIKE: case-sensitive, and no wildcard to escape in a name.
        sql = f"({sql} OR ({table}.classification = %s AND instr({table}.audience, %s) > 0))"
        params += [policy.PARTICIPANTS, f",{allowed.audience_key},"]
    return sql, params


def _readable_q(viewer: Viewer) -> Q:
    """`_readable_sql` for the ORM (PostgreSQL's search)."""
    allowed = policy.readable(viewer)
    readable = Q(classification__in=allowed.classifications)
    if allowed.audience_key is not None:
        readable |= Q(classification=policy.PARTICIPANTS, audience__contains=f",{allowed.audience_key},")
    return readable


def _things_sql(pairs: list[tuple[str, int]], table: str) -> tuple[str, list[Any]]:
    return "(" + " OR ".join([f"({table}.kind = %s AND {table}.ref = %s)"] * len(pairs)) + ")", [
        value for pair in pairs for value in pair]


class _SQLite:
    """The search on SQLite's FTS5 table (migration search/0001), the policy applied in the same query."""

    def __init__(self, viewer: Viewer, words: list[str]) -> None:
        # Each word a quoted prefix: the reader's input is never FTS5 syntax, and "соглаш" finds "Соглашение".
        self.match = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
        self.readable, self.readable_params = _readable_sql(viewer, "e")
        self.source = ("FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
                       f" WHERE search_fts MATCH %s AND {self.readable}")

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def counts(self) -> dict[str, int]:
        return dict(self._rows(f"SELECT e.kind, COUNT(DISTINCT e.ref) {self.source} GROUP BY e.kind",
                               [self.match, *self.readable_params]))

    def things(self, kind: str | None, offset: int, limit: int) -> list[tuple[str, int]]:
        """The things matched, each placed by its best match (best first), a page of them."""
        only = " AND e.kind = %s" if kind else ""
        # FTS5's `rank` column, set to the same bm25 weights as the texts' (an auxiliary function such as bm25()
        # cannot be called under an aggregate). Every part of the SQL is the code's own; values are parameters.
        rows = self._rows(
            f"SELECT e.kind, e.ref {self.source}{only} AND search_fts.rank MATCH 'bm25(4.0, 1.0)'"
            " GROUP BY e.kind, e.ref ORDER BY MIN(search_fts.rank), e.kind, e.ref LIMIT %s OFFSET %s",
            [self.match, *self.readable_params, *([kind] if kind else []), limit, offset])
        return [(kind, int(ref)) for kind, ref in rows]

    def texts(self, pairs: list[tuple[str, int]], words: list[str]) -> list[Candidate]:
        """The matching texts of these things (every language that matched), best first, with snippets."""
        if not pairs:
            return []
        which, params = _things_sql(pairs, "e")
        rows = self._rows(
            "SELECT e.kind, e.ref, e.parent, e.language, e.title,"
            " snippet(search_fts, -1, char(2), char(3), '…', 24), bm25(search_fts, 4.0, 1.0)"
            f" {self.source} AND {which} ORDER BY 7, e.kind, e.ref, e.language",
            [self.match, *self.readable_params, *params])
        return [Candidate(kind, ref, parent, language, title, snippet or "", float(rank))
                for kind, ref, parent, language, title, snippet, rank in rows]


class _PostgreSQL:
    """The search on PostgreSQL's GIN index (migration search/0002), the policy applied in the same query."""

    def __init__(self, viewer: Viewer, words: list[str]) -> None:
        from django.contrib.postgres.search import SearchQuery, SearchVectorField
        from django.db.models import F, Func

        from accord.search.indexing import CONFIGS

        # Each word stemmed in the text's own language (russian, english, french, simple), then a prefix; the
        # words are letters and digits only, so the raw query holds no operator the reader typed.
        raw = " & ".join(f"{word}:*" for word in words)
        self.query = SearchQuery(raw, search_type="raw", config=F("config"))
        # The document as the GIN index of migration search/0002 holds it (the same function, so the index is
        # used); the index is asked with the words stemmed in every configuration at once (a constant query),
        # and each row is then held to its own language's stemming.
        self.vector = Func(F("config"), F("title"), F("text"), function="search_document",
                           output_field=SearchVectorField())
        any_config = SearchQuery(raw, search_type="raw", config="simple")
        for config in sorted(set(CONFIGS.values())):
            any_config = any_config | SearchQuery(raw, search_type="raw", config=config)
        self.rows = (SearchEntry.objects.annotate(document=self.vector).filter(document=any_config)
                     .filter(document=self.query).filter(_readable_q(viewer)))

    def counts(self) -> dict[str, int]:
        from django.db.models import Count

        found = self.rows.order_by().values("kind").annotate(things=Count("ref", distinct=True))
        return {row["kind"]: row["things"] for row in found}

    def things(self, kind: str | None, offset: int, limit: int) -> list[tuple[str, int]]:
        from django.contrib.postgres.search import SearchRank
        from django.db.models import Max

        rows = self.rows.filter(kind=kind) if kind else self.rows
        best = (rows.order_by().values("kind", "ref").annotate(best=Max(SearchRank(self.vector, self.query)))
                .order_by("-best", "kind", "ref")[offset:offset + limit])
        return [(row["kind"], row["ref"]) for row in best]

    def texts(self, pairs: list[tuple[str, int]], words: list[str]) -> list[Candidate]:
        from django.contrib.postgres.search import SearchRank

        if not pairs:
            return []
        which = Q()
        for kind, ref in pairs:
            which |= Q(kind=kind, ref=ref)
        # The snippets are cut later, for the page's hits only (`_postgresql_snippets`): ts_headline is costly.
        rows = (self.rows.filter(which).annotate(rank=SearchRank(self.vector, self.query))
                .order_by("-rank", "kind", "ref", "language"))
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
    # The policy is applied by the database in every query: it counts, orders and pages only what the viewer
    # may read, so a broad query reads one page of things, never every match.
    engine = _PostgreSQL(viewer, words) if connection.vendor == "postgresql" else _SQLite(viewer, words)
    results.counts = {kind_: count for kind_, count in engine.counts().items() if count}
    results.num_pages = max(1, -(-results.shown_total // PAGE_SIZE))
    results.page = min(max(1, page), results.num_pages)
    pairs = engine.things(kind, (results.page - 1) * PAGE_SIZE, PAGE_SIZE)
    matched: dict[tuple[str, int], list[Candidate]] = {pair: [] for pair in pairs}
    for candidate in sorted(engine.texts(pairs, words), key=lambda c: c.rank):
        matched[(candidate.kind, candidate.ref)].append(candidate)
    # One hit per thing, in its place, shown in the reader's language when that text matched.
    shown = [next((c for c in texts if c.language == language), texts[0]) for texts in matched.values() if texts]
    acts = _act_rows(shown, words)
    titles = _titles_in(shown, language)
    others = [c for c in shown if c.kind != Kind.ACT]
    cut = _postgresql_snippets(words, others) if connection.vendor == "postgresql" else {}

    def act_language(c: Candidate) -> str:
        # An act's words are its name and the names of who and whom, indexed in every interface language: they
        # are read in the reader's, even when another language's row held the words searched for.
        return language if (c.ref, language) in acts else c.language

    def snippet_of(c: Candidate) -> str:
        if c.kind == Kind.ACT:
            return acts[(c.ref, act_language(c))][1] if (c.ref, act_language(c)) in acts else c.snippet
        return cut.get((c.kind, c.ref, c.language), c.snippet)

    def title_of(c: Candidate) -> tuple[str, str]:
        if c.kind == Kind.ACT and (c.ref, language) in acts:
            return acts[(c.ref, language)][0], language
        if (c.kind, c.ref) in titles:
            return titles[(c.kind, c.ref)], language
        return c.title, c.language

    results.hits = []
    for c in shown:
        title, title_language = title_of(c)
        said = act_language(c) if c.kind == Kind.ACT else c.language
        results.hits.append(Hit(c.kind, c.ref, said, title, highlighted(snippet_of(c)),
                                url_of(c.kind, c.ref, c.parent), title_language))
    return results
