"""The audit: the served database against the log's replay, every domain table, row by row.

`accord audit` writes the log (entries, and the sealed contents with their salts) to a file, runs
`accord replay` in a subprocess against a scratch database (a temporary SQLite file, or a temporary
PostgreSQL database created and dropped), which runs every act again through its own action
(`accord.core.replay`) and writes back every domain row and which entry wrote it last, and compares
that with the served database. Any edit behind the actions' back (a changed column, a deleted or an
added row, in any domain table) is named by table, row (its primary key), column, and the entry it
contradicts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction

from accord.core import replay
from accord.core.replaying import LoggedEntry, ReplayRefused
from accord.ledger.models import Entry, Sealed

# Columns that are not domain state by nature, so the log cannot hold them and the audit leaves them out.
NOT_STATE: Mapping[tuple[str, str], str] = {
    # The log never says anything about a password (members.password_set says only that one was set);
    # the replay sets a throwaway one. Django's sessions and last_login are not Accord apps' tables
    # (Person keeps no last_login at all), so they are not compared either.
    ("members_person", "password"): "a password hash",
}
# Apps whose tables are not domain state: the ledger's are the log itself, which `accord ledger verify`
# checks against its signed checkpoints; the search index is derived from the state (and rebuilt by
# `accord search reindex`), not state itself.
NOT_DOMAIN_APPS = frozenset({"ledger", "search"})


def domain_models() -> list[type[models.Model]]:
    """Every model of every Accord app whose rows acts make."""
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.app_config is not None and model._meta.app_config.name.startswith("accord.")
            and model._meta.app_label not in NOT_DOMAIN_APPS and model._meta.managed
            and not model._meta.proxy]


def _plain(value: Any) -> Any:
    """A column's value as JSON, the same whichever database it was read from."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def snapshot() -> dict[str, dict[str, Any]]:
    """Every domain table: its primary key's column, its compared columns and its rows by primary key."""
    tables: dict[str, dict[str, Any]] = {}
    for model in domain_models():
        table = model._meta.db_table
        pk = model._meta.pk.attname
        columns = [f.attname for f in model._meta.concrete_fields
                   if f.attname != pk and (table, f.column) not in NOT_STATE]
        rows = {str(_plain(row[0])): [_plain(value) for value in row[1:]]
                for row in model._base_manager.order_by(pk).values_list(pk, *columns)}
        tables[table] = {"pk": pk, "columns": columns, "rows": rows}
    return tables


@dataclass(frozen=True)
class Difference:
    table: str
    row: str
    column: str | None  # None: the whole row is missing or added
    served: Any
    replayed: Any
    entry: str | None  # the entry that last wrote (or removed) the row in the replay

    def __str__(self) -> str:
        cause = f"written by {self.entry}" if self.entry else "no entry of the log writes it"
        if self.column is None and self.served is None:
            return (f"table {self.table}, row {self.row}: missing from the database, which the log's replay "
                    f"has ({cause})")
        if self.column is None:
            removed = f"; {self.entry} removed it" if self.entry else ""
            return (f"table {self.table}, row {self.row}: in the database, but no entry of the log makes "
                    f"it{removed}")
        return (f"table {self.table}, row {self.row}, column {self.column}: the database holds "
                f"{_short(self.served)}, the log's replay {_short(self.replayed)} ({cause})")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def compare(served: Mapping[str, Any], replayed: Mapping[str, Any],
            written: Mapping[str, Mapping[str, Mapping[str, str]]],
            removed: Mapping[str, Mapping[str, str]]) -> list[Difference]:
    """What differs between the served tables and the replay's, naming the entry that, in the replay, made
    a row or wrote a column last (`written`: table, row, column or "*" for the row, entry)."""
    found: list[Difference] = []
    for table in sorted(set(served) | set(replayed)):
        ours, theirs = served.get(table), replayed.get(table)
        if ours is None or theirs is None:
            found.append(Difference(table, "*", None, None if ours is None else "table", None, None))
            continue
        columns = ours["columns"]
        for row in sorted(set(ours["rows"]) | set(theirs["rows"]), key=_row_order):
            by = written.get(table, {}).get(row, {})
            if row not in ours["rows"]:
                found.append(Difference(table, row, None, None, theirs["rows"][row], by.get("*")))
            elif row not in theirs["rows"]:
                found.append(Difference(table, row, None, ours["rows"][row], None,
                                        removed.get(table, {}).get(row)))
            else:
                for column, mine, other in zip(columns, ours["rows"][row], theirs["rows"][row], strict=True):
                    if mine != other:
                        found.append(Difference(table, row, column, mine, other, by.get(column, by.get("*"))))
    return found


def _row_order(key: str) -> tuple[int, int | str]:
    return (0, int(key)) if key.lstrip("-").isdigit() else (1, key)


@dataclass(frozen=True)
class Report:
    entries: int
    tables: int
    rows: int
    refused: str | None  # the replay stopped: "entry #N: why"
    differences: list[Difference]

    @property
    def sound(self) -> bool:
        return self.refused is None and not self.differences


def _burned_ids() -> dict[str, dict[str, Any]]:
    """The ids a PostgreSQL sequence gave out but no row of its table holds: an act refused after it had
    inserted a row consumes its id, for a sequence is not rolled back with the transaction. The replay
    skips them as the acts did (where a row was deleted behind the acts' back, the rows made after it are
    then reported as changed, and the first act whose body names one of them stops the replay)."""
    burned: dict[str, dict[str, Any]] = {}
    for model in domain_models():
        pk = model._meta.pk
        if pk.get_internal_type() not in ("AutoField", "BigAutoField", "SmallAutoField"):
            continue
        held = set(model._base_manager.values_list(pk.attname, flat=True))
        missing = [number for number in range(1, max(held, default=0)) if number not in held]
        if missing:
            burned[model._meta.db_table] = {"column": pk.column, "ids": missing}
    return burned


def export_log(path: Path, burned: Mapping[str, Any] | None = None) -> int:
    """Write the log as the replay reads it: every entry, and each sealed one's salt and content."""
    sealed = {row.entry_id: (row.salt, row.content) for row in Sealed.objects.all()}
    logged = [{"seq": seq, "time": _plain(time), "data": data,
               "salt": sealed.get(seq, (None, None))[0], "content": sealed.get(seq, (None, None))[1]}
              for seq, time, data in Entry.objects.order_by("seq").values_list("seq", "time", "data")]
    path.write_text(json.dumps({"origin": settings.LOG_ORIGIN, "entries": logged, "burned": burned or {}}),
                    encoding="utf-8")
    return len(logged)


@contextmanager
def scratch_database(folder: Path) -> Iterator[str]:
    """The URL of an empty database to replay into, dropped afterwards: a file beside the others for
    SQLite, a database of its own on the same PostgreSQL server."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{folder / 'replay.sqlite3'}"
        return
    import psycopg

    conf = settings.DATABASES["default"]
    name = f"accord_audit_{secrets.token_hex(6)}"
    server: dict[str, Any] = {"host": conf.get("HOST") or None, "port": conf.get("PORT") or None,
              "user": conf.get("USER") or None, "password": conf.get("PASSWORD") or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = conf.get("USER") or ""
        if conf.get("PASSWORD"):
            auth += f":{conf['PASSWORD']}"
        host = f"{conf.get('HOST') or '127.0.0.1'}:{conf.get('PORT') or 5432}"
        yield f"postgresql://{auth}@{host}/{name}" if auth else f"postgresql://{host}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _one_moment() -> Iterator[None]:
    """Read the log and the tables as of one moment, so that acts appended meanwhile by a running server
    are in neither: one transaction (on PostgreSQL a repeatable-read one; SQLite's holds the write lock)."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


class AuditFailed(RuntimeError):
    """The replay could not be run at all (not a finding about the database: a crash)."""


def audit(*, progress: bool = False) -> Report:
    """Replay the log into a scratch database and compare every domain table with the served one."""
    with tempfile.TemporaryDirectory(prefix="accord-audit-") as tmp:
        folder = Path(tmp)
        source, result = folder / "log.json", folder / "replayed.json"
        with _one_moment():
            served = snapshot()
            count = export_log(source, burned=_burned_ids() if connection.vendor == "postgresql" else {})
        with scratch_database(folder) as url:
            env = {**os.environ, "ACCORD_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "accord.settings",
                   # A throwaway log key: the replay's checkpoints are not compared, and the real key
                   # file is never touched.
                   "ACCORD_LOG_KEY_FILE": str(folder / "log.key"), "ACCORD_LOG_ORIGIN": settings.LOG_ORIGIN,
                   # The stored files (attachments) the replay reads back by their hashes are this server's.
                   "ACCORD_VAR_DIR": str(settings.VAR_DIR)}
            command = [sys.executable, "-m", "accord.cli", "replay", str(source), str(result)]
            if not progress:
                command.append("--quiet")
            done = subprocess.run(command, env=env, check=False, stdout=subprocess.PIPE,  # noqa: S603
                                  stderr=None if progress else subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise AuditFailed(f"the replay failed: {(done.stderr or '').strip()[-2000:]}")
        replayed = json.loads(result.read_text(encoding="utf-8"))
    if replayed.get("refused"):
        return Report(count, 0, 0, replayed["refused"], [])
    differences = compare(served, replayed["tables"], replayed["written"], replayed["removed"])
    rows = sum(len(table["rows"]) for table in served.values())
    return Report(count, len(served), rows, None, differences)


def run_replay(source: Path, result: Path, *, progress: bool = False) -> None:
    """In the scratch database (this process's): migrate, replay the log of `source`, write the state."""
    from django.core.management import call_command
    from django.db.models.signals import post_delete, post_save
    from tqdm import tqdm

    call_command("migrate", verbosity=0, interactive=False)
    data = json.loads(source.read_text(encoding="utf-8"))
    settings.LOG_ORIGIN = data["origin"]
    written: dict[str, dict[str, dict[str, str]]] = {}
    removed: dict[str, dict[str, str]] = {}
    current: list[str] = [""]

    def saved(sender: type[models.Model], instance: models.Model, created: bool = False,
              update_fields: Any = None, **kwargs: Any) -> None:
        # Which entry wrote each column last (a save names the fields it writes, or writes them all), and
        # which made the row ("*"): a difference then names the very act that the database contradicts.
        row = written.setdefault(sender._meta.db_table, {}).setdefault(str(_plain(instance.pk)), {})
        for field in sender._meta.concrete_fields:
            if not update_fields or field.name in update_fields or field.attname in update_fields:
                row[field.attname] = current[0]
        if created or "*" not in row:
            row["*"] = current[0]

    def deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        table, key = sender._meta.db_table, str(_plain(instance.pk))
        removed.setdefault(table, {})[key] = current[0]
        written.get(table, {}).pop(key, None)

    burned = {table: (spec["column"], set(spec["ids"])) for table, spec in data.get("burned", {}).items()}
    highest: dict[str, int] = {}

    def made(sender: type[models.Model], instance: models.Model, created: bool = False, **kwargs: Any) -> None:
        if created and isinstance(instance.pk, int):
            table = sender._meta.db_table
            highest[table] = max(highest.get(table, 0), instance.pk)

    def skip_burned() -> None:
        for table, (column, ids) in burned.items():
            following = highest.get(table, 0) + 1
            if following in ids:
                while following in ids:
                    following += 1
                with connection.cursor() as cursor:
                    cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                                   [table, column, following])
                highest[table] = following - 1

    post_save.connect(made, dispatch_uid="accord-replay-made")
    post_save.connect(saved, dispatch_uid="accord-replay-saved")
    post_delete.connect(deleted, dispatch_uid="accord-replay-deleted")
    outcome: dict[str, Any]
    try:
        logged = [replay.logged_entry(e["seq"], dt.datetime.fromisoformat(e["time"]), e["data"], e["salt"],
                                      e["content"]) for e in data["entries"]]
        def each(first: LoggedEntry) -> None:
            current[0] = f"entry #{first.seq} ({first.type})"
            skip_burned()

        with tqdm(total=len(logged), desc="replay", unit="entry", disable=not progress, leave=False) as bar:
            replay.replay_all(logged, each, bar.update)
        outcome = {"tables": snapshot(), "written": written, "removed": removed}
    except ReplayRefused as refused:
        outcome = {"refused": str(refused)}
    result.write_text(json.dumps(outcome), encoding="utf-8")
