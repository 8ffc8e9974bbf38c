"""Browser tests: the app served by uvicorn (ASGI, so the live stream flows) and Debian's Chromium.

The server runs in a thread of the test process against pytest-django's test database; the tests
use `transactional_db`, so what a test commits is what the server reads.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The reference organization's builder lives beside the web tests, which share it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org
from browser_steps import in_thread
from serving import served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Screenshots for people to look at (not secrets), where the team agreed to find them.
SHOTS = Path(os.environ.get("ACCORD_SHOTS_DIR", "/tmp/accord-shots"))  # noqa: S108


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def organization(transactional_db: None) -> str:
    """The demo where it exists (the reference organization otherwise); says which."""
    _require_chromium()
    return in_thread(reference_org.load)


@pytest.fixture
def server(organization: str, keeping: None) -> Iterator[str]:
    """The app served as in production, answers kept on the log's head included."""
    with served() as base:
        yield base


@pytest.fixture
def browser(server: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
