"""`accord createuser`: add a person from the console, e.g. the first secretariat officer."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.acting import Actor
from accord.core.errors import AccordError
from accord.core.startup import CHECKS_BUT_URLS
from accord.core.translations import content_languages
from accord.members import actions
from accord.members.models import Role


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Add a person (a login) with a role; the act is recorded in the ledger as made by the console."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--member", help="the delegation's member code (ISO 3166-1 alpha-3)")
        parser.add_argument("--full-name", help="the person's name in the organization's default language "
                                                "(default: the username)")
        parser.add_argument("--full-name-in", nargs=2, action="append", default=[], metavar=("LANGUAGE", "NAME"),
                            help="the person's name in another of the organization's languages, e.g. "
                                 "--full-name-in en 'Nikol Pashinyan' (repeatable)")
        parser.add_argument("--delegation-admin", action="store_true",
                            help="may administer the people of its own delegation")
        parser.add_argument("--password-stdin", action="store_true",
                            help="read the password from standard input instead of asking for it")

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options["password_stdin"])
        try:
            person = actions.add_person(
                actor=Actor.console(), username=options["username"],
                full_name=self._names(options),
                role=options["role"], member=options["member"], password=password,
                delegation_admin=options["delegation_admin"])
        except AccordError as error:
            raise CommandError(f"{error.field}: {error.reason}", returncode=2) from None
        where = f"{person.member_id}'s delegation" if person.member_id else "the secretariat"
        self.stdout.write(self.style.SUCCESS(f"Added {person.username} ({person.get_role_display()}, {where})."))

    def _names(self, options: dict[str, Any]) -> dict[str, str]:
        """The name per language: the default language's from --full-name, the others from --full-name-in."""
        names = {content_languages()[0]: options["full_name"] or options["username"]}
        names.update({language.strip().lower(): name for language, name in options["full_name_in"]})
        return names

    def _password(self, from_stdin: bool) -> str:
        if from_stdin or not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("the two passwords differ", returncode=2)
        if not password:
            raise CommandError("password: is required", returncode=2)
        return password
