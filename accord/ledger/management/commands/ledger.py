"""`accord ledger`: verify the log (the database, an export or a server), save a checkpoint, export the log."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import httpx
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from accord.ledger import log, witnessing
from accord.ledger.models import Checkpoint, Entry
from accord.ledger.sources import DatabaseSource, EmptyLog, stored_vkey
from accord_verify import cosignature, merkle, note
from accord_verify.verify import Damage, FileSource, Source, UrlSource, export_document, verify, witness_check

Extra = Callable[[merkle.MemoryTree], list[str]]

T = TypeVar("T")


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _read(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _bad_input(f"cannot read {what} {path}: {getattr(error, 'strerror', None) or error}") from None


def _pinned_key(value: str) -> str:
    """A verifier key given as itself or as a file holding it, checked before anything is read."""
    text = _read(value, "the key file") if Path(value).is_file() else value
    try:
        note.parse_vkey(text.strip())
    except note.NoteError as error:
        raise _bad_input(f"--key is not a log key (name+id+key) nor a file holding one: {error}") from None
    return text.strip()


def _witness_keys(values: list[str]) -> list[cosignature.CosignerKey]:
    """Witnesses' keys given as themselves or as files holding them, checked before anything is read."""
    keys = []
    for value in values:
        text = _read(value, "the witness key file") if Path(value).is_file() else value
        try:
            keys.append(cosignature.parse_cosigner_vkey(text.strip()))
        except note.NoteError as error:
            raise _bad_input(f"--witness is not a witness key (name+id+key) nor a file holding one: {error}") \
                from None
    if len({key.name for key in keys}) != len(keys):
        raise _bad_input("--witness names the same witness twice")
    return keys


def _quorum(quorum: int | None, witnesses: list[cosignature.CosignerKey]) -> int:
    if quorum is None:
        return len(witnesses)
    if not witnesses:
        raise _bad_input("--quorum needs the witnesses' keys: give each with --witness")
    if not 1 <= quorum <= len(witnesses):
        raise _bad_input(f"--quorum must be between 1 and the {len(witnesses)} witnesses given")
    return quorum


def _both(first: Extra | None, second: Extra | None) -> Extra | None:
    if first is None or second is None:
        return first or second
    return lambda tree: first(tree) + second(tree)


def _cosigned_checkpoint(path: str) -> str:
    text = _read(path, "the cosigned checkpoint")
    try:
        note.parse_checkpoint(note.split_note(text)[0])
    except note.NoteError as error:
        raise _bad_input(f"{path} is not a cosigned checkpoint served by a witness: {error}") from None
    return text


def _stored_checkpoint(path: str) -> str:
    text = _read(path, "the checkpoint file")
    # The note's text is everything up to its last blank line; its signatures are checked by the verifier.
    try:
        note.parse_checkpoint(text[: text.rfind("\n\n") + 1])
    except note.NoteError as error:
        raise _bad_input(f"{path} is not a checkpoint saved by `accord ledger checkpoint`: {error}") from None
    return text


class Command(BaseCommand):
    help = "Verify the public log, save its latest checkpoint, or export it."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True,
                                         metavar="{verify,checkpoint,export,verify-document,witness,audit}")
        check = commands.add_parser(
            "verify", help="recompute and check the whole log",
            description="Check the log in the database, in an export FILE or at a server's --url: every entry, "
                        "hash, act signature and checkpoint. Exit 0 when sound, 1 when damaged, 2 on bad input.")
        check.add_argument("file", nargs="?", metavar="FILE", help="an export written by `accord ledger export`")
        check.add_argument("--url", help="a running Accord server, such as https://accord.example.org")
        check.add_argument("--since", metavar="CHECKPOINT_FILE",
                           help="a checkpoint you saved earlier: the log must extend it, not fork from it")
        check.add_argument("--key", metavar="VKEY_OR_FILE",
                           help="the log's public key as you know it (otherwise the source's own is trusted)")
        check.add_argument("--witness", action="append", default=[], metavar="VKEY_OR_FILE",
                           help="a witness you trust (its cosignature/v1 key); repeat for each witness")
        check.add_argument("--quorum", type=int, metavar="K",
                           help="how many of the --witness keys must have cosigned a checkpoint of this log "
                                "(default: all of them)")
        check.add_argument("--cosigned", action="append", default=[], metavar="FILE",
                           help="a cosigned checkpoint you fetched from a witness itself "
                                "(GET <witness>/<origin hash>/checkpoint); repeatable")
        check.add_argument("--quiet", action="store_true", help="no progress bar")
        witness = commands.add_parser(
            "witness", help="submit the latest checkpoint to the charter's witnesses now",
            description="Submit the latest checkpoint to each witness the charter names that has not cosigned "
                        "it yet, and print what each answered. The server does this itself after each act; "
                        "this is for a first submission, a check, or a server run with "
                        "ACCORD_WITNESS_SUBMISSION=manual (from cron). Exit 1 if a witness did not cosign.")
        witness.add_argument("--status", action="store_true", help="only print what each witness last cosigned")
        save = commands.add_parser("checkpoint", help="print or save the latest signed checkpoint",
                                   description="The latest checkpoint, a signed note to keep for a later "
                                               "`accord ledger verify --since`.")
        save.add_argument("--output", metavar="FILE", help="save it to FILE instead of printing it")
        export = commands.add_parser("export", help="write the public log to a file",
                                     description="Write the public log (entries, checkpoints, public key) "
                                                 "as one JSON file that `accord ledger verify FILE` checks.")
        export.add_argument("file", metavar="FILE", help="where to write; - for standard output")
        export.add_argument("--quiet", action="store_true", help="no progress bar")
        document = commands.add_parser(
            "verify-document", help="check a document PDF printed by Accord against this ledger",
            description="Check a signed document's PDF whole against a copy of the log: every line of every "
                        "page must be what the log says the document prints (title, texts, each signature "
                        "block), and its checkpoint, entries and signatures must stand. The log is an export "
                        "FILE (--log), a server (--url) or, by default, this database. Reads only; writes "
                        "nothing. Exit 0 when it stands, 1 if not, 2 on bad input.")
        document.add_argument("file", metavar="FILE.pdf")
        document.add_argument("--log", metavar="EXPORT", help="an export written by `accord ledger export`")
        document.add_argument("--url", help="a running Accord server, such as https://accord.example.org")
        document.add_argument("--key", metavar="VKEY_OR_FILE",
                              help="the log's public key as you know it; required with --log or --url")
        state = commands.add_parser(
            "audit", help="replay the log into a scratch database and compare every domain table with this one",
            description="The same as `accord audit`: every act run again through its action, every domain table "
                        "compared row by row. Exit 0 when identical, 1 when anything differs.")
        state.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "verify":
            self.verify(options["file"], url=options["url"], since=options["since"], key=options["key"],
                        quiet=options["quiet"], witnesses=options["witness"], quorum=options["quorum"],
                        cosigned=options["cosigned"])
        elif subcommand == "verify-document":
            self.verify_document(options["file"], export=options["log"], url=options["url"], key=options["key"])
        elif subcommand == "audit":
            # By name: the replay runs every app's actions, which the ledger itself knows nothing about.
            call_command("audit", quiet=options["quiet"], stdout=self.stdout)
        elif subcommand == "checkpoint":
            self.checkpoint(options["output"])
        elif subcommand == "witness":
            self.witness(status_only=options["status"])
        else:
            self.export(options["file"], quiet=options["quiet"])

    @staticmethod
    def _progress(unit: str, quiet: bool) -> Callable[[Iterable[T], int], Iterable[T]]:
        """A progress bar on standard error, shown only to a person watching a terminal."""

        def bar(items: Iterable[T], total: int) -> Iterable[T]:
            return tqdm(items, total=total, unit=unit, file=sys.stderr, leave=False,
                        disable=quiet or not sys.stderr.isatty())

        return bar

    def verify(
        self, file: str | None, *, url: str | None, since: str | None, key: str | None, quiet: bool,
        witnesses: Sequence[str] = (), quorum: int | None = None, cosigned: Sequence[str] = (),
    ) -> None:
        if file and url:
            raise _bad_input("give an export FILE or a --url, not both")
        pinned = _pinned_key(key) if key else None
        stored = _stored_checkpoint(since) if since else None
        witness_keys = _witness_keys(list(witnesses))
        required = _quorum(quorum, witness_keys)
        if cosigned and not witness_keys:
            raise _bad_input("--cosigned needs the witnesses' keys: give each with --witness")
        fetched = [_cosigned_checkpoint(path) for path in cosigned]
        source: Source
        extra: Extra | None = None
        if url:
            source = UrlSource(url)
        elif file:
            try:
                source = FileSource(file)
            except OSError as error:
                raise _bad_input(f"cannot read {file}: {error.strerror}") from None
            except ValueError as error:
                raise _bad_input(f"{file} is not an Accord log export: {error}") from None
        else:
            if not log.size():
                raise _bad_input("the log is empty: no checkpoint has been signed yet")
            database = source = DatabaseSource(pinned)
            extra = database.checks(self._progress("checkpoint", quiet))
        if witness_keys:
            extra = _both(extra, witness_check(source, witness_keys, required, pinned, fetched))
        found: str | None = None
        try:
            report = verify(source, pinned_vkey=pinned, since=stored, extra=extra,
                            progress=self._progress("entry", quiet))
        except Damage as damage:
            # Exit only once the exception, and the half-read rows it holds, are let go.
            found = str(damage)
        except EmptyLog as error:
            raise _bad_input(str(error)) from None
        except FileNotFoundError as error:  # the database's key file
            raise _bad_input(f"{error}: pass the log's public key with --key") from None
        except KeyError as error:
            raise _bad_input(f"{file} is not a complete Accord log export: it has no {error}") from None
        except (ValueError, IndexError) as error:  # a server's answer that is not the log API's
            raise _bad_input(f"{url or file} does not serve an Accord log: {error}") from None
        except httpx.HTTPError as error:
            raise _bad_input(f"cannot read the log from {url}: {error}") from None
        if found is not None:
            self.stdout.write(f"damaged: {found}")
            sys.exit(1)
        summary = report.summary()
        if pinned is None:
            summary += f"; the log key was taken from {source.description}, not pinned (pass --key)"
        if stored is None and not witness_keys:
            # A log cut back to an earlier size and written on from there is as sound as any other: only a
            # checkpoint seen earlier, kept by the auditor or cosigned by witnesses, shows it.
            summary += ("; neither a checkpoint of yours (--since) nor a witness quorum (--witness) was checked, "
                        "so a rollback of the newest entries, or another history shown to others, cannot be "
                        "excluded")
        self.stdout.write(summary)

    def verify_document(self, file: str, *, export: str | None = None, url: str | None = None,
                        key: str | None = None) -> None:
        # The one place the ledger's command reaches into an app: documents embed their proofs.
        from accord_verify.checking import LogCopy, check_pdf

        if export and url:
            raise _bad_input("give an export with --log or a --url, not both")
        if (export or url) and not key:
            raise _bad_input("--key is required with --log or --url: the log key you know, not the one the "
                             "copy presents")
        pinned = _pinned_key(key) if key else None
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise _bad_input(f"cannot read {file}: {error.strerror}") from None
        source: Source
        try:
            if url:
                source = UrlSource(url)
            elif export:
                source = FileSource(export)
            else:
                source = DatabaseSource(pinned)
            vkey = pinned or source.vkey()
            latest = source.checkpoint()
            # The entries are read as the check goes, once: a large log is never held whole.
            copy = LogCopy(checkpoint=latest, entries=source.entries(), description=source.description)
            report = check_pdf(data, vkey=vkey, log=copy)
        except OSError as error:  # an unreadable export, or the database's missing key file
            raise _bad_input(f"cannot read the log: {getattr(error, 'strerror', None) or error}") from None
        except EmptyLog as error:
            raise _bad_input(str(error)) from None
        except (KeyError, ValueError, IndexError) as error:
            raise _bad_input(f"{export or url} is not an Accord log: {error}") from None
        except httpx.HTTPError as error:
            raise _bad_input(f"cannot read the log from {url}: {error}") from None
        for check in report.checks:
            self.stdout.write(f"ok: {check}")
        for problem in report.problems:
            self.stdout.write(f"damaged: {problem}")
        if not report.ok:
            sys.exit(1)
        self.stdout.write(f"verified: document {report.data.get('document')}, version "
                          f"{report.data.get('version')}, {report.data.get('hash')}")

    def checkpoint(self, output: str | None) -> None:
        latest = log.latest_checkpoint()
        if latest is None:
            raise _bad_input("the log is empty: no checkpoint has been signed yet")
        if output is None:
            self.stdout.write(latest.note, ending="")
            return
        try:
            Path(output).write_text(latest.note, encoding="utf-8")
        except OSError as error:
            raise _bad_input(f"cannot write {output}: {error.strerror}") from None
        self.stdout.write(f"Saved the checkpoint of size {latest.size} to {output}; keep it for "
                          f"`accord ledger verify --since {output}`.")

    def export(self, file: str, *, quiet: bool) -> None:
        latest = log.latest_checkpoint()
        if latest is None:
            raise _bad_input("the log is empty: there is nothing to export")
        try:
            vkey = stored_vkey()
        except OSError as error:
            raise _bad_input(str(error)) from None
        size = latest.size  # what the latest checkpoint covers, even if the log grows meanwhile
        checkpoints = Checkpoint.objects.filter(size__lte=size).order_by("size").values_list("note", flat=True)
        data = Entry.objects.filter(seq__lt=size).order_by("seq").values_list("data", flat=True)
        progress = self._progress("entry", quiet)
        document = export_document(vkey, latest.note, checkpoints.iterator(chunk_size=2000),
                                   progress(data.iterator(chunk_size=2000), size),
                                   cosigned=witnessing.cosigned_notes(up_to=size))
        try:
            if file == "-":
                for chunk in document:
                    self.stdout.write(chunk, ending="")
            else:
                with open(file, "w", encoding="utf-8") as handle:
                    handle.writelines(document)
        except OSError as error:
            raise _bad_input(f"cannot write {file}: {error.strerror}") from None
        # On standard error when the export itself goes to standard output.
        said = self.stderr if file == "-" else self.stdout
        said.write(f"Wrote {size} entries and their checkpoints to {'standard output' if file == '-' else file}.")

    def witness(self, *, status_only: bool) -> None:
        witnesses = witnessing.configured()
        if not witnesses:
            raise _bad_input("the charter names no witnesses (the secretariat sets them: set_log_witnesses)")
        if status_only:
            for endpoint in witnesses:
                size = witnessing.last_cosigned_size(endpoint.key.vkey)
                self.stdout.write(f"{endpoint.key.name} ({endpoint.url}): last cosigned size {size}")
            return
        outcomes = witnessing.submit_latest()
        for outcome in outcomes:
            self.stdout.write(str(outcome))
        if not outcomes:
            self.stdout.write("every witness has cosigned the latest checkpoint already")
        if any(not outcome.ok for outcome in outcomes):
            sys.exit(1)
