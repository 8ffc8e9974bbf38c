"""`accord search reindex`: build the search index again from the state and the log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.core.startup import CHECKS_BUT_URLS
from accord.search import indexing


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Keep the search index: `reindex` builds it again from what the database holds."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{reindex}")
        commands.add_parser(
            "reindex", help="build the search index again, with progress",
            description="Index every session (its items and statements), proposal, document, crisis and act "
                        "again. Acts keep the index current as they happen; this is for data made before.")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        def progress(what: str, done: int, total: int) -> None:
            self.stdout.write(f"  {what}: {done}/{total}")

        self.stdout.write("Indexing for search:")
        rows = indexing.reindex(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"The search index holds {rows} texts."))
