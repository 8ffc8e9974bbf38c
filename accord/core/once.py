"""What a request reads once: the organization's charter and languages, its registry of member states and their
membership histories, the chair rotation's records, which its pages, forms and policies each ask for. Between
`open_request()` and `close_request(token)` (the middleware `ReadOnce`), `remembered(key, read)` reads the first
time and keeps it; outside a request (a command, a replay, a test calling an action) it reads every time. An act
that changes what is kept calls `forget(key)`, so that the rest of the request reads it again; and every act
forgets all that is kept when it records its entry (`forget_all`, from `accord.core.acting.record`).

`remembered(..., fresh_in_action=True)` reads afresh inside an action (`accord.core.acting.action`): what an
action checks is read in its own transaction, not taken from the page's earlier reads.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any, TypeVar

from accord.ledger.guard import current_action

T = TypeVar("T")

_kept: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("accord_read_once", default=None)


def open_request() -> contextvars.Token[dict[str, Any] | None]:
    return _kept.set({})


def close_request(token: contextvars.Token[dict[str, Any] | None]) -> None:
    _kept.reset(token)


def remembered(key: str, read: Callable[[], T], *, fresh_in_action: bool = False) -> T:
    """`read()`, read once per request under `key` (afresh inside an action if so asked)."""
    kept = _kept.get()
    if kept is None or (fresh_in_action and current_action() is not None):
        return read()
    if key not in kept:
        kept[key] = read()
    found: T = kept[key]
    return found


def forget(key: str) -> None:
    """What is kept under `key` is read again when next asked for (an act has just changed it)."""
    kept = _kept.get()
    if kept is not None:
        kept.pop(key, None)


def forget_all() -> None:
    """Everything kept is read again when next asked for: an act has just been recorded."""
    kept = _kept.get()
    if kept is not None:
        kept.clear()
