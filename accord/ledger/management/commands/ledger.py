"""`accord ledger`: verify the log (the database, an export or a server), save a checkpoint, export the log."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.core.startup import CHECKS_BUT_URLS
from accord.ledger import log, witnessing
from accord.ledger.models import Checkpoint, Entry
from accord.ledger.sources import DatabaseSource, EmptyLog, stored_vkey
from accord_verify import cli
from accord_verify.verify import Source, export_document


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Verify the public log, save its latest checkpoint, or export it."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True,
                                         metavar="{verify,checkpoint,export,verify-document,witness,audit}")
        check = commands.add_parser(
            "verify", help="recompute and check the whole log",
            description="Check the log in the database, in an export FILE or at a server's --url: every entry, "
                        "hash, act signature and checkpoint. Exit 0 when sound, 1 when damaged, 2 on bad input.")
        cli.add_log_arguments(check)
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
        cli.add_document_arguments(document, key_required=False)
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

    def verify(
        self, file: str | None, *, url: str | None, since: str | None, key: str | None, quiet: bool,
        witnesses: Sequence[str] = (), quorum: int | None = None, cosigned: Sequence[str] = (),
    ) -> None:
        if file and url:
            raise _bad_input("give an export FILE or a --url, not both")
        try:
            request = cli.LogCheck.of(key=key, since=since, witness=witnesses, quorum=quorum, cosigned=cosigned)
            extra: cli.Extra | None = None
            source: Source
            if url or file:
                source = cli.open_source(file, url)
            else:
                if not log.size():
                    raise _bad_input("the log is empty: no checkpoint has been signed yet")
                database = source = DatabaseSource(request.pinned)
                extra = database.checks(cli.progress("checkpoint", quiet))
            status = cli.check_log(source, request, self.stdout.write, quiet=quiet, extra=extra)
        except cli.BadInput as error:
            raise _bad_input(str(error)) from None
        except EmptyLog as error:
            raise _bad_input(str(error)) from None
        except FileNotFoundError as error:  # the database's key file
            raise _bad_input(f"{error}: pass the log's public key with --key") from None
        if status:
            sys.exit(status)

    def verify_document(self, file: str, *, export: str | None = None, url: str | None = None,
                        key: str | None = None) -> None:
        if export and url:
            raise _bad_input("give an export with --log or a --url, not both")
        if (export or url) and not key:
            raise _bad_input("--key is required with --log or --url: the log key you know, not the one the "
                             "copy presents")
        try:
            pinned = cli.pinned_key(key) if key else None
            data = cli.read_pdf(file)
            source = cli.open_source(export, url) if export or url else DatabaseSource(pinned)
            status = cli.check_document(data, source, pinned, self.stdout.write)
        except cli.BadInput as error:
            raise _bad_input(str(error)) from None
        except OSError as error:  # the database's missing key file
            raise _bad_input(f"cannot read the log: {getattr(error, 'strerror', None) or error}") from None
        except EmptyLog as error:
            raise _bad_input(str(error)) from None
        if status:
            sys.exit(status)

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
        progress = cli.progress("entry", quiet)
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
