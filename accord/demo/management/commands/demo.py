"""`accord demo`: load the reference organization into an empty database."""

from __future__ import annotations

import shutil
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from accord.core.startup import CHECKS_BUT_URLS
from accord.demo import loader
from accord.ledger import log
from accord.members.models import Member, Person


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Load the demo organization (the reference scenario) through the real actions."

    def add_arguments(self, parser: CommandParser) -> None:
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--reset", action="store_true",
                          help="erase everything in the database first (the ledger too)")
        what.add_argument("--if-empty", action="store_true",
                          help="load only into an empty database; otherwise say so and succeed")

    def handle(self, *args: Any, reset: bool, if_empty: bool, **options: Any) -> None:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("the database is not migrated yet: run `accord migrate` first", returncode=2)
        acts = log.size()
        if acts or Member.objects.exists() or Person.objects.exists():
            if if_empty:
                self.stdout.write(f"The database already holds an organization ({acts} acts in its ledger); "
                                  "the demo was not loaded.")
                return
            if not reset:
                raise CommandError(
                    f"the database is not empty: its ledger holds {acts} acts. Loading the demo would mix "
                    "it with them. Use `accord demo --reset` to erase everything first.", returncode=2)
            call_command("flush", interactive=False, verbosity=0)
            shutil.rmtree(loader.keys_dir(), ignore_errors=True)
            self.stdout.write(f"Erased the database ({acts} acts).")
        made = loader.load_demo(progress=self.stderr.isatty())
        # The acts kept the search index current as they ran; built again here, it is whole whatever ran.
        call_command("search", "reindex", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo organization: {made} steps, "
                                             f"{log.size()} acts in the ledger."))
        self.stdout.write(f"Sign in with any of these logins; the password is {loader.PASSWORD!r}:")
        for username, who in loader.logins():
            self.stdout.write(f"  {username:<16} {who}")
        self.stdout.write(f"The demo persons' private signing keys are in {loader.keys_dir()}.")
