"""`accord backup` and `accord restore`: a consistent copy that restores and verifies; an older one restored
is a rollback that a member's newer checkpoint shows (`accord ledger verify --checkpoint`)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from ledger_acts import Acts
from test_verify import damaged, ledger, sound

from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions


@pytest.fixture(autouse=True)
def client_programs() -> None:
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore (PostgreSQL's client programs) are not installed")


def run(command: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_it_backs_up_restores_and_verifies(committed_acts: Acts, tmp_path: Path) -> None:
    file = tmp_path / "accord.backup"
    code, out, err = run("backup", str(file))
    assert code == 0, out + err
    assert file.is_file()
    assert not list(tmp_path.glob("*.partial"))
    assert "log key is not in this backup" in out
    assert err  # the progress, on standard error
    code, out, err = run("restore", str(file), "--replace", "--quiet")
    assert code == 0, out + err
    assert f"a log of {committed_acts.size} entries" in out
    assert f"ok: {committed_acts.size} entries;" in out
    assert log.size() == committed_acts.size
    sound(ledger("verify"), committed_acts.size)


def test_it_refuses_to_restore_over_acts_without_replace(committed_acts: Acts, tmp_path: Path) -> None:
    file = tmp_path / "accord.backup"
    assert run("backup", str(file), "--quiet")[0] == 0
    actions.add_member(actor=Actor.console(), code="TJK", acceded_on="1993-12-31")
    code, _out, err = run("restore", str(file))
    assert code == 2
    assert f"holds acts (a log of {committed_acts.size + 1} entries)" in err
    assert "--replace" in err
    assert log.size() == committed_acts.size + 1


def test_an_older_backup_restored_is_a_rollback_to_a_newer_checkpoint(committed_acts: Acts,
                                                                     tmp_path: Path) -> None:
    older = tmp_path / "older.backup"
    assert run("backup", str(older), "--quiet")[0] == 0
    actions.add_member(actor=Actor.console(), code="TJK", acceded_on="1993-12-31")
    newer = tmp_path / "newer.checkpoint"
    assert ledger("checkpoint", "--output", str(newer))[0] == 0
    code, out, err = run("restore", str(older), "--replace", "--quiet")
    assert code == 0, out + err  # sound on its own: only a checkpoint kept elsewhere shows what was lost
    assert log.size() == committed_acts.size
    damaged(ledger("verify", "--checkpoint", str(newer)), None, "rollback:", "its history was cut")
    # Written on from there, the restored log forks from the newer checkpoint: still told.
    actions.add_member(actor=Actor.console(), code="UZB", acceded_on="1992-05-15")
    damaged(ledger("verify", "--checkpoint", str(newer)), None, "rollback or fork:")


def test_it_refuses_what_is_not_a_backup(committed_acts: Acts, tmp_path: Path) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup" * 100)
    code, _out, err = run("restore", str(junk), "--replace")
    assert code == 1
    assert "junk.backup" in err
    assert log.size() == committed_acts.size
    assert run("restore", str(tmp_path / "missing"))[0] == 2
    assert run("backup", str(tmp_path / "no" / "such" / "folder.backup"))[0] == 2
