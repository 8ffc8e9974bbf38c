"""`accord witness`: a member state's own witness of the organization's log (C2SP tlog-witness).

It runs on the member state's machine, with its key and its state file; it reads nothing of the
server's database or settings beyond what is given on its command line.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from nacl.signing import SigningKey

from accord_verify import cosignature, note
from accord_verify.keys import LogKey, format_private_key, parse_private_key
from accord_verify.witness import Witness, WitnessApp, WitnessState


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _read_key(path: str) -> LogKey:
    try:
        return parse_private_key(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise _bad_input(f"cannot read the witness key {path}: {error.strerror}") from None
    except ValueError as error:
        raise _bad_input(f"{path} is not a witness key written by `accord witness keygen`: {error}") from None


def _vkey(key: LogKey) -> str:
    return cosignature.format_cosigner_vkey(key.name, key.public_key)


def _log_key(value: str) -> note.VerifierKey:
    text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
    try:
        return note.parse_vkey(text.strip())
    except note.NoteError as error:
        raise _bad_input(f"--log is not a log's public key (name+id+key) nor a file holding one: {error}") \
            from None


def _listen(value: str) -> tuple[str, int]:
    host, colon, port = value.rpartition(":")
    if not colon or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise _bad_input(f"--listen {value!r} is not HOST:PORT (PORT 0 picks a free port)")
    return host.strip("[]") or "127.0.0.1", int(port)


class Command(BaseCommand):
    help = "Run a witness of the organization's log, or make its key."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{keygen,vkey,serve,status}")
        keygen = commands.add_parser(
            "keygen", help="make the witness's key",
            description="Make a new Ed25519 witness key, write it to KEY_FILE (readable by you only) and print "
                        "its public key (vkey), which you give the secretariat and your auditors.")
        keygen.add_argument("name", metavar="NAME",
                            help="the witness's name, a schema-less URL such as witness.mfa.example/accord")
        keygen.add_argument("--key-file", required=True, metavar="KEY_FILE")
        vkey = commands.add_parser("vkey", help="print the witness's public key")
        vkey.add_argument("--key-file", required=True, metavar="KEY_FILE")
        serve = commands.add_parser(
            "serve", help="serve add-checkpoint and the cosigned checkpoints",
            description="Serve the C2SP tlog-witness protocol: cosign each checkpoint of the logs given by "
                        "--log that is consistent with the last one this witness cosigned, refuse any other.")
        serve.add_argument("--key-file", required=True, metavar="KEY_FILE")
        serve.add_argument("--state", required=True, metavar="STATE_FILE",
                           help="the witness's own SQLite file: the last checkpoint it cosigned per log")
        serve.add_argument("--log", action="append", required=True, metavar="VKEY_OR_FILE",
                           help="the public key of a log to witness (its name is the log's origin); repeatable")
        serve.add_argument("--listen", default="127.0.0.1:7380", metavar="HOST:PORT")
        serve.add_argument("--prefix", default="", help="a URL path prefix the witness is served under")
        status = commands.add_parser("status", help="print what the witness last cosigned and what it refused")
        status.add_argument("--state", required=True, metavar="STATE_FILE")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "keygen":
            self.keygen(options["name"], options["key_file"])
        elif subcommand == "vkey":
            self.stdout.write(_vkey(_read_key(options["key_file"])))
        elif subcommand == "serve":
            self.serve(options)
        else:
            self.status(options["state"])

    def keygen(self, name: str, key_file: str) -> None:
        try:
            note.check_key_name(name)
        except note.NoteError as error:
            raise _bad_input(f"NAME: {error}") from None
        key = SigningKey.generate()
        try:
            # Created readable by its owner only, and never over an existing key.
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise _bad_input(f"{key_file} exists; a witness keeps its key (remove it to make a new one)") \
                from None
        except OSError as error:
            raise _bad_input(f"cannot write {key_file}: {error.strerror}") from None
        with os.fdopen(fd, "w") as handle:
            handle.write(format_private_key(name, key) + "\n")
        self.stdout.write(_vkey(LogKey(name, key)))

    def serve(self, options: dict[str, Any]) -> None:
        import uvicorn

        key = _read_key(options["key_file"])
        logs = [_log_key(value) for value in options["log"]]
        host, port = _listen(options["listen"])
        try:
            state = WitnessState(options["state"])
        except Exception as error:  # sqlite3 names the problem: a directory, no permission, not a database
            raise _bad_input(f"cannot open the state file {options['state']}: {error}") from None
        witness = Witness(name=key.name, signing_key=key.signing_key, logs=logs, state=state)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            raise _bad_input(f"cannot listen on {host}:{port}: {error.strerror}") from None
        # Bound before anything is printed, so that a caller who asked for port 0 reads the real one.
        bound = sock.getsockname()[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        self.stdout.write(f"witness {witness.vkey} of {', '.join(sorted(witness.logs))} listening on "
                          f"http://{shown}:{bound}{options['prefix'].rstrip('/')}")
        sys.stdout.flush()
        config = uvicorn.Config(WitnessApp(witness, options["prefix"]), lifespan="off", log_level="warning")
        uvicorn.Server(config).run(sockets=[sock])

    def status(self, path: str) -> None:
        if not Path(path).is_file():
            raise _bad_input(f"{path} does not exist")
        state = WitnessState(path)
        for origin in state.origins():
            text = state.latest_note(origin) or ""
            size = text.split("\n")[1] if text.count("\n") > 1 else "?"
            self.stdout.write(f"{origin}: cosigned size {size}")
        for at, origin, status, reason in state.refusals():
            when = dt.datetime.fromtimestamp(at, dt.UTC).isoformat().replace("+00:00", "Z")
            self.stdout.write(f"refused {origin} ({status}) at {when}: {reason}")
