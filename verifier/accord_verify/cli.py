"""`accord-verify log|document|witness`: the verifier's own command, and the pieces the server's commands share.

`accord ledger verify`, `accord ledger verify-document` and `accord witness` take the same arguments with
the same meaning and call the same functions below; the server only adds its database as one more source.
Bad input raises BadInput, which each command turns into its message and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from nacl.signing import SigningKey

from accord_verify import cosignature, merkle, note
from accord_verify.keys import LogKey, format_private_key, parse_private_key
from accord_verify.verify import Damage, FileSource, Source, Unreachable, UrlSource, verify, witness_check

# The PDF check (pypdf), the witness (its server) and the progress bar are imported by the commands that use
# them: `accord-verify --help` and a log check start without them (issue 18, start-up under 0.5 s).

Say = Callable[[str], None]
Extra = Callable[[merkle.MemoryTree], list[str]]
T = TypeVar("T")


class BadInput(Exception):
    """An argument the command cannot use: the message names it and says why. Nothing was changed."""


def read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read {what} {path}: {getattr(error, 'strerror', None) or error}") from None


def pinned_key(value: str) -> str:
    """A log's verifier key given as itself or as a file holding it, checked before anything is read."""
    text = read_text(value, "the key file") if Path(value).is_file() else value
    try:
        note.parse_vkey(text.strip())
    except note.NoteError as error:
        raise BadInput(f"--key is not a log key (name+id+key) nor a file holding one: {error}") from None
    return text.strip()


def witness_keys(values: Sequence[str]) -> list[cosignature.CosignerKey]:
    """Witnesses' keys given as themselves or as files holding them, checked before anything is read."""
    keys = []
    for value in values:
        text = read_text(value, "the witness key file") if Path(value).is_file() else value
        try:
            keys.append(cosignature.parse_cosigner_vkey(text.strip()))
        except note.NoteError as error:
            raise BadInput(f"--witness is not a witness key (name+id+key) nor a file holding one: {error}") \
                from None
    if len({key.name for key in keys}) != len(keys):
        raise BadInput("--witness names the same witness twice")
    return keys


def quorum_of(quorum: int | None, witnesses: Sequence[cosignature.CosignerKey]) -> int:
    if quorum is None:
        return len(witnesses)
    if not witnesses:
        raise BadInput("--quorum needs the witnesses' keys: give each with --witness")
    if not 1 <= quorum <= len(witnesses):
        raise BadInput(f"--quorum must be between 1 and the {len(witnesses)} witnesses given")
    return quorum


def cosigned_checkpoint(path: str) -> str:
    text = read_text(path, "the cosigned checkpoint")
    try:
        note.parse_checkpoint(note.split_note(text)[0])
    except note.NoteError as error:
        raise BadInput(f"{path} is not a cosigned checkpoint served by a witness: {error}") from None
    return text


def stored_checkpoint(path: str) -> str:
    text = read_text(path, "the checkpoint file")
    # The note's text is everything up to its last blank line; its signatures are checked by the verifier.
    try:
        note.parse_checkpoint(text[: text.rfind("\n\n") + 1])
    except note.NoteError as error:
        raise BadInput(f"{path} is not a checkpoint of the log (saved by `accord ledger checkpoint` "
                       f"or fetched from /checkpoint): {error}") from None
    return text


def progress(unit: str, quiet: bool) -> Callable[[Iterable[T], int], Iterable[T]]:
    """A progress bar on standard error, shown only to a person watching a terminal."""

    def bar(items: Iterable[T], total: int) -> Iterable[T]:
        from tqdm import tqdm

        shown: Iterable[T] = tqdm(items, total=total, unit=unit, file=sys.stderr, leave=False,
                                  disable=quiet or not sys.stderr.isatty())
        return shown

    return bar


def both(first: Extra | None, second: Extra | None) -> Extra | None:
    if first is None or second is None:
        return first or second
    return lambda tree: first(tree) + second(tree)


def open_source(file: str | None, url: str | None) -> Source:
    """An export file or a server; the caller has made sure exactly one is given."""
    if url:
        try:
            return UrlSource(url)
        except ValueError as error:
            raise BadInput(f"--url: {error}") from None
    assert file is not None
    try:
        return FileSource(file)
    except OSError as error:
        raise BadInput(f"cannot read {file}: {error.strerror}") from None
    except ValueError as error:
        raise BadInput(f"{file} is not an Accord log export: {error}") from None


@dataclass(frozen=True)
class LogCheck:
    """What `log` is asked to hold the log to, every argument checked before the log is read."""

    pinned: str | None
    since: str | None
    witnesses: list[cosignature.CosignerKey]
    quorum: int
    cosigned: list[str]

    @classmethod
    def of(cls, *, key: str | None, since: str | None, witness: Sequence[str], quorum: int | None,
           cosigned: Sequence[str]) -> LogCheck:
        pinned = pinned_key(key) if key else None
        stored = stored_checkpoint(since) if since else None
        keys = witness_keys(witness)
        required = quorum_of(quorum, keys)
        if cosigned and not keys:
            raise BadInput("--cosigned needs the witnesses' keys: give each with --witness")
        return cls(pinned, stored, keys, required, [cosigned_checkpoint(path) for path in cosigned])


def check_log(source: Source, request: LogCheck, say: Say, *, quiet: bool, extra: Extra | None = None) -> int:
    """Verify the log from `source` as `request` asks; say the outcome. 0 when sound, 1 when damaged."""
    if request.witnesses:
        extra = both(extra, witness_check(source, request.witnesses, request.quorum, request.pinned,
                                          request.cosigned))
    found: str | None = None
    try:
        report = verify(source, pinned_vkey=request.pinned, since=request.since, extra=extra,
                        progress=progress("entry", quiet))
    except Damage as damage:
        # Return only once the exception, and the half-read rows it holds, are let go.
        found = str(damage)
    except Unreachable as error:
        raise BadInput(f"cannot read the log from {source.description}: {error}") from None
    except KeyError as error:
        raise BadInput(f"{source.description} is not a complete Accord log export: it has no {error}") from None
    except (ValueError, IndexError) as error:  # a server's answer that is not the log API's
        raise BadInput(f"{source.description} does not serve an Accord log: {error}") from None
    if found is not None:
        say(f"damaged: {found}")
        return 1
    summary = report.summary()
    if request.pinned is None:
        summary += f"; the log key was taken from {source.description}, not pinned (pass --key)"
    if request.since is None and not request.witnesses:
        # A log cut back to an earlier size and written on from there is as sound as any other: only a
        # checkpoint seen earlier, kept by the auditor or cosigned by witnesses, shows it.
        summary += ("; neither a checkpoint of yours (--since) nor a witness quorum (--witness) was checked, "
                    "so a rollback of the newest entries, or another history shown to others, cannot be "
                    "excluded")
    say(summary)
    return 0


def read_pdf(file: str) -> bytes:
    try:
        return Path(file).read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {file}: {error.strerror}") from None


def check_document(data: bytes, source: Source, vkey: str | None, say: Say) -> int:
    """Check a signed document's PDF whole against the log from `source`; say each check and problem.

    `vkey` is the log key the caller knows; None trusts the source's own (only the server's own database).
    0 when the document stands, 1 when not. Reads only."""
    from accord_verify.checking import LogCopy, check_pdf

    try:
        known = vkey or source.vkey()
        latest = source.checkpoint()
        # The entries are read as the check goes, once: a large log is never held whole.
        copy = LogCopy(checkpoint=latest, entries=source.entries(), description=source.description)
        report = check_pdf(data, vkey=known, log=copy)
    except Unreachable as error:
        raise BadInput(f"cannot read the log from {source.description}: {error}") from None
    except (KeyError, ValueError, IndexError) as error:
        raise BadInput(f"{source.description} is not an Accord log: {error}") from None
    for check in report.checks:
        say(f"ok: {check}")
    for problem in report.problems:
        say(f"damaged: {problem}")
    if not report.ok:
        return 1
    say(f"verified: document {report.data.get('document')}, version {report.data.get('version')}, "
        f"{report.data.get('hash')}")
    return 0


# The witness a member state runs: C2SP tlog-witness, with its own key and its own state file.


def add_witness_arguments(parser: argparse.ArgumentParser) -> None:
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


def run_witness(subcommand: str, options: dict[str, Any], say: Say) -> None:
    if subcommand == "keygen":
        witness_keygen(options["name"], options["key_file"], say)
    elif subcommand == "vkey":
        say(_cosigner_vkey(_read_witness_key(options["key_file"])))
    elif subcommand == "serve":
        witness_serve(options, say)
    else:
        witness_status(options["state"], say)


def _read_witness_key(path: str) -> LogKey:
    try:
        return parse_private_key(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInput(f"cannot read the witness key {path}: {error.strerror}") from None
    except ValueError as error:
        raise BadInput(f"{path} is not a witness key written by `witness keygen`: {error}") from None


def _cosigner_vkey(key: LogKey) -> str:
    return cosignature.format_cosigner_vkey(key.name, key.public_key)


def _witnessed_log(value: str) -> note.VerifierKey:
    text = Path(value).read_text(encoding="utf-8") if Path(value).is_file() else value
    try:
        return note.parse_vkey(text.strip())
    except note.NoteError as error:
        raise BadInput(f"--log is not a log's public key (name+id+key) nor a file holding one: {error}") \
            from None


def _listen(value: str) -> tuple[str, int]:
    host, colon, port = value.rpartition(":")
    if not colon or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise BadInput(f"--listen {value!r} is not HOST:PORT (PORT 0 picks a free port)")
    return host.strip("[]") or "127.0.0.1", int(port)


def witness_keygen(name: str, key_file: str, say: Say) -> None:
    try:
        note.check_key_name(name)
    except note.NoteError as error:
        raise BadInput(f"NAME: {error}") from None
    key = SigningKey.generate()
    try:
        # Created readable by its owner only, and never over an existing key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BadInput(f"{key_file} exists; a witness keeps its key (remove it to make a new one)") from None
    except OSError as error:
        raise BadInput(f"cannot write {key_file}: {error.strerror}") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(format_private_key(name, key) + "\n")
    say(_cosigner_vkey(LogKey(name, key)))


def witness_serve(options: dict[str, Any], say: Say) -> None:
    try:
        import uvicorn
    except ImportError:
        raise BadInput("serving a witness needs uvicorn: pip install 'accord-verify[witness]'") from None

    from accord_verify.witness import Witness, WitnessApp, WitnessState

    key = _read_witness_key(options["key_file"])
    logs = [_witnessed_log(value) for value in options["log"]]
    host, port = _listen(options["listen"])
    try:
        state = WitnessState(options["state"])
    except Exception as error:  # sqlite3 names the problem: a directory, no permission, not a database
        raise BadInput(f"cannot open the state file {options['state']}: {error}") from None
    witness = Witness(name=key.name, signing_key=key.signing_key, logs=logs, state=state)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as error:
        raise BadInput(f"cannot listen on {host}:{port}: {error.strerror}") from None
    # Listening before anything is printed, so that a caller who asked for port 0 reads the real one and
    # can connect at once: connections wait in the backlog until uvicorn, slower to start, accepts them.
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    say(f"witness {witness.vkey} of {', '.join(sorted(witness.logs))} listening on "
        f"http://{shown}:{bound}{options['prefix'].rstrip('/')}")
    sys.stdout.flush()
    config = uvicorn.Config(WitnessApp(witness, options["prefix"]), lifespan="off", log_level="warning")
    uvicorn.Server(config).run(sockets=[sock])


def witness_status(path: str, say: Say) -> None:
    if not Path(path).is_file():
        raise BadInput(f"{path} does not exist")
    from accord_verify.witness import WitnessState

    state = WitnessState(path)
    for origin in state.origins():
        text = state.latest_note(origin) or ""
        size = text.split("\n")[1] if text.count("\n") > 1 else "?"
        say(f"{origin}: cosigned size {size}")
    for at, origin, status, reason in state.refusals():
        when = dt.datetime.fromtimestamp(at, dt.UTC).isoformat().replace("+00:00", "Z")
        say(f"refused {origin} ({status}) at {when}: {reason}")


# The standalone command.


def add_log_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `log`, and of the server's `accord ledger verify` (where neither FILE nor --url is its
    own database)."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="an export written by `accord ledger export`")
    parser.add_argument("--url", help="a running Accord server, such as https://accord.example.org")
    parser.add_argument("--since", "--checkpoint", dest="since", metavar="CHECKPOINT_FILE",
                        help="a checkpoint you saved earlier: the log must extend it, not fork from it or "
                             "be rolled back behind it")
    parser.add_argument("--key", metavar="VKEY_OR_FILE",
                        help="the log's public key as you know it (otherwise the source's own is trusted)")
    parser.add_argument("--witness", action="append", default=[], metavar="VKEY_OR_FILE",
                        help="a witness you trust (its cosignature/v1 key); repeat for each witness")
    parser.add_argument("--quorum", type=int, metavar="K",
                        help="how many of the --witness keys must have cosigned a checkpoint of this log "
                             "(default: all of them)")
    parser.add_argument("--cosigned", action="append", default=[], metavar="FILE",
                        help="a cosigned checkpoint you fetched from a witness itself "
                             "(GET <witness>/<origin hash>/checkpoint); repeatable")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def add_document_arguments(parser: argparse.ArgumentParser, *, key_required: bool) -> None:
    """The arguments of `document`, and of the server's `accord ledger verify-document` (where --key is
    needed only with --log or --url: its own database holds the key)."""
    parser.add_argument("file", metavar="FILE.pdf")
    parser.add_argument("--log", metavar="EXPORT", help="an export written by `accord ledger export`")
    parser.add_argument("--url", help="a running Accord server, such as https://accord.example.org")
    parser.add_argument("--key", required=key_required, metavar="VKEY_OR_FILE",
                        help="the log's public key as you know it, not the one the copy presents"
                             + ("" if key_required else "; required with --log or --url"))


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="accord-verify",
        description="Check an Accord organization's log, a document it signed, or run a witness of it. "
                    "Exit 0 when sound, 1 when damaged, 2 on bad input.")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="{log,document,witness}")
    log = commands.add_parser(
        "log", help="recompute and check the whole log",
        description="Check the log in an export FILE or at a server's --url: every entry, hash, act and "
                    "document signature, checkpoint and, with --witness, the witnesses' cosignatures. "
                    "Exit 0 when sound, 1 when damaged, 2 on bad input.")
    add_log_arguments(log)
    document = commands.add_parser(
        "document", help="check a signed document's PDF against the log",
        description="Check a signed document's PDF whole against a copy of the log: every line of every page "
                    "must be what the log says the document prints (title, texts, each signature block), and "
                    "its checkpoint, entries and signatures must stand. Reads only; writes nothing. "
                    "Exit 0 when it stands, 1 if not, 2 on bad input.")
    add_document_arguments(document, key_required=True)
    witness = commands.add_parser("witness", help="run a witness of an organization's log, or make its key",
                                  description="A member state's own witness (C2SP tlog-witness).")
    add_witness_arguments(witness)
    return main_parser


def run(argv: Sequence[str] | None = None) -> int:
    options = vars(parser().parse_args(argv))
    command = options.pop("command")
    if command == "witness":
        run_witness(options.pop("subcommand"), options, print)
        return 0
    if command == "log":
        if bool(options["file"]) == bool(options["url"]):
            raise BadInput("give an export FILE or a --url, one of them")
        request = LogCheck.of(key=options["key"], since=options["since"], witness=options["witness"],
                              quorum=options["quorum"], cosigned=options["cosigned"])
        return check_log(open_source(options["file"], options["url"]), request, print, quiet=options["quiet"])
    if bool(options["log"]) == bool(options["url"]):
        raise BadInput("give the log as an export with --log or a server with --url, one of them")
    vkey = pinned_key(options["key"])
    data = read_pdf(options["file"])
    return check_document(data, open_source(options["log"], options["url"]), vkey, print)


def main(argv: Sequence[str] | None = None) -> None:
    try:
        status = run(argv)
    except BadInput as error:
        print(f"accord-verify: error: {error}", file=sys.stderr)
        status = 2
    except KeyboardInterrupt:
        status = 130
    sys.exit(status)
