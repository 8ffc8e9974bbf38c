"""In Chromium: axe-core finds no serious or critical accessibility failure (contrast included) on the main
pages at a tablet's width held upright (768 px), in English and in Russian, for the secretariat, a head and a
reader not signed in (axe_checks.py: what each reader's pages hold is checked at a laptop's width)."""

from __future__ import annotations

from axe_checks import TABLET_READERS, walk
from playwright.sync_api import Browser


def test_it_finds_no_serious_accessibility_failure_at_a_tablets_width(browser: Browser, server: str) -> None:
    walk(browser, server, 768, TABLET_READERS)
