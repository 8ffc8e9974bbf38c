"""The audit's scratch database, migrated once per test process and copied after: a suite's time saver.

`accord ledger audit` replays the log into a scratch database that its worker first migrates, which takes
longer than replaying a test's log. `templated(scratch_database)` wraps the audit's `scratch_database`: the
first scratch database of the process is migrated by `accord migrate` for real, into a template kept until
the process ends (a file for SQLite; for PostgreSQL a database named `test_<name>_schema_<pid>`, which a
run cut short leaves for CI to drop with its other test databases); every scratch database is a copy of it.
The worker's own `migrate` then finds nothing to do, and the replay runs as it does in production.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlparse

from django.conf import settings

Scratch = TypeVar("Scratch", bound=Callable[[Path], AbstractContextManager[str]])

FOLDER: list[Path] = []  # where SQLite's template is made: the process's own folder (tests/conftest.py)

_templates: dict[str, str] = {}  # by the vendor: the template's path (SQLite) or database name (PostgreSQL)


def _migrate(url: str) -> None:
    env = {**os.environ, "ACCORD_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "accord.settings",
           "ACCORD_VAR_DIR": str(settings.VAR_DIR)}
    subprocess.run([sys.executable, "-m", "accord.cli", "migrate", "--verbosity", "0"],
                   env=env, check=True, capture_output=True)


def _admin() -> Any:
    import psycopg

    conf = settings.DATABASES["default"]
    return psycopg.connect(dbname="postgres", autocommit=True, host=conf.get("HOST") or None,
                           port=conf.get("PORT") or None, user=conf.get("USER") or None,
                           password=conf.get("PASSWORD") or None)


def _sqlite(url: str) -> None:
    path = Path(urlparse(url).path)
    template = _templates.get("sqlite")
    if template is None:
        made = FOLDER[0] / "schema-template.sqlite3"
        made.parent.mkdir(parents=True, exist_ok=True)
        _migrate(f"sqlite:///{made}")
        template = _templates["sqlite"] = str(made)
    shutil.copyfile(template, path)


def _postgresql(url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    template = _templates.get("postgresql")
    if template is None:
        template = f"test_{settings.DATABASES['default']['NAME'].removeprefix('test_')}_schema_{os.getpid()}"
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}"')
            admin.execute(f'CREATE DATABASE "{template}"')
        _migrate(url.rsplit("/", 1)[0] + f"/{template}")
        _templates["postgresql"] = template
    with _admin() as admin:
        admin.execute(f'DROP DATABASE "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def templated(scratch: Scratch) -> Scratch:
    @contextmanager
    def copied(folder: Path) -> Iterator[str]:
        with scratch(folder) as url:
            (_postgresql if url.startswith("postgresql") else _sqlite)(url)
            yield url

    return cast(Scratch, copied)


def drop_templates() -> None:
    """The PostgreSQL template, when the process ends (SQLite's goes with the process's folder)."""
    template = _templates.pop("postgresql", None)
    if template is not None:
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
