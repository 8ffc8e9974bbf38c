"""One live stream per page: a console opens one EventSource for all its panels, and an act that arrives
while a panel's refresh is in flight is shown after it (htmx's hx-sync queue), without a reload."""

from __future__ import annotations

import re
from typing import Any

from browser_steps import in_thread, sign_in
from playwright.sync_api import APIResponse, Page, Request, Route, expect
from test_live import LAPTOP

from accord.core.acting import Actor
from accord.crises import actions as crises
from accord.crises.models import Crisis
from accord.members.models import Person

STREAM = "/api/v1/events"


def _file_request(username: str, area: str) -> int:
    """A member's official request, made from the test through the real action; its entry's number."""

    def act() -> int:
        filed = crises.file_request(actor=Actor(person=Person.objects.get(username=username)),
                                    legal_basis="aggression", happened="Armed attacks on public buildings",
                                    area=area, asks_for="Collective peacekeeping forces")
        return filed.entry_seq

    return in_thread(act)


def _console(browser: Any, server: str, streams: list[str]) -> Page:
    """Russia's head on the dashboard, with every request for the event stream counted."""
    page: Page = browser.new_context(viewport=LAPTOP).new_page()

    def count(request: Request) -> None:
        if STREAM in request.url:
            streams.append(request.url)

    page.on("request", count)
    sign_in(page, server, "rus.head")
    # Every live panel of the dashboard follows the one stream: the acts, the crises, the procedures.
    expect(page.locator("html[data-acts-live=live][data-crisis-live=live][data-decisions-live=live]")
           ).to_have_count(1)
    expect(page.locator("[data-live-status]")).to_have_attribute("data-state", "live")
    return page


def test_a_dashboard_opens_exactly_one_event_stream(browser: Any, server: str) -> None:
    streams: list[str] = []
    first = _console(browser, server, streams)
    assert len(streams) == 1
    # A second tab takes one more connection, not three: two tabs leave the browser connections to spare.
    second = _console(browser, server, streams)
    assert len(streams) == 2

    seq = _file_request("kaz.head", "Almaty region")
    for page in (first, second):
        expect(page.locator(f"#act-{seq}")).to_be_visible()
        expect(page.locator(".crisis-card")).to_contain_text("Almaty region")
    assert len(streams) == 2


def test_an_act_that_arrives_during_a_refresh_is_shown_after_it(browser: Any, server: str) -> None:
    errors: list[str] = []
    page = _console(browser, server, [])
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("window.accordNotReloaded = true")

    # The crises card's first refresh is answered as the server renders it then, with the first request
    # only; the second act is made while that answer is held back.
    held: list[tuple[Route, APIResponse]] = []

    def hold_the_first(route: Route) -> None:
        if held:
            route.continue_()
            return
        held.append((route, route.fetch()))
        _file_request("arm.head", "Syunik region")

    page.route(re.compile(r"/crises/open/"), hold_the_first)
    _file_request("kaz.head", "Almaty region")
    # Both acts reached the page while the card's refresh was in flight: the acts table shows them.
    expect(page.locator("table[data-live-rows] tbody tr.is-new")).to_have_count(2)
    card = page.locator(".crisis-card")
    expect(card).not_to_contain_text("Almaty region")

    route, response = held[0]
    route.fulfill(response=response)
    # The refresh that was queued behind the held one runs after it: both requests are on the card.
    expect(card).to_contain_text("Almaty region")
    expect(card).to_contain_text("Syunik region")
    assert page.evaluate("window.accordNotReloaded") is True
    assert not errors


def test_an_act_committed_before_a_pages_stream_opens_still_reaches_it(browser: Any, server: str) -> None:
    """A page without a table of acts (a crisis's) opens its stream after the log's last entry as the page was read
    (`<body data-log-size>`): an act committed between the page's answer and the stream's opening reaches it too.
    Opened from the log's head instead, the stream began after that act, and the page never heard of it."""
    page: Page = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(page, server, "rus.head")
    crisis = in_thread(lambda: Crisis.objects.order_by("pk").values_list("pk", flat=True).first())
    assert crisis is not None
    # What the page's one stream dispatches (accord:act on <body>), heard from before the page has a body.
    page.add_init_script("window.accordActs = []; document.addEventListener('accord:act', "
                         "function (event) { window.accordActs.push(event.detail.id); }, true);")
    filed: list[int] = []
    opened: list[str] = []

    def act_first(route: Route) -> None:
        if not filed:
            filed.append(_file_request("kaz.head", "Almaty region"))
            opened.append(route.request.url)
        route.continue_()

    page.route(re.compile(STREAM), act_first)
    page.goto(f"{server}/crises/{crisis}/")
    expect(page.locator("html")).to_have_attribute("data-crisis-live", "live")
    size = int(page.locator("body").get_attribute("data-log-size") or "0")
    assert filed == [size]  # the act came after the page was read, and before its stream
    assert opened == [f"{server}{STREAM}?since={size - 1}"]
    page.wait_for_function(f"window.accordActs.indexOf({size}) >= 0")
    page.context.close()
