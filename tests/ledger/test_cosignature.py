"""C2SP tlog-cosignature (cosignature/v1): witness keys, the signed message, and what must be refused."""

import base64
from hashlib import sha256

import pytest
from nacl.signing import SigningKey, VerifyKey

from accord_verify import cosignature, note

# Witness keys of transparency-dev/formats' tests (note/note_cosigv1_test.go): a real cosignature/v1
# vkey, and a plain note (0x01) vkey, which is not one.
REMORA_VKEY = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
TEST_NOTE_VKEY = "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6"
# The example checkpoint of the C2SP specs.
SPEC_CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
LOG = "example.com/behind-the-sofa"
WITNESS = "witness.example.com/w1"


def key(seed: int) -> SigningKey:
    return SigningKey(bytes([seed]) * 32)


def witness_key(name: str, signing_key: SigningKey) -> cosignature.CosignerKey:
    return cosignature.parse_cosigner_vkey(cosignature.format_cosigner_vkey(name, bytes(signing_key.verify_key)))


def logged_note(body: str = SPEC_CHECKPOINT) -> str:
    return note.sign_note(body, LOG, key(1))


def test_it_reads_a_witness_key_of_the_go_implementation() -> None:
    parsed = cosignature.parse_cosigner_vkey(REMORA_VKEY)
    assert parsed.name == "remora.n621.de"
    assert parsed.key_id.hex() == "da77ade7"
    assert parsed.vkey == REMORA_VKEY


def test_it_computes_the_key_id_with_the_cosignature_type_byte() -> None:
    public = bytes(key(2).verify_key)
    expected = sha256(WITNESS.encode() + b"\n\x04" + public).digest()[:4]
    assert cosignature.cosigner_key_id(WITNESS, public) == expected
    # The same key as a plain note key has another id: a cosignature can never pass for a note signature.
    assert note.key_id(WITNESS, public) != expected


@pytest.mark.parametrize(
    ("vkey", "words"),
    [
        (TEST_NOTE_VKEY, "0x01"),
        ("remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2", "key id"),
        ("remora.n621.de+da77ade7", "form"),
        ("remora.n621.de+da77ade7+not base64!", "base64"),
        ("remora.n621.de+da77ade7+BOvN63jn", "public key"),
        ("with space+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2", "name"),
    ],
)
def test_it_refuses_what_is_not_a_witness_key(vkey: str, words: str) -> None:
    with pytest.raises(note.NoteError, match=words):
        cosignature.parse_cosigner_vkey(vkey)


def test_it_signs_the_header_the_time_and_the_whole_checkpoint_as_the_spec_says() -> None:
    signing_key = key(3)
    line = cosignature.cosign(SPEC_CHECKPOINT, WITNESS, signing_key, 1679315147)
    assert line.startswith(f"\N{EM DASH} {WITNESS} ")
    assert line.endswith("\n")
    raw = base64.b64decode(line.split(" ")[2])
    assert raw[:4] == cosignature.cosigner_key_id(WITNESS, bytes(signing_key.verify_key))
    assert int.from_bytes(raw[4:12], "big") == 1679315147
    # The message exactly as tlog-cosignature writes it out, checked with the bare Ed25519 key.
    message = (b"cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
               b"CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
    VerifyKey(bytes(signing_key.verify_key)).verify(message, raw[12:])


def test_it_verifies_a_cosignature_beside_the_logs_signature() -> None:
    signing_key = key(3)
    cosigned = logged_note() + cosignature.cosign(SPEC_CHECKPOINT, WITNESS, signing_key, 1700000000)
    found = cosignature.verified_cosignatures(cosigned, [witness_key(WITNESS, signing_key)])
    assert found == {WITNESS: 1700000000}
    # The log's own signature is still a plain note signature, which the note verifier checks alone.
    log_key = note.parse_vkey(note.format_vkey(LOG, bytes(key(1).verify_key)))
    assert note.open_note(cosigned, [log_key]).verified_by == (LOG,)


def test_it_ignores_cosignatures_of_keys_it_was_not_given() -> None:
    cosigned = logged_note() + cosignature.cosign(SPEC_CHECKPOINT, "other.example/w", key(4), 1700000000)
    assert cosignature.verified_cosignatures(cosigned, [witness_key(WITNESS, key(3))]) == {}


def test_it_refuses_a_cosignature_on_another_checkpoint() -> None:
    other = SPEC_CHECKPOINT.replace("20852163", "20852164")
    cosigned = logged_note() + cosignature.cosign(other, WITNESS, key(3), 1700000000)
    with pytest.raises(note.NoteError, match="does not verify"):
        cosignature.verified_cosignatures(cosigned, [witness_key(WITNESS, key(3))])


def test_it_refuses_a_cosignature_whose_timestamp_was_changed() -> None:
    line = cosignature.cosign(SPEC_CHECKPOINT, WITNESS, key(3), 1700000000)
    raw = bytearray(base64.b64decode(line.split(" ")[2]))
    raw[11] ^= 1
    forged = f"\N{EM DASH} {WITNESS} {base64.b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(note.NoteError, match="does not verify"):
        cosignature.verified_cosignatures(logged_note() + forged, [witness_key(WITNESS, key(3))])


def test_it_refuses_a_plain_note_signature_under_the_witnesses_name_and_id() -> None:
    """A line with the witness's id but no timestamp is malformed, not a cosignature."""
    signing_key = key(3)
    raw = cosignature.cosigner_key_id(WITNESS, bytes(signing_key.verify_key)) + \
        signing_key.sign(SPEC_CHECKPOINT.encode()).signature
    line = f"\N{EM DASH} {WITNESS} {base64.b64encode(raw).decode()}\n"
    with pytest.raises(note.NoteError, match="not a timestamp and a signature"):
        cosignature.verified_cosignatures(logged_note() + line, [witness_key(WITNESS, signing_key)])
