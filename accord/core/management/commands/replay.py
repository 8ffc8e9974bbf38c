"""`accord replay SOURCE RESULT`: the audit's worker, run by `accord audit` against a scratch database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.audit import run_replay
from accord.core.startup import CHECKS_BUT_URLS
from accord.ledger.models import Entry


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = ("Migrate this (scratch) database, replay the log written by `accord audit` into it, and write "
            "its domain state. Run by `accord audit`; never against a served database.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the log, as `accord audit` writes it")
        parser.add_argument("result", help="where to write the replayed state")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        # Replaying into a database that holds a log already would mix two logs: refuse.
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        if Entry.objects.exists():
            raise CommandError(f"{settings.DATABASES['default']['NAME']} holds a log already: the replay "
                               "writes only into an empty scratch database", returncode=2)
        run_replay(Path(options["source"]), Path(options["result"]), progress=not options["quiet"])
