"""`accord attachments verify`: check every attached file in the store against the hash its act recorded."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.attachments import store
from accord.attachments.models import Attachment
from accord.core.startup import CHECKS_BUT_URLS


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Check the attached files kept under ACCORD_VAR_DIR against the hashes their acts recorded"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify}")
        commands.add_parser(
            "verify", help="check every attached file (withdrawn ones too) against its recorded SHA-256",
            description="Exit status 0 when every file is there with the hash its act's ledger entry names, "
                        "1 otherwise, naming each file that is missing or altered.")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        problems = 0
        rows = list(Attachment.objects.order_by("entry_seq"))
        checked: dict[str, store.Check] = {}
        for row in rows:
            found = checked.setdefault(row.sha256, store.check(row.sha256))
            if found.problem:
                problems += 1
                self.stdout.write(f"attachment {row.pk} ({row.name}, entry {row.entry_seq}): the file "
                                  f"{row.sha256} is {found.problem}")
        self.stdout.write(f"{len(rows)} attachments, {len(checked)} stored files checked, "
                          f"{problems} problem{'s' if problems != 1 else ''}")
        if problems:
            sys.exit(1)
