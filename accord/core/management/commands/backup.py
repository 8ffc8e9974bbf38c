"""`accord backup FILE`: a consistent copy of the whole database, taken while the server runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import backups
from accord.core.startup import CHECKS_BUT_URLS


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = ("Write a consistent copy of the database to FILE while the server runs (SQLite: its backup API; "
            "PostgreSQL: pg_dump -Fc). `accord restore FILE` puts it back. The log key is not in it.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="where to write the copy")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, file: str, quiet: bool, **options: Any) -> None:
        target = Path(file)
        if not target.resolve().parent.is_dir():
            raise CommandError(f"cannot write {file}: its folder does not exist", returncode=2)
        say = (lambda line: None) if quiet else (lambda line: self.stderr.write(f"  {line}"))
        try:
            backups.backup(target, say)
        except backups.BackupFailed as error:
            raise CommandError(str(error), returncode=1) from None
        except OSError as error:
            raise CommandError(f"cannot write {file}: {error.strerror}", returncode=1) from None
        size = backups.log_size_of_backup(target)
        held = f" (a log of {size} entries)" if size is not None else ""
        self.stdout.write(f"Backed up the database to {file}{held}.")
        self.stdout.write(
            f"The log key is not in this backup: keep a copy of {settings.LOG_KEY_FILE} apart from it, "
            "offline (docs/operator.md, \"Custody of the log key\"). Restore with `accord restore FILE`.")
