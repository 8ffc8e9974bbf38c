"""What the page benchmarks share: a throwaway site on a database of their own that Django's test client can
read, and the time of a call or of a page answered 200."""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ledger import _configure


@contextlib.contextmanager
def site(database_url: str | None) -> Iterator[Path]:
    """Django set up on `database_url` (a new SQLite file if None) in a throwaway folder, migrated, and
    answering the test client's host; the folder goes when the block ends."""
    with tempfile.TemporaryDirectory() as folder:
        _configure(database_url, Path(folder))
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        yield Path(folder)


def call_ms(call: Callable[[], object]) -> float:
    """How long `call` took, in milliseconds."""
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def page_ms(client: Any, path: str, data: dict[str, str] | None = None) -> float:
    """How long `client` took to be answered `path` (with query `data`), in milliseconds; anything but 200
    stops the benchmark."""
    began = time.perf_counter()
    response = client.get(path, data or {})
    assert response.status_code == 200, (path, response.status_code)
    return (time.perf_counter() - began) * 1000
