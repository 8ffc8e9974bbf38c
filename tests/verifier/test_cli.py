"""`accord-verify`, in this process: its answers and exit statuses on a small log written without a server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from accord_verify import cli, entries, merkle, note
from accord_verify.verify import export_document

LOG = "accord.example.org/log"
LOG_KEY = SigningKey(bytes([7]) * 32)  # fixed bytes, so that a failing run can be replayed
VKEY = note.format_vkey(LOG, bytes(LOG_KEY.verify_key))


def member_added(seq: int, code: str) -> bytes:
    stmt = entries.statement(log=LOG, type="members.member_added", member=None, person=None,
                             classification="public", nonce=f"{seq:032x}",
                             body={"acceded_on": "1992-05-15", "code": code, "name_en": code, "name_ru": code,
                                   "reference": "Collective Security Treaty, Tashkent, 15 May 1992"})
    return entries.entry(seq=seq, time=f"2025-03-01T09:00:0{seq}.000000Z", stmt=stmt, signatures=[])


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """A three-entry log's export, with a checkpoint at each size."""
    data = [member_added(seq, code) for seq, code in enumerate(("ARM", "BLR", "KAZ"))]
    tree = merkle.MemoryTree()
    for item in data:
        tree.append(merkle.leaf_hash(item))
    bodies = [note.checkpoint_body(LOG, size, merkle.root_hash(size, tree.lookup)) for size in (1, 2, 3)]
    checkpoints = [note.sign_note(body, LOG, LOG_KEY) for body in bodies]
    path = tmp_path / "log.json"
    path.write_text("".join(export_document(VKEY, checkpoints[2], checkpoints, [d.decode() for d in data])))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit:
        cli.main(list(args))
    out, err = capsys.readouterr()
    return int(exit.value.code or 0), out, err


def test_a_sound_log_under_its_pinned_key_exits_0(capsys: pytest.CaptureFixture[str], export: Path) -> None:
    code, out, _ = run(capsys, "log", str(export), "--key", VKEY, "--quiet")
    assert code == 0
    assert out.startswith("ok: 3 entries;")
    assert "a rollback of the newest entries" in out  # no --since nor --witness: it says what it could not check


def test_an_edited_entry_exits_1_naming_it(capsys: pytest.CaptureFixture[str], export: Path) -> None:
    document = json.loads(export.read_text())
    document["entries"][1] = document["entries"][1].replace('"BLR"', '"BLX"')
    export.write_text(json.dumps(document))
    code, out, _ = run(capsys, "log", str(export), "--key", VKEY, "--quiet")
    assert code == 1
    assert out.startswith("damaged: ")


def test_another_pinned_key_exits_1(capsys: pytest.CaptureFixture[str], export: Path) -> None:
    other = note.format_vkey(LOG, bytes(SigningKey(bytes([8]) * 32).verify_key))
    code, out, _ = run(capsys, "log", str(export), "--key", other, "--quiet")
    assert code == 1
    assert "a different log key from the one you pinned" in out


@pytest.mark.parametrize(("args", "said"), [
    (["log"], "give an export FILE or a --url"),
    (["log", "x.json", "--url", "http://127.0.0.1:1"], "give an export FILE or a --url"),
    (["log", "missing.json"], "cannot read missing.json"),
    (["log", "--url", "ftp://accord.example.org"], "--url: 'ftp://accord.example.org' is not an http"),
    (["log", "--url", "http://127.0.0.1:1", "--key", "not a key"], "--key is not a log key"),
    (["log", "--url", "http://127.0.0.1:1", "--quorum", "1"], "--quorum needs the witnesses' keys"),
    (["log", "--url", "http://127.0.0.1:1"], "cannot read the log from http://127.0.0.1:1"),
    (["document", "d.pdf", "--key", VKEY], "give the log as an export with --log or a server with --url"),
    (["witness", "keygen", "not a name", "--key-file", "k"], "NAME:"),
    (["witness", "status", "--state", "missing.db"], "missing.db does not exist"),
])  # fmt: skip
def test_bad_input_exits_2_saying_which_argument_and_why(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                       said: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("accord-verify: error: ")
    assert said in err


def test_a_document_needs_the_pinned_key(capsys: pytest.CaptureFixture[str], export: Path) -> None:
    code, _, err = run(capsys, "document", "d.pdf", "--log", str(export))
    assert code == 2
    assert "--key" in err


def test_a_file_that_is_not_a_pdf_exits_1(capsys: pytest.CaptureFixture[str], export: Path,
                                          tmp_path: Path) -> None:
    (tmp_path / "d.pdf").write_bytes(b"not a pdf")
    code, out, _ = run(capsys, "document", str(tmp_path / "d.pdf"), "--log", str(export), "--key", VKEY)
    assert code == 1
    assert "damaged: " in out


def test_a_witness_key_is_made_once_and_read_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    key_file = str(tmp_path / "w.key")
    code, made, _ = run(capsys, "witness", "keygen", "witness.arm.example/accord", "--key-file", key_file)
    assert code == 0
    assert made.startswith("witness.arm.example/accord+")
    assert (tmp_path / "w.key").stat().st_mode & 0o077 == 0
    assert run(capsys, "witness", "vkey", "--key-file", key_file)[1] == made
    code, _, err = run(capsys, "witness", "keygen", "witness.arm.example/accord", "--key-file", key_file)
    assert code == 2
    assert "exists; a witness keeps its key" in err
