"""`accord audit`: replay the log into a scratch database and compare every domain table with this one."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.audit import AuditFailed, audit
from accord.core.startup import CHECKS_BUT_URLS


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = ("Rebuild the state from the log, running every act again through its action in a scratch "
            "database, and compare every domain table, row by row, with this database. Exit 0 when they "
            "are the same, 1 when anything differs (each difference on a line of its own).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = audit(progress=not options["quiet"] and sys.stderr.isatty())
        except AuditFailed as error:
            raise CommandError(str(error), returncode=2) from None
        if report.refused:
            self.stdout.write(f"damaged: {report.refused}")
            sys.exit(1)
        if report.differences:
            self.stdout.write(f"damaged: {len(report.differences)} differences between the database and the "
                              f"replay of its {report.entries} entries:")
            for difference in report.differences:
                self.stdout.write(f"  {difference}")
            sys.exit(1)
        self.stdout.write(f"ok: {report.entries} entries replayed; {report.tables} domain tables, {report.rows} "
                          "rows, identical to this database (password hashes aside)")
