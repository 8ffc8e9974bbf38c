"""Migrating the test database to named migrations, for the migration tests (with `migrations_restored`)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accord.ledger.guard import acting


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate to `targets`; the models (a registry of apps) as they are there."""
    with acting("test: the migration"):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def kept_provenance(apps: Any) -> dict[int, tuple[int, Any]]:
    """Each core Provenance row the migration left, by its entry: (the entry that recorded it, its data)."""
    return {row.entry_seq: (row.recorded_seq, row.data)
            for row in apps.get_model("core", "Provenance").objects.order_by("entry_seq")}
