"""`accord ledger verify`, `checkpoint` and `export`: a sound log passes in one line, each damage is named."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from ledger_acts import Acts, private_key
from nacl.signing import SigningKey as PrivateKey
from pytest_django import Settings

from accord.core.acting import Actor
from accord.ledger import log
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint, Entry, Head, Node, Sealed
from accord.members import actions
from accord_verify import entries, merkle, note

ACCORD = Path(sys.executable).parent / "accord"


def ledger(*args: str) -> tuple[int, str, str]:
    """Run `accord ledger ARGS` in this process: its exit status, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ledger", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue(), err.getvalue()
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def sound(result: tuple[int, str, str], size: int) -> str:
    code, out, err = result
    assert code == 0, out + err
    assert out.startswith(f"ok: {size} entries;"), out
    assert out.count("\n") == 1, out  # one line
    return out


def damaged(result: tuple[int, str, str], seq: int | None, *words: str) -> str:
    code, out, err = result
    assert code == 1, out + err
    assert out.count("\n") == 1, out
    assert out.startswith("damaged: " + (f"entry #{seq}: " if seq is not None else "")), out
    for word in words:
        assert word in out, out
    return out


def refused(result: tuple[int, str, str], *words: str) -> None:
    code, out, err = result
    assert code == 2, out + err
    assert out == ""
    for word in words:
        assert word in err, err


def export(tmp_path: Path, name: str = "log.json") -> Path:
    path = tmp_path / name
    code, out, _ = ledger("export", str(path))
    assert code == 0
    assert out.startswith("Wrote ")
    return path


def edit_export(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    return path


def data_of(seq: int) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(Entry.objects.get(seq=seq).data)
    return parsed


def tamper(seq: int, change: Callable[[dict[str, Any]], None]) -> None:
    """Change an entry behind the log's back, as someone with the database (not the log key) can."""
    parsed = data_of(seq)
    change(parsed)
    Entry.objects.filter(seq=seq).update(data=entries.canonical(parsed).decode())


def rewrite_history(seq: int, change: Callable[[dict[str, Any]], None]) -> None:
    """The host rewrites an entry and, holding the log key, re-derives and re-signs everything after it."""
    tamper(seq, change)
    tree = merkle.MemoryTree()
    for data in Entry.objects.order_by("seq").values_list("data", flat=True):
        tree.append(merkle.leaf_hash(data.encode()))
    for key in Node.objects.values_list("key", flat=True):
        level, index = key >> Node.INDEX_BITS, key & ((1 << Node.INDEX_BITS) - 1)
        Node.objects.filter(key=key).update(hash=tree.lookup(level, index))
    signer = log_key()
    for size in Checkpoint.objects.values_list("size", flat=True):
        root = merkle.root_hash(size, tree.lookup)
        body = note.checkpoint_body(settings.LOG_ORIGIN, size, root)
        Checkpoint.objects.filter(size=size).update(root=root, note=note.sign_note(body, signer.name,
                                                                                  signer.signing_key))
    levels = [level for level in reversed(range(tree.size.bit_length())) if tree.size >> level & 1]
    Head.objects.filter(pk=1).update(
        frontier=b"".join(tree.lookup(level, (tree.size >> level) - 1) for level in levels))


def forged_checkpoint(size: int, root: bytes, key: PrivateKey) -> str:
    """A checkpoint under the log's own name, signed by a key that is not the log's."""
    return note.sign_note(note.checkpoint_body(settings.LOG_ORIGIN, size, root), settings.LOG_ORIGIN, key)


def change_body(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(parsed: dict[str, Any]) -> None:
        parsed["statement"]["body"][name] = value

    return change


# The sound log, from each source.


def test_it_passes_a_sound_database_in_one_line(acts: Acts) -> None:
    out = sound(ledger("verify"), acts.size)
    assert f"checkpoint of size {acts.size}" in out
    assert "3 act signatures and 0 document signatures checked" in out
    assert "1 sealed acts opened and their 1 signatures checked" in out
    assert f"the stored columns of {acts.size} entries" in out
    assert f"{acts.size} stored checkpoints (one per entry)" in out
    assert "not pinned" in out


def test_it_passes_a_sound_database_with_the_key_pinned_from_a_file(acts: Acts, tmp_path: Path) -> None:
    key_file = tmp_path / "log.vkey"
    key_file.write_text(log_key().vkey + "\n")
    out = sound(ledger("verify", "--key", str(key_file), "--quiet"), acts.size)
    assert "not pinned" not in out
    out = sound(ledger("verify", "--key", log_key().vkey), acts.size)
    assert "not pinned" not in out


def test_it_passes_a_sound_export(acts: Acts, tmp_path: Path) -> None:
    path = export(tmp_path)
    document = json.loads(path.read_text())
    assert len(document["entries"]) == len(document["checkpoints"]) == acts.size
    assert document["vkey"] == log_key().vkey
    assert document["checkpoint"] == Checkpoint.objects.latest("size").note
    out = sound(ledger("verify", str(path), "--key", log_key().vkey), acts.size)
    assert "stored Merkle nodes" not in out  # those are the database's own checks
    # An export is public: it holds no sealed content, and says so.
    assert "1 sealed acts not opened" in out
    assert "opened and their" not in out
    exported = document["entries"][acts.sealed]
    for hidden in (acts.sealed_text, "arm.head", "ARM", "secretariat", acts.first_key_id, "actor", "audience"):
        assert hidden not in exported, hidden


def test_it_exports_to_standard_output(acts: Acts) -> None:
    code, out, err = ledger("export", "-")
    assert code == 0
    assert json.loads(out)["entries"] == list(Entry.objects.order_by("seq").values_list("data", flat=True))
    assert f"Wrote {acts.size} entries" in err


def test_it_passes_a_sound_server(committed_acts: Acts, live_server: Any) -> None:
    out = sound(ledger("verify", "--url", live_server.url, "--key", log_key().vkey), committed_acts.size)
    assert "3 act signatures and 0 document signatures checked" in out


def test_it_names_an_entry_changed_on_the_server(committed_acts: Acts, live_server: Any) -> None:
    tamper(6, change_body("full_name", "Someone Else"))
    damaged(ledger("verify", "--url", live_server.url), 6, "differs from what the log key signed")


def test_it_is_consistent_with_a_checkpoint_saved_earlier(acts: Acts, tmp_path: Path) -> None:
    saved = tmp_path / "mine.checkpoint"
    code, out, _ = ledger("checkpoint", "--output", str(saved))
    assert (code, f"size {acts.size}" in out) == (0, True)
    actions.add_member(actor=Actor.console(), code="TJK", acceded_on="1992-05-15")
    out = sound(ledger("verify", "--since", str(saved)), acts.size + 1)
    assert f"consistent with your checkpoint of size {acts.size}" in out
    out = sound(ledger("verify", str(export(tmp_path)), "--since", str(saved)), acts.size + 1)
    assert f"consistent with your checkpoint of size {acts.size}" in out


def test_it_prints_the_latest_checkpoint(acts: Acts) -> None:
    code, out, _ = ledger("checkpoint")
    assert code == 0
    assert out == Checkpoint.objects.latest("size").note
    signed = note.open_note(out, [note.parse_vkey(log_key().vkey)])
    assert note.parse_checkpoint(signed.body).size == acts.size


# Damage, each named.


def test_it_names_an_entry_whose_data_was_changed(acts: Acts) -> None:
    tamper(5, change_body("full_name", "Someone Else"))
    damaged(ledger("verify"), 5, "differs from what the log key signed", "changed after it was logged")


def test_it_names_an_entry_edited_out_of_canonical_form(acts: Acts) -> None:
    Entry.objects.filter(seq=4).update(data=json.dumps(data_of(4), indent=1))
    damaged(ledger("verify"), 4, "canonical form")


def test_it_names_where_an_entry_was_removed(acts: Acts, tmp_path: Path) -> None:
    path = edit_export(export(tmp_path), lambda document: document["entries"].pop(4))
    damaged(ledger("verify", str(path)), 4, "holds sequence number 5", "removed")


def test_it_names_the_last_entries_removed(acts: Acts, tmp_path: Path) -> None:
    path = edit_export(export(tmp_path), lambda document: document["entries"].pop())
    damaged(ledger("verify", str(path)), acts.size - 1, "were removed")


def test_it_names_where_two_entries_were_reordered(acts: Acts, tmp_path: Path) -> None:
    def swap(document: dict[str, Any]) -> None:
        rows = document["entries"]
        rows[6], rows[7] = rows[7], rows[6]

    damaged(ledger("verify", str(edit_export(export(tmp_path), swap))), 6, "holds sequence number 7")


def _forged_entry(seq: int) -> str:
    forged = json.loads(Entry.objects.get(seq=1).data)
    forged["seq"] = seq
    forged["statement"]["body"]["code"] = "GEO"
    forged["statement"]["nonce"] = entries.new_nonce()
    return entries.canonical(forged).decode()


def test_it_names_an_entry_inserted_under_the_number_of_the_next(acts: Acts, tmp_path: Path) -> None:
    path = edit_export(export(tmp_path), lambda document: document["entries"].insert(6, _forged_entry(6)))
    damaged(ledger("verify", str(path)), 6, "inserted")


def test_it_names_an_entry_inserted_with_those_after_it_renumbered(acts: Acts, tmp_path: Path) -> None:
    def insert(document: dict[str, Any]) -> None:
        rows = [json.loads(text) for text in document["entries"][6:]]
        for row in rows:
            row["seq"] += 1
        document["entries"][6:] = [_forged_entry(6), *(entries.canonical(row).decode() for row in rows)]

    path = edit_export(export(tmp_path), insert)
    damaged(ledger("verify", str(path)), 6, "differs from what the log key signed")


def test_it_names_an_entry_appended_without_a_checkpoint(acts: Acts, tmp_path: Path) -> None:
    path = edit_export(export(tmp_path), lambda document: document["entries"].append(_forged_entry(acts.size)))
    damaged(ledger("verify", str(path)), acts.size, "not covered by the latest checkpoint")


def test_it_refuses_a_checkpoint_signed_by_another_key(acts: Acts) -> None:
    other = private_key("not the log key")
    forged = forged_checkpoint(acts.size, log.root_at(acts.size), other)
    Checkpoint.objects.filter(size=acts.size).update(note=forged)
    damaged(ledger("verify"), None, "the latest checkpoint is not a checkpoint signed by the log key",
            "no signature from a known key")


def test_it_refuses_a_log_re_signed_by_another_key_when_the_key_is_pinned(acts: Acts, tmp_path: Path) -> None:
    other = private_key("not the log key")

    def forge(document: dict[str, Any]) -> None:
        rows = [json.loads(text) for text in document["entries"]]
        rows[3]["statement"]["body"]["acceded_on"] = "2000-01-01"
        document["entries"] = [entries.canonical(row).decode() for row in rows]
        tree = merkle.MemoryTree()
        for text in document["entries"]:
            tree.append(merkle.leaf_hash(text.encode()))
        document["checkpoint"] = forged_checkpoint(tree.size, tree.root(), other)
        document["vkey"] = note.format_vkey(settings.LOG_ORIGIN, bytes(other.verify_key))
        document["checkpoints"] = []

    path = edit_export(export(tmp_path), forge)
    damaged(ledger("verify", str(path), "--key", log_key().vkey), None, "different log key")
    # Trusting the key the file carries, the forgery passes: which is why the summary says so.
    out = sound(ledger("verify", str(path)), acts.size)
    assert "not pinned" in out


def test_it_refuses_a_latest_checkpoint_whose_root_was_altered(acts: Acts, tmp_path: Path) -> None:
    def alter(document: dict[str, Any]) -> None:
        lines = document["checkpoint"].split("\n")
        lines[2] = entries.b64(log.root_at(acts.size - 1))
        document["checkpoint"] = "\n".join(lines)

    path = edit_export(export(tmp_path), alter)
    damaged(ledger("verify", str(path)), None, "the latest checkpoint", "does not verify")


def test_it_refuses_an_earlier_stored_checkpoint_whose_root_was_altered(acts: Acts) -> None:
    row = Checkpoint.objects.get(size=5)
    lines = row.note.split("\n")
    lines[2] = entries.b64(log.root_at(4))
    Checkpoint.objects.filter(size=5).update(note="\n".join(lines))
    damaged(ledger("verify"), None, "the stored checkpoint of size 5 does not verify")


def test_it_refuses_a_stored_checkpoint_root_that_is_not_the_signed_one(acts: Acts) -> None:
    Checkpoint.objects.filter(size=7).update(root=log.root_at(6))
    damaged(ledger("verify"), None, "the stored checkpoint of size 7 stores a root hash that is not the one")


def test_it_refuses_a_history_that_forks_from_a_checkpoint_saved_earlier(acts: Acts, tmp_path: Path) -> None:
    saved = tmp_path / "mine.checkpoint"
    assert ledger("checkpoint", "--output", str(saved))[0] == 0
    actions.add_member(actor=Actor.console(), code="TJK", acceded_on="1992-05-15")
    rewrite_history(3, change_body("acceded_on", "2001-01-01"))
    # Re-signed with the log key, the rewritten log is sound in itself: only the saved checkpoint shows it.
    sound(ledger("verify"), acts.size + 1)
    damaged(ledger("verify", "--since", str(saved)), None, "forks from your stored checkpoint")
    damaged(ledger("verify", str(export(tmp_path)), "--since", str(saved)), None, "forks")


def test_it_refuses_a_history_cut_below_a_checkpoint_saved_earlier(acts: Acts, tmp_path: Path) -> None:
    saved = tmp_path / "mine.checkpoint"
    assert ledger("checkpoint", "--output", str(saved))[0] == 0
    path = export(tmp_path)

    def cut(document: dict[str, Any]) -> None:
        del document["entries"][-2:]
        document["checkpoint"] = Checkpoint.objects.get(size=acts.size - 2).note

    damaged(ledger("verify", str(edit_export(path, cut)), "--since", str(saved)), None, "history was cut")


def test_it_names_the_entries_under_an_altered_merkle_node(acts: Acts) -> None:
    Node.objects.filter(key=Node.key_of(1, 3)).update(hash=bytes(32))
    damaged(ledger("verify"), 6, "the stored Merkle node over entries #6 to #7 differs")


def test_it_names_the_entries_under_a_missing_merkle_node(acts: Acts) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Node._meta.db_table} WHERE key = %s", [Node.key_of(2, 1)])
    damaged(ledger("verify"), 4, "the stored Merkle node over entries #4 to #7 is missing")


def sealed_content(seq: int) -> dict[str, Any]:
    content: dict[str, Any] = json.loads(Sealed.objects.get(entry_id=seq).content)
    return content


def reseal(seq: int, change: Callable[[dict[str, Any]], None]) -> None:
    """The host, holding the database and the log key, changes a sealed act and makes its entry commit to
    the change: the commitment then opens, and the log's hashes and checkpoints agree."""
    row = Sealed.objects.get(entry_id=seq)
    content = sealed_content(seq)
    change(content)
    Sealed.objects.filter(entry_id=seq).update(content=entries.canonical(content).decode())
    commitment = entries.commitment(row.salt, content)
    rewrite_history(seq, lambda parsed: parsed["statement"].update(commitment=commitment))


def test_it_names_an_entry_whose_sealed_content_was_altered(acts: Acts) -> None:
    content = sealed_content(acts.sealed)
    content["statement"]["body"] = {"text": "all members"}
    Sealed.objects.filter(entry_id=acts.sealed).update(content=entries.canonical(content).decode())
    damaged(ledger("verify"), acts.sealed, "sealed content does not open the commitment")


def test_it_names_a_sealed_entry_changed_behind_the_logs_back_as_changed(acts: Acts) -> None:
    tamper(acts.sealed, lambda parsed: parsed["statement"].update(commitment="sha256:" + "0" * 64))
    damaged(ledger("verify"), acts.sealed, "differs from what the log key signed", "changed after it was logged")


def test_it_names_a_sealed_act_whose_statement_was_changed_and_recommitted(acts: Acts) -> None:
    reseal(acts.sealed, lambda content: content["statement"]["body"].update(text="all members"))
    damaged(ledger("verify"), acts.sealed, "its sealed statement: the signature by key", "does not verify")


def test_it_names_a_sealed_act_whose_signature_was_forged(acts: Acts) -> None:
    stranger = private_key("stranger")

    def forge(content: dict[str, Any]) -> None:
        # Signed by a key the log never registered, but named as arm.head's first key.
        line = entries.sign_statement(content["statement"], stranger)
        content["signatures"] = [{"key": acts.first_key_id, "sig": line["sig"]}]

    reseal(acts.sealed, forge)
    damaged(ledger("verify"), acts.sealed, f"the signature by key {acts.first_key_id} does not verify")


def test_it_names_a_sealed_act_resigned_by_a_key_never_registered(acts: Acts) -> None:
    stranger = private_key("stranger")
    reseal(acts.sealed, lambda content: content.update(
        signatures=[entries.sign_statement(content["statement"], stranger)]))
    damaged(ledger("verify"), acts.sealed, "signed with an unknown key")


def test_it_names_a_sealed_statement_that_says_another_type_than_its_entry(acts: Acts) -> None:
    reseal(acts.sealed, lambda content: content["statement"].update(type="test.other_note"))
    damaged(ledger("verify"), acts.sealed, "its sealed statement's type differs from the entry's")


def test_it_names_a_sealed_act_whose_stored_member_or_audience_was_changed(acts: Acts) -> None:
    Sealed.objects.filter(entry_id=acts.sealed).update(member="KAZ")
    damaged(ledger("verify"), acts.sealed, "stored beside its sealed content differs")
    Sealed.objects.filter(entry_id=acts.sealed).update(member="ARM", audience=["ARM", "KAZ", "secretariat"])
    damaged(ledger("verify"), acts.sealed, "stored beside its sealed content differs")


def test_it_names_a_sealed_act_whose_content_is_missing(acts: Acts) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Sealed._meta.db_table} WHERE entry_id = %s", [acts.sealed])
    damaged(ledger("verify"), acts.sealed, "sealed content (behind the commitment) is missing")


def test_it_refuses_a_head_that_disagrees_with_the_entries(acts: Acts) -> None:
    Head.objects.filter(pk=1).update(frontier=bytes(32))
    damaged(ledger("verify"), None, "the head's right edge")


def test_it_names_an_act_whose_signature_does_not_verify(acts: Acts) -> None:
    def forge(parsed: dict[str, Any]) -> None:
        parsed["signatures"][0]["sig"] = entries.b64(bytes(64))

    rewrite_history(acts.signed, forge)
    damaged(ledger("verify"), acts.signed, "does not verify")


def test_it_names_an_act_signed_with_a_key_revoked_earlier(acts: Acts) -> None:
    def resign(parsed: dict[str, Any]) -> None:
        parsed["signatures"] = [entries.sign_statement(parsed["statement"], acts.first_key)]

    rewrite_history(acts.signed_after_revocation, resign)
    first_key = entries.key_id_of(bytes(acts.first_key.verify_key))
    damaged(ledger("verify"), acts.signed_after_revocation, f"signed with a revoked key {first_key}")


def test_it_names_an_act_signed_by_a_key_never_registered(acts: Acts) -> None:
    stranger = private_key("stranger")

    def resign(parsed: dict[str, Any]) -> None:
        parsed["signatures"] = [entries.sign_statement(parsed["statement"], stranger)]

    rewrite_history(acts.signed, resign)
    stranger_key = entries.key_id_of(bytes(stranger.verify_key))
    damaged(ledger("verify"), acts.signed, f"signed with an unknown key {stranger_key}")


# Bad input: exit status 2, one clear line on standard error.


def test_it_refuses_input_it_cannot_read(acts: Acts, tmp_path: Path) -> None:
    refused(ledger("verify", str(tmp_path / "missing.json")), "cannot read", "missing.json")
    (tmp_path / "junk.json").write_text("{not json")
    refused(ledger("verify", str(tmp_path / "junk.json")), "is not an Accord log export")
    (tmp_path / "other.json").write_text(json.dumps({"format": "something else"}))
    refused(ledger("verify", str(tmp_path / "other.json")), "is not an Accord log export")
    refused(ledger("verify", "--since", str(tmp_path / "missing.checkpoint")), "cannot read the checkpoint file")
    (tmp_path / "junk.checkpoint").write_text("hello\n\nworld\n")
    refused(ledger("verify", "--since", str(tmp_path / "junk.checkpoint")), "is not a checkpoint")
    refused(ledger("verify", "--key", "not-a-key"), "--key is not a log key")
    refused(ledger("verify", str(tmp_path / "x.json"), "--url", "http://127.0.0.1:9"), "not both")
    refused(ledger("export", str(tmp_path / "no" / "such" / "dir.json")), "cannot write")


def test_it_refuses_a_server_it_cannot_reach(acts: Acts) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    refused(ledger("verify", "--url", url), f"cannot read the log from {url}")


@pytest.mark.django_db
def test_it_refuses_an_empty_log() -> None:
    refused(ledger("verify"), "the log is empty")
    refused(ledger("checkpoint"), "the log is empty")
    refused(ledger("export", "-"), "the log is empty")


def test_it_asks_for_the_key_where_the_database_has_no_key_file(
        acts: Acts, tmp_path: Path, settings: Settings) -> None:
    vkey = log_key().vkey
    settings.LOG_KEY_FILE = tmp_path / "absent.key"
    refused(ledger("verify"), "does not exist", "--key")
    sound(ledger("verify", "--key", vkey), acts.size)


# The real console script, so that the exit statuses are the process's own.


def test_the_accord_command_exits_with_the_verdict(tmp_path: Path) -> None:
    env = {**os.environ, "ACCORD_VAR_DIR": str(tmp_path), "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
           "ACCORD_LOG_KEY_FILE": str(tmp_path / "log.key")}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    # The timeout only stops a command that hangs: `accord migrate` took over 120 s on a machine shared at load
    # 10 (6 December 2026), where it takes 40 s alone.
    def accord(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(ACCORD), *args], env=env, cwd=tmp_path, capture_output=True, text=True,
                              timeout=600, check=False)

    assert accord("migrate", "-v0").returncode == 0
    made = accord("shell", "-c", "from accord.core.acting import Actor; from accord.members import actions; "
                  "[actions.add_member(actor=Actor.console(), code=c, acceded_on='1992-05-15') "
                  "for c in ('ARM', 'KAZ', 'RUS')]")
    assert made.returncode == 0, made.stderr
    result = accord("ledger", "verify")
    assert (result.returncode, result.stdout.count("\n")) == (0, 1), result.stderr
    assert result.stdout.startswith("ok: 3 entries;")
    assert accord("ledger", "checkpoint", "--output", "mine.checkpoint").returncode == 0
    assert accord("ledger", "export", "log.json").returncode == 0
    result = accord("ledger", "verify", "log.json", "--since", "mine.checkpoint")
    assert result.returncode == 0, result.stdout + result.stderr
    edit_export(tmp_path / "log.json", lambda document: document["entries"].pop(1))
    result = accord("ledger", "verify", "log.json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith("damaged: entry #1: holds sequence number 2")
    result = accord("ledger", "verify", "missing.json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "missing.json" in result.stderr


def test_a_deactivated_persons_key_signs_for_no_one_afterwards() -> None:
    key = private_key("deactivated later")
    registry = entries.KeyRegistry()
    registry.apply({"type": entries.KEY_REGISTERED,
                    "body": {"person": "arm.delegate", "member": "ARM",
                             "public_key": entries.b64(bytes(key.verify_key))}})
    stmt = {"type": "members.role_changed", "actor": {"member": "ARM", "person": "arm.delegate"},
            "body": {"person": "arm.delegate"}, "nonce": entries.new_nonce()}
    signatures = [entries.sign_statement(stmt, key)]
    assert registry.problem_with(stmt, signatures) is None
    registry.apply({"type": entries.PERSON_DEACTIVATED, "body": {"person": "arm.delegate", "reason": ""}})
    problem = registry.problem_with(stmt, signatures)
    assert problem is not None
    assert "arm.delegate, who was deactivated" in problem
