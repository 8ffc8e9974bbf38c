"""A drill's records never reach the real organization: no real list, count, calendar, feed, search or metric
shows them (the real pages and the API crawled), while the drill's own pages show them under its banner, and
every act made in the drill carries its mark in its ledger entry."""

from __future__ import annotations

import re
from typing import Any

from crawl import crawl
from drills_world import MARK, actor, page, planned, rehearsed, signed_in

from accord.core import calendar, drill
from accord.crises.models import Crisis
from accord.decisions.models import Decision, Procedure, Proposal
from accord.ledger.models import Entry, Sealed
from accord.meetings import queries as meetings
from accord.meetings.models import Session

LINK = re.compile(r'(?:href|hx-get|src)="(/[^"#]*)"')
SKIPPED = ("/drills/", "/log/", "/ledger", "/i18n/", "/static/", "/login", "/logout", "/administration/")


def _crawl(client: object, starts: list[str], at_most: int = 400) -> dict[str, str]:
    """The real site as the viewer reads it: every page reached by its links from `starts` (GET only)."""
    def skipped(path: str) -> bool:
        return path.startswith(SKIPPED) or path.endswith((".pdf", ".png", ".svg"))

    return {path: answer.content.decode("utf-8", "replace") if answer.status_code == 200 else ""
            for path, answer in crawl(client, starts, skipped=skipped, at_most=at_most, links=LINK)}


def test_no_drill_record_reaches_a_real_list_count_calendar_feed_search_or_metric(
        organization: None, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # the search index is written on commit
        found = planned()
        crisis = rehearsed(found)
    assert callbacks
    # The records are the drill's, and every read outside its scope leaves them out.
    assert Crisis._base_manager.get(pk=crisis.pk).drill == found.pk
    assert not Crisis.objects.exists()
    assert not Session.objects.exists()
    assert not Proposal.objects.exists()
    assert not Procedure.objects.exists()
    assert not Decision.objects.exists()
    with drill.scope(found.pk):
        assert list(Crisis.objects.values_list("pk", flat=True)) == [crisis.pk]
        assert str(Decision.objects.get().identifier).startswith(f"DRILL-{found.pk} ")
    # Every act made in the drill carries the drill's mark in its entry.
    mark = f'"drill":{found.pk}'
    texts = {entry.seq: (entry.type, entry.data) for entry in Entry.objects.all()}
    texts.update({row.entry_id: (texts[row.entry_id][0], row.content) for row in Sealed.objects.all()})
    marked = {kind for kind, text in texts.values() if mark in text}
    assert {"crises.request_filed", "crises.request_acknowledged", "crises.taken_up", "meetings.session_convened",
            "decisions.proposed", "decisions.procedure_opened", "decisions.position_lodged", "decisions.closed",
            "crises.response_chosen", "crises.mandate_set", "crises.letter_sent", "crises.pledge_made",
            "crises.pledge_accepted", "crises.phase_planned", "crises.phase_reached", "crises.situation_reported",
            "crises.lesson_recorded", "drills.inject_fired"} <= marked
    since = Crisis._base_manager.get(pk=crisis.pk).entry_seq
    unmarked = {kind for seq, (kind, text) in texts.items() if seq >= since and mark not in text}
    assert unmarked == set()
    for handle in ("secretariat", "kaz.head", "rus.delegate", "observer", None):
        client = signed_in(handle)
        pages = _crawl(client, ["/", "/crises/", "/decisions/", "/meetings/", "/meetings/calendar/", "/search/",
                                "/exercises/", "/forces/", "/monitoring/"])
        assert len(pages) > 10
        leaked = [path for path, body in pages.items() if MARK in body or f"DRILL-{found.pk}" in body]
        assert leaked == []
        # The search page repeats the words asked for: what it finds is what must not name the drill.
        assert "search-hit" not in client.get(f"/search/?q={MARK}").content.decode()
        for path in ("/api/v1/crises", "/api/v1/decisions", "/api/v1/meetings/sessions", "/api/v1/crises/metrics"):
            answer = client.get(path)
            assert MARK not in answer.content.decode()
        if handle is not None:
            feed = client.get(calendar.feed_path(handle))
            assert feed.status_code == 200
            assert MARK not in feed.content.decode()
    # The drill's pages do show them, each under the drill's banner.
    client = signed_in("kaz.head")
    shown = client.get(f"/drills/{found.pk}/run/crises/{crisis.pk}/")
    assert shown.status_code == 200
    assert MARK in shown.content.decode()
    assert "Drill — not a real request" in shown.content.decode()
    assert signed_in("observer").get(f"/drills/{found.pk}/run/crises/").status_code == 404
    # A link to the drills' own pages drawn inside the drill leads out of its scope, not under it again.
    out = client.get(f"/drills/{found.pk}/run/drills/{found.pk}/")
    assert (out.status_code, out["Location"]) == (302, f"/drills/{found.pk}/")
    assert actor("secretariat") is not None


def test_a_read_built_once_reads_in_the_drill_in_scope_as_its_manager_does(organization: None) -> None:
    # A session is read by a prepared read (accord.core.prepared): its SQL built once for the real records and
    # once for a drill's, the drill's number given with each read.
    found = planned()
    rehearsed(found)
    drilled = list(Session._base_manager.values_list("pk", flat=True))
    assert drilled
    for scope in (None, found.pk, found.pk + 1):
        with drill.scope(scope):
            for pk in drilled:
                expected = list(Session.objects.filter(pk=pk))
                assert meetings._SESSION(session=pk) == expected
                assert meetings._SESSION_NAMED(session=pk) == expected
                assert bool(expected) == (scope == found.pk)


def test_the_menu_offers_the_drills_only_to_those_who_may_see_them(organization: None) -> None:
    """The public and observers found "Drills" in the menu and a missing page behind it (issue #21's walk)."""
    drills = 'href="/drills/"'
    assert drills in page("arm.delegate", "/").content.decode()
    assert drills in page("secretariat", "/").content.decode()
    for outsider in (None, "observer"):
        assert drills not in page(outsider, "/").content.decode()
        assert page(outsider, "/drills/").status_code == 404
