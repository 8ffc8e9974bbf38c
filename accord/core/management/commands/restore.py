"""`accord restore FILE`: put a backup back, then verify the log it holds before anyone is let in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import backups
from accord.core.startup import CHECKS_BUT_URLS


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = ("Restore a backup written by `accord backup` into this database (stop every server process first), "
            "bring its schema up to date and verify its log (`accord ledger verify`). Refuses a database "
            "that holds acts unless --replace. Exit 0 when restored and sound, 1 when not, 2 on bad input.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a backup written by `accord backup`")
        parser.add_argument("--replace", action="store_true",
                            help="replace a database that holds acts: everything in it is lost")
        parser.add_argument("--key", metavar="VKEY_OR_FILE",
                            help="the log's public key as the members pinned it, for the verification")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, file: str, replace: bool, key: str | None, quiet: bool,
               **options: Any) -> None:
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{file} is not a file", returncode=2)
        held = backups.entries_held()
        if held and not replace:
            raise CommandError(f"this database holds acts (a log of {held} entries): restoring would replace "
                               "them; pass --replace if that is meant", returncode=2)
        say = (lambda line: None) if quiet else (lambda line: self.stderr.write(f"  {line}"))
        try:
            backups.restore(source, say)
        except backups.BackupFailed as error:
            raise CommandError(str(error), returncode=1) from None
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Restored {file}: a log of {backups.entries_held()} entries. Verifying it:")
        verify = ["verify", "--quiet", *(["--key", key] if key else [])]
        # Exits 1 with `damaged: ...` when the restored log does not stand.
        call_command("ledger", *verify, stdout=self.stdout, stderr=self.stderr)
