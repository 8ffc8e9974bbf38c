"""`accord keygen`: a person makes its own signing key, on its own machine; only the public key leaves it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import keyfile


class Command(BaseCommand):
    help = ("Make an Ed25519 signing key for a person: writes the private key file (mode 0600, never over an "
            "existing file) and prints the public key to register (docs/ledger.md, \"A person's key file\").")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="your username on the Accord server")
        parser.add_argument("--out", metavar="FILE", help="where to write the key file (default: PERSON.key)")
        parser.add_argument("--label", default="", help="a label for the key, shown in the registry")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["out"] or f"{options['person']}.key")
        try:
            made = keyfile.generate(options["person"])
            keyfile.write(path, made)
        except keyfile.KeyFileError as error:
            raise CommandError(str(error), returncode=2) from None
        body = json.dumps({"public_key": made.public_key, "label": options["label"]}, ensure_ascii=False)
        self.stdout.write(
            f"Wrote the private key of {made.person} to {path} (readable by you only; keep it, never send it).\n"
            f"Key id: {made.key_id}\n"
            f"Public key: {made.public_key}\n"
            f"Register it, signed in as {made.person} or as your delegation's keeper:\n"
            f"  POST /api/v1/persons/{made.person}/keys {body}\n"
            "(docs/README.md, \"A script and the API\", shows how, with curl or Python); then sign with "
            f"`accord sign --key {path} ...`."
        )
