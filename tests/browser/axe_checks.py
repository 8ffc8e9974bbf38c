"""axe-core's check of a page, and the walk of the main pages that test_accessibility_laptop.py and
test_accessibility_tablet.py make (one file per width, so that the two run on two processes at once).

axe-core is the npm package that `make setup` installs from tests/browser/package-lock.json (`npm ci`);
Playwright injects it into each page as it stands after loading. The demo is loaded once per width, and one
browser page per reader walks every page in both languages, so the check stays a matter of minutes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from browser_steps import sign_in
from playwright.sync_api import Browser, Page

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
READERS = ("secretariat", "kaz.head", "kaz.delegate", "observer", None)  # None: nobody signed in
# What a page holds for each reader is checked at a laptop's width; at a tablet's, where the layout changes and
# the words do not, the readers of the most (the secretariat), of a delegation's forms (a head) and of the
# least (nobody signed in).
TABLET_READERS = ("secretariat", "kaz.head", None)
LANGUAGES = ("en", "ru")
LISTS = ("/", "/decisions/", "/documents/", "/documents/verify/", "/meetings/", "/meetings/calendar/",
         "/crises/", "/ledger/", "/members/", "/bodies/", "/monitoring/", "/search/?q=council",
         "/ledger/?type=documents.signed")
# Each detail page is the first one its list offers the reader: a thing hidden from them is not theirs
# to read, and a page they cannot reach is not checked for them.
DETAILS = (
    ("/decisions/", r"^/decisions/\d+/$"),
    ("/documents/", r"^/documents/\d+/$"),
    ("/meetings/", r"^/meetings/sessions/\d+/$"),
    ("/crises/", r"^/crises/\d+/$"),
    ("/ledger/", r"^/ledger/\d+/$"),
    ("/members/", r"^/members/[A-Z]{3}/$"),
    ("/monitoring/", r"^/monitoring/\d+/$"),
)
SEVERE = ("serious", "critical")
# What the check must catch, so that a page passing it says something: grey on white, a field with no label.
FAILING = """<!doctype html><html lang="en"><head><title>Failing</title></head><body><main>
<p style="color: #bbbbbb; background: #ffffff">Faint text</p><input type="text" name="unlabelled">
</main></body></html>"""


def axe_script() -> Path:
    if AXE.exists():
        return AXE
    message = f"{AXE} is missing: run `make setup` (npm ci in tests/browser)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _first_link(page: Page, pattern: str) -> str | None:
    paths: list[str] = page.evaluate(
        "() => Array.from(document.querySelectorAll('main a[href]'), (a) => new URL(a.href).pathname)")
    return next((path for path in paths if re.match(pattern, path)), None)


def severe_violations(page: Page, script: Path) -> list[str]:
    page.add_script_tag(path=str(script))
    # Only the violations in full: the rules' passes are not built at all (axe-core's resultTypes).
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in violations if violation["impact"] in SEVERE
    ]


def _pages_of(page: Page, server: str) -> list[str]:
    paths = list(LISTS)
    for listing, pattern in DETAILS:
        page.goto(f"{server}{listing}")
        detail = _first_link(page, pattern)
        if detail is not None:
            paths.append(detail)
            if listing == "/meetings/":
                paths += [f"{detail}bilaterals/", f"{detail}timetable/", f"{detail}minutes/"]
                page.goto(f"{server}{detail}")
                files = _first_link(page, r"^/attachments/items/\d+/$")  # an agenda item's attachments
                if files is not None:
                    paths.append(files)
    return paths


def walk(browser: Browser, server: str, width: int, readers: tuple[str | None, ...] = READERS) -> None:
    """The failing page fails the check; then each reader's main pages pass it at `width`, in each language."""
    script = axe_script()
    probe = browser.new_page()
    probe.set_content(FAILING)
    caught = " ".join(severe_violations(probe, script))
    probe.close()
    assert "color-contrast" in caught, caught
    assert "label" in caught, caught

    failures: list[str] = []
    checked = 0
    for reader in readers:
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 1000 else 1024})
        page = context.new_page()
        if reader is not None:
            sign_in(page, server, reader)
        for language in LANGUAGES:
            context.add_cookies([{"name": "django_language", "value": language, "url": server}])
            for path in _pages_of(page, server):
                page.goto(f"{server}{path}")
                checked += 1
                failures += [f"{reader or 'anonymous'} {language} {width}px {path}: {found}"
                             for found in severe_violations(page, script)]
        context.close()
    assert checked >= len(readers) * len(LANGUAGES) * len(LISTS)
    assert failures == [], "\n".join(failures)
