"""The demo loaded once per test process, and given again as it was made: a suite's time saver.

Dozens of tests start from the full demo organization (`accord demo`, `load_demo`), and building it through
the real actions takes seconds each time. `remember(function)` wraps such a builder: its first call runs for
real, and what it changed is kept: the rows of every model's table it changed, and the files it wrote in the
demo's keys folder. A later call that finds the database exactly as the first one found it (every model's
table row for row, checked each time) writes those rows and files again instead of running; one that finds
anything else runs for real, and its effect is kept beside the first.

What is given again is the very state the real run made, its signed log included, so that every check a test
makes of it holds as it would; only a builder's own workings (its acts one by one, its live events) are not
seen again. A test of the builder itself calls the real one, `function.__wrapped__`. The effects are kept in
this process only: each pytest-xdist worker builds its own first.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

F = TypeVar("F", bound=Callable[..., Any])

Rows = bytes | list[tuple[Any, ...]]  # PostgreSQL: the table in COPY's text format; SQLite: its rows


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: Rows


@dataclass(frozen=True)
class Effect:
    tables: tuple[Table, ...]  # each table the run changed, whole, as the run left it
    files: dict[str, tuple[bytes, int]]  # the files the run wrote in the folder it was told of: content, mode
    calls: tuple[tuple[Any, ...], ...]  # what it told its `progress` callback, in order
    result: Any


def _model_tables() -> list[str]:
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)
                   if model._meta.managed and not model._meta.proxy})


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _read(table: str) -> tuple[tuple[str, ...], Rows]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT * FROM {_quoted(table)} LIMIT 0")
            columns = tuple(column.name for column in cursor.description)
            raw = cursor.cursor
            with raw.copy(f"COPY (SELECT * FROM {_quoted(table)} ORDER BY 1) TO STDOUT") as copy:
                return columns, b"".join(bytes(block) for block in copy)
        cursor.execute(f"SELECT * FROM {_quoted(table)} ORDER BY 1")
        return tuple(column[0] for column in cursor.description), [tuple(row) for row in cursor.fetchall()]


def _digest(columns: tuple[str, ...], rows: Rows) -> str:
    return hashlib.sha256(repr((columns, rows)).encode()).hexdigest()


def _state() -> dict[str, str]:
    """Every model's table, as a digest of its rows in the order of its first column."""
    return {table: _digest(*_read(table)) for table in _model_tables()}


def _write(tables: tuple[Table, ...]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {_quoted(table.name)}")
            columns = ", ".join(_quoted(column) for column in table.columns)
            if isinstance(table.rows, bytes):
                with cursor.cursor.copy(f"COPY {_quoted(table.name)} ({columns}) FROM STDIN") as copy:
                    copy.write(table.rows)
            elif table.rows:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f"INSERT INTO {_quoted(table.name)} ({columns}) VALUES ({marks})",
                                   table.rows)
        if connection.vendor == "postgresql":
            # Rows written with their ids: each table's next id follows the highest it now holds.
            written = {table.name for table in tables}
            models = [model for model in apps.get_models(include_auto_created=True)
                      if model._meta.db_table in written]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def _files(folder: Path | None) -> dict[str, tuple[bytes, int]]:
    if folder is None or not folder.is_dir():
        return {}
    return {path.name: (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
            for path in sorted(folder.iterdir()) if path.is_file()}


def _put(path: Path, content: bytes, mode: int) -> None:
    """The file as the run left it, its mode first (a private key is never readable by others, even briefly)."""
    path.unlink(missing_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as handle:
        handle.write(content)


def _circumstances() -> str:
    """What else a builder's effect may follow: the settings (but the folder of the run's files, which each
    test may give its own), the language active, the day, or the instant pinned, a drill in progress."""
    from django.conf import settings
    from django.utils import translation

    from accord.core import clock, drill

    named = {name: repr(getattr(settings, name)) for name in dir(settings) if name.isupper() and name != "VAR_DIR"}
    day_or_instant = clock.now() if clock.is_pinned() else clock.today()
    return repr((sorted(named.items()), translation.get_language(), day_or_instant, drill.current()))


def remember(function: F, *, folder: Callable[[], Path] | None = None) -> F:
    """`function`, whose effect on a database it found before is given again rather than made again.
    `folder`: where it writes files of its own (read when it is called); a `progress` callback it is given
    is told again what it was told the first time."""
    kept: dict[str, Effect] = {}

    @functools.wraps(function)
    def remembered(*args: Any, **kwargs: Any) -> Any:
        before = _state()
        key = hashlib.sha256(repr((args, sorted((k, v) for k, v in kwargs.items() if k != "progress"),
                                   sorted(before.items()), _circumstances())).encode()).hexdigest()
        where = folder() if folder is not None else None
        progress: Callable[..., Any] | None = kwargs.get("progress") if callable(kwargs.get("progress")) else None
        effect = kept.get(key)
        if effect is not None:
            _write(effect.tables)
            if where is not None:
                where.mkdir(parents=True, exist_ok=True)
                for name, (content, mode) in effect.files.items():
                    _put(where / name, content, mode)
            for call in effect.calls:
                assert progress is not None
                progress(*call)
            return effect.result
        calls: list[tuple[Any, ...]] = []
        if progress is not None:
            told = progress

            def telling(*call: Any) -> None:
                calls.append(call)
                told(*call)

            kwargs["progress"] = telling
        files_before = _files(where)
        result = function(*args, **kwargs)
        changed = []
        for table in _model_tables():
            columns, rows = _read(table)
            if _digest(columns, rows) != before.get(table):
                changed.append(Table(table, columns, rows))
        files = {name: content for name, content in _files(where).items() if files_before.get(name) != content}
        kept[key] = Effect(tuple(changed), files, tuple(calls), result)
        return result

    return remembered  # type: ignore[return-value]
