"""`accord sign`: a head signs a document version's hash on its own machine, with its own key file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.documents import signing


class Command(BaseCommand):
    help = ("Sign a document version's hash with your private key file; prints the JSON that "
            "POST /api/v1/documents/{id}/signatures accepts (add signed_on and place).")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("hash", help="the version's hash, sha256:..., as the document page shows it")
        parser.add_argument("--key", required=True, metavar="FILE", help="your private key file")
        parser.add_argument("--document", type=int, help="the document's number, copied into the output")
        parser.add_argument("--number", dest="version_number", type=int, help="the version number")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key_id, key = signing.load_key(Path(options["key"]))
            signature = signing.sign_hash(key, options["hash"])
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from None
        out: dict[str, Any] = {"key_id": key_id, "signature": signature, "hash": options["hash"]}
        if options["document"] is not None:
            out["document"] = options["document"]
        if options["version_number"] is not None:
            out["version"] = options["version_number"]
        self.stdout.write(json.dumps(out))
