"""A consistent online copy of the database, and its restore: SQLite's backup API, pg_dump and pg_restore.

The log key is not in the database (docs/operator.md, "Custody of the log key"): a backup reminds the
operator to keep it, and a restore is verified (`accord ledger verify`) before anyone is let in.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, connections

Say = Callable[[str], None]
# Pages copied per step of SQLite's backup: small enough that the server's writers wait briefly between
# steps, large enough that a copy of a large database takes few of them.
PAGES_PER_STEP = 4096


class BackupFailed(Exception):
    """What the operator must read: the copy or the restore did not happen, and why."""


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _settings() -> dict[str, Any]:
    return dict(connection.settings_dict)


def _postgres_command(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise BackupFailed(f"{program} is not installed: install PostgreSQL's client programs "
                           f"(Debian: postgresql-client) of the server's major version or newer")
    return found


def _postgres_environment() -> dict[str, str]:
    """Where the database is, as libpq reads it: the password stays out of the command line."""
    database = _settings()
    environment = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def _run(arguments: list[str], say: Say, *, shown: str) -> None:
    """Run a PostgreSQL client program, saying each line it prints that contains `shown`."""
    # The program is PostgreSQL's own, found on PATH; the arguments are this command's, never a request's.
    process = subprocess.Popen(arguments, env=_postgres_environment(), stdout=subprocess.DEVNULL,  # noqa: S603
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    problems: list[str] = []
    for line in process.stderr:
        line = line.rstrip()
        if shown in line:
            say(line.split(": ", 1)[-1])
        elif "error" in line.lower() or "fatal" in line.lower():
            problems.append(line)
    if process.wait() != 0:
        raise BackupFailed(f"{Path(arguments[0]).name} failed: " + ("; ".join(problems) or "see above"))


def _sqlite_path() -> Path:
    return Path(str(_settings()["NAME"]))


def _copy_sqlite(source: sqlite3.Connection, target: sqlite3.Connection, say: Say) -> None:
    def step(status: int, remaining: int, total: int) -> None:
        say(f"{total - remaining} of {total} pages copied")

    source.backup(target, pages=PAGES_PER_STEP, progress=step)


def backup(file: Path, say: Say) -> None:
    """Write a consistent copy of the whole database to `file` while the server runs: written beside it
    first, moved in place only once whole, so that a failed backup never leaves a file that looks good."""
    file = file.resolve()
    if file.is_dir():
        raise BackupFailed(f"{file} is a folder: name the backup file")
    handle, name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".partial", dir=file.parent)
    os.close(handle)
    partial = Path(name)
    try:
        if is_sqlite():
            source = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True, timeout=20)
            target = sqlite3.connect(partial)
            try:
                _copy_sqlite(source, target, say)
                # The copy is one file: no write-ahead log beside it to forget.
                target.execute("PRAGMA journal_mode=DELETE")
                checked = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
                source.close()
            if checked != "ok":
                raise BackupFailed(f"the copy does not pass SQLite's integrity check: {checked}")
        else:
            _run([_postgres_command("pg_dump"), "--format=custom", "--no-owner", "--verbose",
                  f"--file={partial}"], say, shown="dumping contents of table")
        partial.replace(file)
    except sqlite3.Error as error:
        raise BackupFailed(f"cannot copy the database: {error}") from None
    finally:
        partial.unlink(missing_ok=True)


def log_size_of_backup(file: Path) -> int | None:
    """How many entries the log in a SQLite backup holds (None for a PostgreSQL dump)."""
    if not is_sqlite():
        return None
    copy = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        row = copy.execute('SELECT COUNT(*) FROM "ledger_entry"').fetchone()
    except sqlite3.Error:
        return None
    finally:
        copy.close()
    return int(row[0])


def entries_held() -> int:
    """How many entries the current database's log holds (0 for a database not yet migrated)."""
    with connection.cursor() as cursor:
        if "ledger_entry" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute('SELECT COUNT(*) FROM "ledger_entry"')
        return int(cursor.fetchone()[0])


def _close_connections() -> None:
    for each in connections.all(initialized_only=True):
        each.close()
        close_pool = getattr(each, "close_pool", None)
        if close_pool is not None:
            close_pool()  # pooled connections may hold plans of the tables about to be replaced


def restore(file: Path, say: Say) -> None:
    """Replace the whole database with the backup in `file`. The caller checked that replacing is meant."""
    if not file.is_file():
        raise BackupFailed(f"{file} is not a file")
    _close_connections()
    if is_sqlite():
        try:
            source = sqlite3.connect(f"file:{file.resolve()}?mode=ro", uri=True)
            try:
                if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupFailed(f"{file} does not pass SQLite's integrity check")
                target = sqlite3.connect(_sqlite_path(), timeout=20)
                try:
                    _copy_sqlite(source, target, say)
                finally:
                    target.close()
            finally:
                source.close()
        except sqlite3.DatabaseError as error:
            raise BackupFailed(f"{file} is not a SQLite backup of Accord: {error}") from None
        return
    listed = subprocess.run([_postgres_command("pg_restore"), "--list", str(file)],  # noqa: S603
                            capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise BackupFailed(f"{file} is not a pg_dump archive (-Fc): {listed.stderr.strip()}")
    with connection.cursor() as cursor:
        # Everything Accord created lives in the public schema: emptied whole, so that no table of a
        # later release is left beside the restored ones.
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    _close_connections()
    _run([_postgres_command("pg_restore"), "--no-owner", "--exit-on-error", "--verbose",
          f"--dbname={_settings()['NAME']}", str(file)], say, shown="processing data for table")
