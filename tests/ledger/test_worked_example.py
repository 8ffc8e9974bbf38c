"""The worked example of docs/ledger.md is what the code writes: every entry, hash, proof and verdict shown."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from accord_verify import entries, merkle, note
from accord_verify.verify import Damage, FileSource, export_document, verify

DOC = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")
LOG = "accord.example.org/log"
LOG_KEY = SigningKey(bytes([7]) * 32)  # test keys made from fixed bytes, as the example says
ARM_HEAD = SigningKey(bytes(range(32)))
SALT = "5a" * 32


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def example() -> tuple[list[bytes], dict[str, str]]:
    """The example's three entries, and the values it prints beside them."""
    admitted = entries.statement(
        log=LOG, type="members.member_added", member=None, person=None, classification="public",
        body={"acceded_on": "1992-05-15", "code": "ARM", "name_en": "Armenia", "name_ru": "Армения",
              "reference": "Collective Security Treaty, Tashkent, 15 May 1992"},
        nonce="00112233445566778899aabbccddeeff")
    registered = entries.statement(
        log=LOG, type=entries.KEY_REGISTERED, member=None, person=None, classification="public",
        body={"label": "laptop", "member": "ARM", "person": "arm.head",
              "public_key": entries.b64(bytes(ARM_HEAD.verify_key))},
        nonce="ffeeddccbbaa99887766554433221100")
    note_of_armenia = entries.statement(
        log=LOG, type="test.note", member="ARM", person="arm.head", classification="members",
        body={"text": "Armenia asks for consultations"}, nonce="0123456789abcdef0123456789abcdef")
    content = entries.sealed_content(note_of_armenia, [entries.sign_statement(note_of_armenia, ARM_HEAD)], "ARM")
    commitment = entries.commitment(SALT, content)
    data = [
        entries.entry(seq=0, time="2025-03-01T09:00:00.000000Z", stmt=admitted, signatures=[]),
        entries.entry(seq=1, time="2025-03-01T09:00:01.000000Z", stmt=registered, signatures=[]),
        entries.entry(seq=2, time="2025-03-01T09:00:02.000000Z",
                      stmt=entries.public_part(note_of_armenia, commitment), signatures=[]),
    ]
    shown = {"signed": entries.canonical(note_of_armenia).decode(), "content": entries.canonical(content).decode(),
             "commitment": commitment}
    return data, shown


def test_the_worked_example_shows_the_entries_and_hashes_the_code_writes() -> None:
    data, shown = example()
    for text in (*shown.values(), *(d.decode() for d in data)):
        assert text in DOC, text
    for d in data:
        assert f"`{merkle.leaf_hash(d).hex()}`" in DOC
    tree = merkle.MemoryTree()
    for d in data:
        tree.append(merkle.leaf_hash(d))
    assert merkle.root_hash(3, tree.lookup).hex() in DOC
    assert b64(merkle.root_hash(2, tree.lookup)) in DOC
    assert json.dumps([b64(h) for h in merkle.inclusion_proof(0, 3, tree.lookup)]) in DOC
    assert json.dumps([b64(h) for h in merkle.consistency_proof(2, 3, tree.lookup)]) in DOC


def test_the_worked_example_verifies_as_it_says(tmp_path: Path) -> None:
    data, _ = example()
    tree = merkle.MemoryTree()
    for d in data:
        tree.append(merkle.leaf_hash(d))
    vkey = note.format_vkey(LOG, bytes(LOG_KEY.verify_key))
    assert vkey in DOC
    bodies = [note.checkpoint_body(LOG, size, merkle.root_hash(size, tree.lookup)) for size in (1, 2, 3)]
    checkpoints = [note.sign_note(body, LOG, LOG_KEY) for body in bodies]
    assert checkpoints[2] in DOC
    path = tmp_path / "log.json"
    path.write_text("".join(export_document(vkey, checkpoints[2], checkpoints, [d.decode() for d in data])))
    summary = verify(FileSource(str(path)), pinned_vkey=vkey, since=checkpoints[1]).summary()
    assert f"\n{summary}\n" in DOC
    document = json.loads(path.read_text())
    document["entries"][1] = document["entries"][1].replace("laptop", "desktop")
    path.write_text(json.dumps(document))
    with pytest.raises(Damage) as damage:
        verify(FileSource(str(path)), pinned_vkey=vkey)
    assert f"\ndamaged: {damage.value}\n" in DOC
