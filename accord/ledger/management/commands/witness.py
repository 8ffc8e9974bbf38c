"""`accord witness`: a member state's own witness of the organization's log (C2SP tlog-witness).

The same command as `accord-verify witness` (accord_verify.cli), which a member state installs without
the server: it runs on the member state's machine, with its key and its state file, and reads nothing of
the server's database or settings beyond what is given on its command line.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.startup import CHECKS_BUT_URLS
from accord_verify import cli


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Run a witness of the organization's log, or make its key."

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_witness_arguments(parser)

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            cli.run_witness(subcommand, options, self.stdout.write)
        except cli.BadInput as error:
            raise CommandError(str(error), returncode=2) from None
