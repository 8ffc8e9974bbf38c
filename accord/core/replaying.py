"""The log being replayed: the entries that the acts run again must record, in order, byte for byte.

`accord.core.replay` runs each logged act's action again in a scratch database; `record()` then takes
the next logged entry from the cursor instead of minting a nonce, a salt and a time, and refuses the act
when what it would record differs from what the log holds (`ReplayRefused`, naming the entry).
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LoggedEntry:
    """One entry of the log under replay, its sealed content opened and checked against its commitment."""

    seq: int
    time: dt.datetime
    data: bytes  # the entry's bytes as logged
    statement: Mapping[str, Any]  # the whole statement, a sealed act's opened
    signatures: Sequence[Mapping[str, str]] = field(default_factory=list)
    member: str | None = None  # the member a sealed act concerns, as its content says
    salt: str | None = None  # a sealed act's

    @property
    def type(self) -> str:
        return str(self.statement.get("type"))

    @property
    def sealed(self) -> bool:
        return self.salt is not None


class ReplayRefused(Exception):
    """The log does not replay: the act of entry `seq` cannot be run again, or records something else."""

    def __init__(self, seq: int | None, reason: str) -> None:
        super().__init__(f"entry #{seq}: {reason}" if seq is not None else reason)
        self.seq, self.reason = seq, reason


class Cursor:
    """The logged entries, and how far the replay has come."""

    def __init__(self, logged: Sequence[LoggedEntry]) -> None:
        self.logged, self.position = logged, 0

    def peek(self, offset: int = 0) -> LoggedEntry | None:
        index = self.position + offset
        return self.logged[index] if index < len(self.logged) else None

    def take(self, act_type: str) -> LoggedEntry:
        """The next logged entry, which must be of the type the act records now."""
        logged = self.peek()
        if logged is None:
            raise ReplayRefused(None, f"the replay records a {act_type} act that the log does not hold")
        if logged.type != act_type:
            raise ReplayRefused(logged.seq, f"the replayed act records {act_type} here, not {logged.type}")
        self.position += 1
        return logged


_cursor: contextvars.ContextVar[Cursor | None] = contextvars.ContextVar("accord_replay_cursor", default=None)


def active() -> Cursor | None:
    """The cursor of the replay in progress, or None when acts are recorded for real."""
    return _cursor.get()


@contextmanager
def replaying(cursor: Cursor) -> Iterator[Cursor]:
    token = _cursor.set(cursor)
    try:
        yield cursor
    finally:
        _cursor.reset(token)
