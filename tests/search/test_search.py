"""Search: found as the access policy allows, never counted or hinted at otherwise, in every language."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import meetings_world as w
import pytest
from django.core.management import call_command

from accord.core import policy
from accord.core.acting import Actor
from accord.core.policy import ANONYMOUS, Viewer, viewer_of
from accord.meetings import actions
from accord.members.models import Person
from accord.search import indexing, queries
from accord.search.models import SearchEntry

# The numbers that end the world's marker strings: a search for one finds the thing that holds it.
CLOSED_STATEMENT = "7731"
CLOSED_ITEM = "4242"
SECRET_SESSION = "6262"
MEMBERS_SESSION = "3131"
OPEN_STATEMENT = "1111"


def _viewer(username: str | None) -> Viewer:
    return ANONYMOUS if username is None else viewer_of(Person.objects.get(username=username))


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_it_finds_closed_and_restricted_things_only_for_those_who_may_see_them(
        world: w.World, login: w.SignIn, persona: str, username: str) -> None:
    client = login(username)
    closed = w.sees_closed(username)
    for number, secret, seen in ((CLOSED_STATEMENT, w.CLOSED_TEXT, closed), (CLOSED_ITEM, w.CLOSED_ITEM, closed),
                                 (SECRET_SESSION, w.SECRET_SESSION, closed),
                                 (MEMBERS_SESSION, w.MEMBERS_SESSION, w.sees_members(username))):
        page = client.get("/search/", {"q": number})
        answer = client.get("/api/v1/search", {"q": number}).json()
        assert page.status_code == 200
        if seen:
            # The snippet marks the word searched for: "closed-statement-text-<mark>7731</mark>".
            marked = f"{secret.removesuffix(number)}<mark>{number}</mark>"
            assert marked in page.content.decode(), (persona, secret)
            assert answer["total"] >= 1
        else:
            # Not shown, not counted, not in a snippet: the answer is that of a word nobody wrote.
            assert secret.removesuffix(number) not in page.content.decode(), (persona, secret)
            assert answer == client.get("/api/v1/search", {"q": "nowhere0000"}).json() | {"q": number}
            assert "0 results" in page.content.decode()
    # The open part's statement is everyone's.
    opened = client.get("/search/", {"q": OPEN_STATEMENT}).content.decode()
    assert "open-statement-text-<mark>1111</mark>" in opened


def test_it_counts_a_closed_statement_for_a_participant_and_not_for_an_outsider_of_it(world: w.World) -> None:
    inside = queries.search(_viewer("rus.head"), CLOSED_STATEMENT)
    outside = queries.search(_viewer("arm.head"), CLOSED_STATEMENT)
    assert inside.counts.get("statement") == 1
    assert {hit.ref for hit in inside.hits if hit.kind == "statement"} == {world.closed_statement}
    assert outside.counts == {}
    assert outside.hits == []


def test_it_finds_russian_words_whatever_their_case_and_english_ones(world: w.World) -> None:
    for query in ("дворец", "ДВОРЕЦ", "Московский", "московск", "Grand Kremlin", "palace", "PALACE"):
        found = queries.search(ANONYMOUS, query, language="ru")
        assert world.summit in {hit.ref for hit in found.hits if hit.kind == "session"}, query


def test_it_answers_in_the_readers_language_when_the_thing_matched_in_it(world: w.World) -> None:
    # The summit's title is in both languages; a word both share (the place's "Kremlin" is in the title of
    # neither) is not needed: the marker session's title is the same in both, so the reader's is chosen.
    for language in ("ru", "en"):
        found = queries.search(ANONYMOUS, OPEN_STATEMENT, language=language)
        statement = next(hit for hit in found.hits if hit.kind == "statement")
        assert statement.language == language


def test_it_escapes_what_a_snippet_shows_and_marks_only_the_match(world: w.World, login: w.SignIn) -> None:
    actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                            starts_on="2022-06-01",
                            title={"en": "<script>alert(1)</script> Zanzibar <b>talks</b>",
                                   "ru": "<i>Занзибар</i> переговоры"})
    page = login(None).get("/search/", {"q": "zanzibar"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Zanzibar</mark> &lt;b&gt;talks&lt;/b&gt;" in page
    answer = login(None).get("/api/v1/search", {"q": "занзибар"}).json()
    assert answer["hits"][0]["snippet"] == "&lt;i&gt;<mark>Занзибар</mark>&lt;/i&gt; переговоры"


def test_it_finds_what_an_act_just_made_and_reindex_builds_the_same_index(world: w.World) -> None:
    actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                            starts_on="2022-07-01",
                            title={"en": "Quokka consultations", "ru": "Консультации квокка"})
    found = queries.search(ANONYMOUS, "quokka")
    assert [hit.kind for hit in found.hits if hit.kind == "session"] == ["session"]
    # The act that convened it is found too, as the log explorer lists it.
    assert found.counts.get("act") == 1
    before = sorted(SearchEntry.objects.values_list("kind", "ref", "language", "title", "text"))
    call_command("search", "reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(SearchEntry.objects.values_list("kind", "ref", "language", "title", "text")) == before


def test_a_refused_act_leaves_the_index_as_it_was(world: w.World) -> None:
    before = SearchEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 (any refusal: the title is missing)
        actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                                starts_on="2022-07-01", title={})
    assert SearchEntry.objects.count() == before


def test_it_filters_by_kind_and_pages(world: w.World, login: w.SignIn, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in range(1, 4):
        actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                                starts_on=f"2022-08-0{day}",
                                title={"en": f"Wombat round {day}", "ru": f"Вомбат {day}"})
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    client = login(None)
    first = client.get("/api/v1/search", {"q": "wombat", "kind": "session"}).json()
    assert first["counts"] == {"session": 3, "act": 3}
    assert (first["total"], first["page"], first["pages"]) == (6, 1, 2)
    assert [hit["kind"] for hit in first["hits"]] == ["session", "session"]
    second = client.get("/api/v1/search", {"q": "wombat", "kind": "session", "page": "2"}).json()
    assert len(second["hits"]) == 1
    assert {h["ref"] for h in first["hits"]}.isdisjoint({h["ref"] for h in second["hits"]})
    page = client.get("/search/", {"q": "wombat", "kind": "session"}).content.decode()
    assert "3 results among Sessions" in page
    assert 'rel="next"' in page
    assert client.get("/api/v1/search", {"q": "wombat", "kind": "planet"}).status_code == 422


def test_the_search_box_is_in_every_pages_header_and_the_api_in_openapi(world: w.World, login: w.SignIn) -> None:
    client = login("kaz.head")
    for path in ("/", "/meetings/", f"/meetings/sessions/{world.summit}/"):
        assert 'id="site-search-q"' in client.get(path).content.decode()
    assert "/api/v1/search" in client.get("/api/v1/openapi.json").json()["paths"]


def test_an_empty_query_finds_nothing_and_reader_syntax_is_only_words(world: w.World, login: w.SignIn) -> None:
    assert login(None).get("/search/").status_code == 200
    for query in ("", "   ", '"', "NEAR(", "*", "a OR", "title:x", "(!)&|"):
        assert queries.search(ANONYMOUS, query).counts.get("session", 0) == 0 or query
        assert login(None).get("/api/v1/search", {"q": query}).status_code == 200


def test_it_applies_the_access_policy_before_any_limit(world: w.World, monkeypatch: pytest.MonkeyPatch) -> None:
    # "statement" is in the closed statement's text and in the open one's: paged one thing at a time, the
    # hidden matches must neither take a place on a page nor leave the outsider with fewer results.
    outsider = _viewer("arm.head")
    everything = queries.search(outsider, "statement text")
    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    pages = [queries.search(outsider, "statement text", page=number) for number in range(1, everything.total + 1)]
    assert all(page.counts == everything.counts for page in pages)
    assert [len(page.hits) for page in pages] == [1] * everything.total
    assert [hit.ref for page in pages for hit in page.hits] == [hit.ref for hit in everything.hits]
    assert world.closed_statement not in {hit.ref for hit in everything.hits if hit.kind == "statement"}
    assert everything.counts.get("statement") == 1
    inside = queries.search(_viewer("rus.head"), "statement text")
    assert inside.counts.get("statement") == 2


def _app_says(viewer: Viewer, kind: str, ref: int, parent: int | None) -> bool:
    """Whether the thing's own app shows it to the viewer (its queries, not the index)."""
    from accord.core.errors import NotFound
    from accord.crises import queries as crises
    from accord.decisions import queries as decisions
    from accord.documents import queries as documents
    from accord.meetings import queries as meetings

    try:
        if kind == "session":
            return bool(meetings.session(viewer, ref))
        if kind in ("item", "statement"):
            view = meetings.session_view(viewer, parent or 0)
            if kind == "item":
                return ref in {shown.item.pk for shown in view.items}
            return ref in {said.pk for part in view.parts for said, _applies in part.statements}
        if kind == "proposal":
            return decisions.proposal(viewer, ref) is not None
        if kind == "document":
            return bool(documents.document(viewer, ref))
        if kind == "crisis":
            return bool(crises.crisis(viewer, ref))
    except NotFound:
        return False
    from accord.core import history
    from accord.ledger.models import Entry

    event = history.events_of([Entry.objects.get(seq=ref)])[0]
    return not event.for_viewer(viewer).get("sealed")


@pytest.mark.parametrize(("persona", "username"), w.PERSONAS)
def test_the_index_says_who_may_read_each_thing_as_its_own_app_does(
        world: w.World, persona: str, username: str | None) -> None:
    """The database applies the policy to the readers each row carries: for every persona, a row is readable
    exactly when the thing's own app shows it (sessions, items and statements of open, closed and members-only
    parts; proposals, documents, crises and every act of the world)."""
    viewer = _viewer(username)
    allowed = policy.readable(viewer)
    rows = SearchEntry.objects.values_list("kind", "ref", "parent", "classification", "audience").distinct()
    assert {row[0] for row in rows} >= {"session", "item", "statement", "act"}
    for kind, ref, parent, classification, audience in rows:
        indexed = classification in allowed.classifications or (
            classification == policy.PARTICIPANTS and f",{allowed.audience_key}," in (audience or ""))
        assert indexed == _app_says(viewer, kind, ref, parent), (persona, kind, ref, classification, audience)


def test_an_acts_snippet_reads_as_words_in_the_readers_language_with_the_match_marked(world: w.World) -> None:
    actions.convene_session(actor=Actor.console(), body="CSC", kind="regular", mode="video",
                            starts_on="2022-07-01",
                            title={"en": "Quokka <b>consultations</b>", "ru": "Консультации квокка"})
    for language, title in (("en", "<mark>Quokka</mark> &lt;b&gt;consultations&lt;/b&gt;"),
                            ("ru", "Консультации квокка")):  # the Russian row has the Russian title alone
        act = next(hit for hit in queries.search(ANONYMOUS, "quokka", language=language).hits if hit.kind == "act")
        assert act.language == language
        assert "meetings." not in act.snippet  # the act's code: its name is the title
        assert "{" not in act.snippet
        assert "<b>" not in act.snippet
        assert title in act.snippet
    assert queries.act_snippet("meetings.scheduled\nArmenia\n<i>x</i> Zebra", ["zeb"]) == (
        "Armenia · <i>x</i> \x02Zebra\x03")
    assert str(queries.highlighted(queries.act_snippet("a.b\n<i>Zebra</i>", ["zebra"]))) == (
        "&lt;i&gt;<mark>Zebra</mark>&lt;/i&gt;")


def test_on_postgresql_the_documents_are_held_in_a_gin_index_that_search_uses(world: w.World) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index; SQLite searches its FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_document'")
        assert "USING gin (search_document(config, title, text))" in cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM search_searchentry WHERE search_document(config, title, text)"
                       " @@ to_tsquery('simple', 'palace:*')")
        assert "search_entry_document" in " ".join(row[0] for row in cursor.fetchall())
    assert queries.search(ANONYMOUS, "palace").counts.get("session")


def test_an_acts_name_is_in_the_readers_language_even_when_another_languages_words_matched(world: w.World) -> None:
    # The English name of the persons in the world's acts ("Head of Armenia"): only English rows hold it.
    english = queries.search(ANONYMOUS, "Armenia", kind="act", language="en")
    found = queries.search(ANONYMOUS, "Armenia", kind="act", language="ru")
    assert {hit.ref for hit in found.hits} == {hit.ref for hit in english.hits} != set()
    for hit in found.hits:
        # Matched in English only, for some: the act's words are read in Russian all the same.
        assert hit.title_language == hit.language == "ru"
        assert hit.title == SearchEntry.objects.get(kind="act", ref=hit.ref, language="ru").title


def test_an_acts_words_are_in_the_readers_language_without_codes(world: w.World) -> None:
    """Issue #21's walk: a Russian search showed an act's English words (its body's texts in every language
    in every row) and codes ("in_person", "CSC", "ARM") beneath its Russian name."""
    session = actions.convene_session(
        actor=Actor.console(), body="CSC", kind="regular", mode="in_person", starts_on="2022-07-01", host="ARM",
        title={"en": "Wombat talks", "ru": "Переговоры о вомбатах"}, place={"en": "Yerevan", "ru": "Ереван"})
    rows = {row.language: row.text for row in SearchEntry.objects.filter(kind="act", ref=session.entry_seq)}
    assert "Переговоры о вомбатах" in rows["ru"]
    assert "Wombat" not in rows["ru"]
    assert "Wombat talks" in rows["en"]
    assert "Переговоры" not in rows["en"]
    assert "Армения" in rows["ru"].splitlines()  # the host, named
    assert "Armenia" in rows["en"].splitlines()
    assert "1 июля 2022" in rows["ru"]
    assert "1 July 2022" in rows["en"]
    assert "2022-07-01" not in rows["ru"]
    for language, query in (("ru", "вомбат"), ("ru", "wombat"), ("en", "wombat"), ("en", "вомбат")):
        act = next(hit for hit in queries.search(ANONYMOUS, query, kind="act", language=language).hits
                   if hit.ref == session.entry_seq)
        assert act.language == act.title_language == language, (language, query)
        for code in ("in_person", "regular", "CSC", "ARM", "meetings."):
            assert code not in act.snippet, (language, query, code)
    russian = next(hit for hit in queries.search(ANONYMOUS, "wombat", kind="act", language="ru").hits
                   if hit.ref == session.entry_seq)
    assert "Ереван" in russian.snippet
    assert "Yerevan" not in russian.snippet
    assert russian.title == "Сессия созвана"


def test_a_things_title_is_in_the_readers_language_even_when_another_languages_words_matched(
        world: w.World) -> None:
    """Issue #21's walk: a Russian reader searching "Kazakhstan" read the sessions' English titles."""
    found = queries.search(ANONYMOUS, "palace", kind="session", language="ru")
    summit = next(hit for hit in found.hits if hit.ref == world.summit)
    assert summit.language == "en"  # the words matched the English text only, which the passage shows
    assert summit.title_language == "ru"
    assert summit.title == SearchEntry.objects.get(kind="session", ref=world.summit, language="ru").title
    english = queries.search(ANONYMOUS, "palace", kind="session", language="en")
    assert next(hit for hit in english.hits if hit.ref == world.summit).title_language == "en"


def test_an_act_on_a_statement_indexes_that_statement_alone_and_leaves_the_index_as_reindex_builds_it(
        world: w.World) -> None:
    """Listing a speaker and recording the statement index that statement, not its whole session again (which
    grew with the session's statements); the index is still the one `search reindex` builds."""
    written: list[int] = []
    real_store = indexing._store

    def store(kind_refs: Any, things: Any, sessions: Any = ()) -> None:
        written.extend(thing.ref for thing in things if thing.kind == "statement")
        real_store(kind_refs, things, sessions)

    with patch.object(indexing, "_store", store):
        listed = actions.inscribe_speaker(actor=Actor.console(), part=world.open_part, delegation="KAZ",
                                          speaker_name={"ru": "Оратор 5151", "en": "Speaker 5151"})
        actions.deliver_statement(actor=Actor.console(), statement=listed.pk, language="en",
                                  text="Platypus cooperation")
    assert written == [listed.pk, listed.pk]  # that statement each time, not every statement of its session
    assert sorted(hit.kind for hit in queries.search(ANONYMOUS, "platypus").hits) == ["act", "statement"]
    before = sorted(SearchEntry.objects.values_list("kind", "ref", "language", "title", "text"))
    call_command("search", "reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(SearchEntry.objects.values_list("kind", "ref", "language", "title", "text")) == before
