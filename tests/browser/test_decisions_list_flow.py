"""End to end in Chromium: a head of delegation pages through a long list of proposals with the keyboard,
on a laptop and on a tablet, and the dashboard shows only the open procedures with the nearest deadlines."""

from __future__ import annotations

import datetime as dt

from browser_steps import fits_the_width, in_thread, signed_in
from playwright.sync_api import Browser, ViewportSize, expect

from accord.core import clock
from accord.core.acting import Actor
from accord.core.paging import PER_PAGE
from accord.decisions import actions
from accord.decisions.panels import OPEN_SHOWN
from accord.decisions.queries import visible_proposal_ids
from accord.members.models import Person

LAPTOP: ViewportSize = {"width": 1366, "height": 768}
TABLET: ViewportSize = {"width": 768, "height": 1024}


def _table_many() -> int:
    """As many proposals as fill the first page and part of a second, each under a written procedure whose
    deadline is further away than the last's; how many proposals the list then holds."""
    secretariat = Actor(person=Person.objects.get(username="secretariat"))
    for n in range(PER_PAGE):
        title = {"ru": f"Проект {n:03d}", "en": f"Draft number {n:03d}"}
        proposal = actions.propose(actor=secretariat, title=title, body="CSC", classification="members")
        actions.open_procedure(actor=secretariat, proposal=proposal.pk, kind="written",
                               deadline=clock.now() + dt.timedelta(days=300 + n))
    return len(visible_proposal_ids(None))


def test_a_head_pages_through_the_proposals_with_the_keyboard(browser: Browser, server: str) -> None:
    total = in_thread(_table_many)
    pages = -(-total // PER_PAGE)
    for viewport in (LAPTOP, TABLET):
        page = signed_in(browser, server, "arm.head", viewport)
        page.goto(f"{server}/decisions/")
        expect(page.locator("table tbody tr")).to_have_count(PER_PAGE)
        expect(page.locator(".filters__count")).to_have_text(f"{total} results")
        navigation = page.get_by_role("navigation", name="Pages of the proposals")
        expect(navigation).to_contain_text(f"Page 1 of {pages}: rows 1 to {PER_PAGE}")
        assert fits_the_width(page)
        next_link = navigation.get_by_role("link", name="Next")
        next_link.focus()
        page.keyboard.press("Enter")
        expect(navigation).to_contain_text(f"Page 2 of {pages}")
        assert "page=2" in page.url
        expect(page.locator("table tbody tr")).to_have_count(min(PER_PAGE, total - PER_PAGE))
        # The newest proposals were on the first page; the oldest of the new ones is not.
        expect(page.get_by_role("link", name="Draft number 049")).to_have_count(0)
        navigation.get_by_role("link", name="First").click()
        expect(page.get_by_role("link", name="Draft number 049")).to_be_visible()
        page.context.close()


def test_the_dashboard_lists_the_nearest_deadlines_and_counts_the_rest(browser: Browser, server: str) -> None:
    in_thread(_table_many)
    page = signed_in(browser, server, "arm.head")
    section = page.locator("section", has=page.get_by_role("heading", name="Open procedures"))
    items = section.locator(".open-procedures > li")
    expect(items).to_have_count(OPEN_SHOWN)
    expect(section).to_contain_text("more open procedures, with later deadlines, are on the decisions list")
    expect(section.get_by_role("link", name="Draft number 049")).to_have_count(0)
    section.get_by_role("link", name="All proposals and decisions").click()
    expect(page.get_by_role("heading", name="Proposals and decisions")).to_be_visible()
