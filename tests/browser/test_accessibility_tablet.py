"""In Chromium: axe-core finds no serious or critical accessibility failure (contrast included) on the main
pages, for every kind of reader, in English and in Russian, on a tablet held upright (768 px) (axe_checks.py)."""

from __future__ import annotations

from axe_checks import walk
from playwright.sync_api import Browser


def test_it_finds_no_serious_accessibility_failure_for_any_reader(browser: Browser, server: str) -> None:
    walk(browser, server, 768)
