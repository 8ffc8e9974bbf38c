"""`accord reactivate`: open a deactivated person's access again from the console, e.g. the secretariat's
only officer when no one else is left who could."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.acting import Actor
from accord.core.errors import AccordError
from accord.core.startup import CHECKS_BUT_URLS
from accord.members import actions


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Reactivate a deactivated person; the act is recorded in the ledger as made by the console."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="why the access is opened again")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = actions.reactivate_person(actor=Actor.console(), person=options["username"],
                                               reason=options["reason"])
        except AccordError as error:
            raise CommandError(f"{error.field}: {error.reason}", returncode=2) from None
        self.stdout.write(self.style.SUCCESS(f"Reactivated {person.username}."))
