"""What every API list served a window at a time (accord.core.paging) is checked for, shared by each app's
paging tests: a window out of bounds is a 422 naming its field."""

from __future__ import annotations

from typing import Any

from accord.core import paging

# (query, the field refused, part of the reason)
OUT_OF_BOUNDS = [
    ("limit=0", "limit", "must be at least 1"),
    (f"limit={paging.API_MAX_LIMIT + 1}", "limit", f"must be at most {paging.API_MAX_LIMIT}"),
    ("offset=-1", "offset", "must be at least 0"),
    ("limit=ten", "limit", ""),
]


def assert_refused_naming(answer: Any, field: str, reason: str) -> None:
    """A 422 naming `field` alone, with `reason` in what it says."""
    assert answer.status_code == 422
    error, = answer.json()["errors"]
    assert error["field"] == field
    assert reason in error["reason"]
