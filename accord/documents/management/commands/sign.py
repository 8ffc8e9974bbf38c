"""`accord sign`: a person signs on its own machine, with its own key file: a document version's hash, or any
act's statement (given as a file, or drafted by the server from the act's type and body)."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core import keyfile
from accord.core.remote import Remote, RemoteError
from accord.documents import signing
from accord_verify import entries

PASSWORD_VARIABLE = "ACCORD_PASSWORD"  # noqa: S105 (the name of the variable that holds it)


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _json_object(name: str) -> dict[str, Any]:
    """A JSON object from a file, or from standard input for `-`."""
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as error:
        raise _bad_input(f"cannot read {name}: {error.strerror}") from None
    except ValueError:
        raise _bad_input(f"{name} is not JSON") from None
    if not isinstance(data, dict):
        raise _bad_input(f"{name} does not hold a JSON object")
    return data


def _place(given: list[str]) -> dict[str, str]:
    """`--place fr=Suva --place en=Suva` as the text per language the signature's `place` takes."""
    place: dict[str, str] = {}
    for item in given:
        language, equals, text = item.partition("=")
        if not equals or not language.strip() or not text.strip():
            raise _bad_input(f"--place {item!r}: give LANG=TEXT, such as fr=Suva")
        place[language.strip().lower()] = text.strip()
    return place


class Command(BaseCommand):
    help = ("Sign with your private key file. A document version's hash: prints the JSON that "
            "POST /api/v1/documents/{id}/signatures accepts (with --signed-on and --place, or add them). "
            "Any act: --statement FILE signs a whole statement as given; --act FILE ({type, body}) has "
            "--server draft the whole statement for you (signing in with your password, from $ACCORD_PASSWORD "
            "or asked). With --server the signed act is submitted to POST /api/v1/acts; without it, what that "
            "door takes is printed.")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("hash", nargs="?", help="a document version's hash, sha256:..., as its page shows it")
        parser.add_argument("--key", required=True, metavar="FILE", help="your private key file (accord keygen)")
        parser.add_argument("--document", type=int, help="the document's number, copied into the output")
        parser.add_argument("--number", dest="version_number", type=int, help="the version number")
        parser.add_argument("--signed-on", metavar="YYYY-MM-DD",
                            help="the day of signature, copied into the output")
        parser.add_argument("--place", action="append", metavar="LANG=TEXT",
                            help="where it is signed, in one organization language (repeat for each: "
                                 "--place fr=Suva --place en=Suva), copied into the output")
        parser.add_argument("--statement", metavar="FILE", help="a whole statement to sign as it is (- for stdin)")
        parser.add_argument("--act", metavar="FILE",
                            help='the act to sign, {"type": ..., "body": {...}}: --server drafts its statement')
        parser.add_argument("--server", metavar="URL", help="the Accord server, e.g. https://accord.example.org")
        parser.add_argument("--no-submit", action="store_true",
                            help="print the signed act instead of submitting it to --server")

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = [name for name in ("hash", "statement", "act") if options[name] is not None]
        if len(chosen) != 1:
            raise _bad_input("give one thing to sign: a document version's hash, --statement FILE or --act FILE")
        try:
            key = keyfile.load(Path(options["key"]))
        except keyfile.KeyFileError as error:
            raise _bad_input(str(error)) from None
        if options["hash"] is not None:
            self._sign_hash(key, options)
            return
        if options["act"] is not None and not options["server"]:
            raise _bad_input("--act needs --server: the server drafts the act's whole statement")
        try:
            remote = Remote(options["server"]) if options["server"] else None
            statement = (_json_object(options["statement"]) if options["statement"] is not None
                         else self._draft(remote, key, _json_object(options["act"])))
            signed = {"statement": statement, "signature": self._sign_statement(key, statement)}
            if remote is None or options["no_submit"]:
                self.stdout.write(json.dumps(signed, ensure_ascii=False))
                return
            self.stdout.write(json.dumps(remote.submit(signed["statement"], signed["signature"])))
        except RemoteError as error:
            raise CommandError(str(error), returncode=1) from None

    def _sign_hash(self, key: keyfile.KeyFile, options: dict[str, Any]) -> None:
        try:
            signature = signing.sign_hash(key.key, options["hash"])
        except ValueError as error:
            raise _bad_input(str(error)) from None
        out: dict[str, Any] = {"key_id": key.key_id, "signature": signature, "hash": options["hash"]}
        if options["document"] is not None:
            out["document"] = options["document"]
        if options["version_number"] is not None:
            out["version"] = options["version_number"]
        if options["signed_on"] is not None:
            out["signed_on"] = options["signed_on"]
        if options["place"]:
            out["place"] = _place(options["place"])
        self.stdout.write(json.dumps(out, ensure_ascii=False))

    def _draft(self, remote: Remote | None, key: keyfile.KeyFile, act: dict[str, Any]) -> dict[str, Any]:
        assert remote is not None
        password = os.environ.get(PASSWORD_VARIABLE) or getpass.getpass(f"Password of {key.person}: ")
        remote.sign_in(key.person, password)
        return remote.draft(act)

    def _sign_statement(self, key: keyfile.KeyFile, statement: dict[str, Any]) -> dict[str, str]:
        """Only the statement of an act whose actor is the key's own person: the door refuses any other."""
        actor = statement.get("actor")
        person = actor.get("person") if isinstance(actor, dict) else None
        if person != key.person:
            raise _bad_input(f"the statement's actor is {person!r}, but the key file is {key.person!r}'s: "
                             "a person signs only its own acts")
        try:
            return entries.sign_statement(statement, key.key)
        except (TypeError, ValueError) as error:
            raise _bad_input(f"the statement cannot be signed: {error}") from None
