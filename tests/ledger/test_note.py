"""Signed notes and checkpoints: the reference example, round trips, and what must be refused."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nacl.signing import SigningKey

from accord_verify.note import (
    Checkpoint,
    NoteError,
    SignedNote,
    VerifierKey,
    add_signature,
    checkpoint_body,
    format_vkey,
    key_id,
    open_note,
    parse_checkpoint,
    parse_vkey,
    sign_note,
)

# The example key pair and note of the Go reference implementation (golang.org/x/mod/sumdb/note),
# which the C2SP signed-note spec grew out of.
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SIGNATURE = (
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
)
PETER_NOTE = PETER_TEXT + "\n— PeterNeumann " + PETER_SIGNATURE + "\n"

# The example checkpoint body of the C2SP tlog-checkpoint spec.
SPEC_CHECKPOINT = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
)

ROOT = bytes(range(32))
LOG = "accord.example/log"
WITNESS = "witness.example/w1"


def peter_signing_key() -> SigningKey:
    encoded = PETER_SKEY.split("+", 4)[4]
    raw = base64.b64decode(encoded)
    assert raw[0] == 0x01
    return SigningKey(raw[1:])


def key_for(seed: int) -> SigningKey:
    return SigningKey(bytes([seed]) * 32)


def verifier(name: str, signing_key: SigningKey) -> VerifierKey:
    return parse_vkey(format_vkey(name, signing_key.verify_key.encode()))


LOG_KEY = key_for(1)
WITNESS_KEY = key_for(2)
STRANGER_KEY = key_for(3)


def checkpoint_note() -> str:
    return sign_note(checkpoint_body(LOG, 7, ROOT), LOG, LOG_KEY)


# --- the reference example ---------------------------------------------------------------------


def test_it_parses_the_reference_verifier_key() -> None:
    key = parse_vkey(PETER_VKEY)
    assert key.name == "PeterNeumann"
    assert key.key_id == bytes.fromhex("c74f20a3")
    assert key_id("PeterNeumann", key.public_key) == key.key_id
    assert format_vkey(key.name, key.public_key) == PETER_VKEY


def test_it_reproduces_the_reference_note_byte_for_byte() -> None:
    signing_key = peter_signing_key()
    assert signing_key.verify_key.encode() == parse_vkey(PETER_VKEY).public_key
    assert sign_note(PETER_TEXT, "PeterNeumann", signing_key) == PETER_NOTE


def test_it_opens_the_reference_note() -> None:
    note = open_note(PETER_NOTE, [parse_vkey(PETER_VKEY)])
    assert note == SignedNote(body=PETER_TEXT, verified_by=("PeterNeumann",))


def test_it_rejects_the_reference_note_once_altered() -> None:
    altered = PETER_NOTE.replace("cryptography", "cryptographY")
    with pytest.raises(NoteError, match=r"signature by PeterNeumann\+c74f20a3 does not verify"):
        open_note(altered, [parse_vkey(PETER_VKEY)])


def test_it_rejects_every_mangling_of_the_reference_verifier_key() -> None:
    text = PETER_VKEY
    manglings = {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}
    manglings.discard(text)
    for i in range(len(text)):
        manglings.add(text[:i] + chr(ord(text[i]) + 1) + text[i + 1 :])
    # A wrong-length key, and an unknown signature type, each with a key id that fits.
    manglings.add("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
    manglings.add("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
    for mangled in manglings:
        with pytest.raises(NoteError):
            parse_vkey(mangled)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PeterNeumann", "not of the form <name>"),
        ("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "must not be empty"),
        ("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "spaces"),
        ("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "lowercase hex"),
        ("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", "not base64"),
        ("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW\n", "not base64"),
        ("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "type 0x65"),
        ("PeterNeumann+c74f20a3+AQ==", "0-byte public key"),
        ("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "has id c74f20a3"),
    ],
)
def test_it_says_what_is_wrong_with_a_verifier_key(text: str, message: str) -> None:
    with pytest.raises(NoteError, match=message.replace("+", r"\+")):
        parse_vkey(text)


# --- signing, cosigning, opening ---------------------------------------------------------------


def test_it_signs_with_an_em_dash_the_key_name_and_the_key_id() -> None:
    note = checkpoint_note()
    body, signature_line = note.split("\n\n")
    assert body + "\n" == checkpoint_body(LOG, 7, ROOT)
    assert signature_line.startswith("\N{EM DASH} " + LOG + " ")
    raw = base64.b64decode(signature_line.split(" ")[2])
    assert raw[:4] == key_id(LOG, LOG_KEY.verify_key.encode())
    assert len(raw) == 4 + 64


def test_it_opens_what_it_signed() -> None:
    note = open_note(checkpoint_note(), [verifier(LOG, LOG_KEY)])
    assert note.body == checkpoint_body(LOG, 7, ROOT)
    assert note.verified_by == (LOG,)


def test_it_adds_cosignatures_and_checks_each_known_one() -> None:
    cosigned = add_signature(checkpoint_note(), WITNESS, WITNESS_KEY)
    assert cosigned.startswith(checkpoint_note())
    both = [verifier(LOG, LOG_KEY), verifier(WITNESS, WITNESS_KEY)]
    assert open_note(cosigned, both).verified_by == (LOG, WITNESS)
    assert open_note(cosigned, both[::-1]).verified_by == (WITNESS, LOG)
    assert open_note(cosigned, both[1:]).verified_by == (WITNESS,)


def test_it_adds_the_same_signature_only_once() -> None:
    note = checkpoint_note()
    assert add_signature(note, LOG, LOG_KEY) == note


def test_it_ignores_signatures_from_unknown_keys_wherever_they_are() -> None:
    body = checkpoint_body(LOG, 7, ROOT)
    stranger_first = add_signature(
        add_signature(sign_note(body, "stranger.example", STRANGER_KEY), WITNESS, WITNESS_KEY),
        LOG,
        LOG_KEY,
    )
    note = open_note(stranger_first, [verifier(LOG, LOG_KEY)])
    assert note == SignedNote(body=body, verified_by=(LOG,))


def test_it_does_not_rely_on_the_order_of_signature_lines() -> None:
    cosigned = add_signature(checkpoint_note(), WITNESS, WITNESS_KEY)
    body, block = cosigned.split("\n\n")
    first, second = block.splitlines(keepends=True)
    swapped = body + "\n\n" + second + first
    known = [verifier(LOG, LOG_KEY), verifier(WITNESS, WITNESS_KEY)]
    assert open_note(swapped, known) == open_note(cosigned, known)


def test_it_ignores_a_signature_that_shares_only_the_name_or_only_the_id_of_a_known_key() -> None:
    body = checkpoint_body(LOG, 7, ROOT)
    known = verifier(LOG, LOG_KEY)
    same_name_other_key = sign_note(body, LOG, STRANGER_KEY)
    with pytest.raises(NoteError, match="no signature from a known key"):
        open_note(same_name_other_key, [known])
    # A line claiming the known key's id under another name is someone else's key too.
    forged_id = base64.b64encode(known.key_id + bytes(64)).decode()
    other_name = checkpoint_note() + f"— other.example {forged_id}\n"
    assert open_note(other_name, [known]).verified_by == (LOG,)


def test_it_rejects_a_note_whose_known_signature_fails_even_if_another_verifies() -> None:
    cosigned = add_signature(checkpoint_note(), WITNESS, WITNESS_KEY)
    body, block = cosigned.split("\n\n")
    log_line, witness_line = block.splitlines(keepends=True)
    name, encoded = witness_line.rstrip("\n").split(" ")[1:]
    raw = bytearray(base64.b64decode(encoded))
    raw[10] ^= 1
    forged = f"— {name} {base64.b64encode(bytes(raw)).decode()}\n"
    known = [verifier(LOG, LOG_KEY), verifier(WITNESS, WITNESS_KEY)]
    with pytest.raises(NoteError, match=f"signature by {WITNESS}\\+[0-9a-f]{{8}} does not verify"):
        open_note(body + "\n\n" + log_line + forged, known)
    # Without the witness key the same note opens: that line is then just an unknown one.
    assert open_note(body + "\n\n" + log_line + forged, known[:1]).verified_by == (LOG,)


def test_it_rejects_a_signature_of_the_wrong_length_from_a_known_key() -> None:
    known = verifier(LOG, LOG_KEY)
    short = base64.b64encode(known.key_id + bytes(63)).decode()
    note = checkpoint_body(LOG, 7, ROOT) + f"\n— {LOG} {short}\n"
    with pytest.raises(NoteError, match="does not verify"):
        open_note(note, [known])


def test_it_rejects_a_tampered_body() -> None:
    note = checkpoint_note().replace("\n7\n", "\n8\n")
    with pytest.raises(NoteError, match="does not verify"):
        open_note(note, [verifier(LOG, LOG_KEY)])


def test_it_rejects_a_note_nobody_it_knows_has_signed() -> None:
    with pytest.raises(NoteError, match="no signature from a known key"):
        open_note(checkpoint_note(), [verifier(WITNESS, WITNESS_KEY)])
    with pytest.raises(NoteError, match="no signature from a known key"):
        open_note(checkpoint_note(), [])


def test_it_refuses_two_different_known_keys_with_one_name_and_id() -> None:
    real = verifier(LOG, LOG_KEY)
    impostor = VerifierKey(
        name=LOG, key_id=real.key_id, public_key=STRANGER_KEY.verify_key.encode()
    )
    with pytest.raises(NoteError, match="two known keys"):
        open_note(checkpoint_note(), [real, impostor])
    assert open_note(checkpoint_note(), [real, real]).verified_by == (LOG,)


def test_it_verifies_every_key_a_name_has_had() -> None:
    # After a key rotation a verifier knows the old key and the new under the same name.
    old, new = verifier(LOG, LOG_KEY), verifier(LOG, STRANGER_KEY)
    assert open_note(checkpoint_note(), [old, new]).verified_by == (LOG,)
    rotated = sign_note(checkpoint_body(LOG, 7, ROOT), LOG, STRANGER_KEY)
    assert open_note(rotated, [old, new]).verified_by == (LOG,)


def _line(encoded: str = "AAAAAAA=", name: str = "k") -> str:
    return f"— {name} {encoded}\n"


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("text\n— k AAAAAAA=\n", "no blank line"),
        ("text\n\n", "no signature lines"),
        ("text\n\n— k AAAAAAA=", "does not end with a newline"),
        ("text\n\n- k AAAAAAA=\n", "line 1 does not start with an em dash"),
        ("text\n\n—k AAAAAAA=\n", "line 1 does not start with an em dash"),
        # A trailing blank line is the last one, so the signatures would follow it: none do.
        ("text\n\n" + _line() + "\n", "no signature lines"),
        ("text\n\n" + _line() + "trailer\n", "line 2 does not start with an em dash"),
        ("text\n\n— kAAAAAAA=\n", "no space between name and signature"),
        ("text\n\n— k+1 AAAAAAA=\n", "must not contain spaces, '\\+'"),
        ("text\n\n—  AAAAAAA=\n", "must not be empty"),
        ("text\n\n" + _line("AAAA AAA="), "not base64"),
        ("text\n\n" + _line("AAAAAAA"), "not base64"),
        ("text\n\n" + _line("AAAAAAB="), "not base64"),
        ("text\n\n" + _line("AAAAAA=="), "too short"),
        ("text\r\n\n" + _line(), "control character '\\\\r'"),
        ("te\txt\n\n" + _line(), "control character '\\\\t'"),
        ("text\n\n" + _line() * 101, "101 signatures"),
        ("text\ud800\n\n" + _line(), "not valid Unicode"),
    ],
)
def test_it_rejects_malformed_notes_saying_why(note: str, message: str) -> None:
    with pytest.raises(NoteError, match=message):
        open_note(note, [verifier(LOG, LOG_KEY)])


def test_it_reads_up_to_a_hundred_signatures() -> None:
    note = checkpoint_note() + _line() * 99
    assert open_note(note, [verifier(LOG, LOG_KEY)]).verified_by == (LOG,)
    with pytest.raises(NoteError, match="already has 100 signatures"):
        add_signature(note, WITNESS, WITNESS_KEY)


def test_it_splits_the_text_at_the_last_blank_line() -> None:
    body = "a\n\nb\n\n"
    note = sign_note(body, LOG, LOG_KEY)
    assert open_note(note, [verifier(LOG, LOG_KEY)]).body == body


@pytest.mark.parametrize(
    ("body", "name", "message"),
    [
        ("no newline", LOG, "must end with a newline"),
        ("", LOG, "must end with a newline"),
        ("tab\there\n", LOG, "control character"),
        ("fine\n", "", "must not be empty"),
        ("fine\n", "has space", "must not contain spaces"),
        ("fine\n", "a+b", "must not contain spaces"),
    ],
)
def test_it_refuses_to_sign_what_could_not_be_opened(body: str, name: str, message: str) -> None:
    with pytest.raises(NoteError, match=message):
        sign_note(body, name, LOG_KEY)


# Any text a note may hold: no control characters below U+0020 and no lone surrogates.
note_characters = st.characters(exclude_categories=["Cs"], min_codepoint=0x20)
text_lines = st.text(alphabet=note_characters, max_size=20)


@given(st.lists(text_lines, min_size=1, max_size=6), st.integers(0, 3))
def test_it_round_trips_any_text(lines: list[str], cosigners: int) -> None:
    body = "\n".join(lines) + "\n"
    note = sign_note(body, LOG, LOG_KEY)
    known = [verifier(LOG, LOG_KEY)]
    for n in range(cosigners):
        note = add_signature(note, f"witness.example/{n}", key_for(10 + n))
        known.append(verifier(f"witness.example/{n}", key_for(10 + n)))
    opened = open_note(note, known)
    assert opened.body == body
    assert opened.verified_by == tuple(key.name for key in known)


# --- checkpoints -------------------------------------------------------------------------------


def test_it_reads_the_spec_checkpoint() -> None:
    checkpoint = parse_checkpoint(SPEC_CHECKPOINT)
    assert checkpoint.origin == "example.com/behind-the-sofa"
    assert checkpoint.size == 20852163
    assert checkpoint.root == base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    assert checkpoint.extensions == ()
    assert checkpoint_body(checkpoint.origin, checkpoint.size, checkpoint.root) == SPEC_CHECKPOINT


def test_it_writes_checkpoints_as_the_spec_lays_them_out() -> None:
    root_b64 = base64.b64encode(ROOT).decode()
    assert checkpoint_body(LOG, 0, ROOT) == f"{LOG}\n0\n{root_b64}\n"
    assert checkpoint_body(LOG, 12, ROOT, ["ext one", "two"]) == (
        f"{LOG}\n12\n{root_b64}\next one\ntwo\n"
    )


@given(
    st.text(alphabet=note_characters, min_size=1, max_size=30),
    st.integers(min_value=0, max_value=2**64 - 1),
    st.binary(min_size=32, max_size=32),
    st.lists(text_lines.filter(bool), max_size=3),
)
def test_it_round_trips_checkpoints(
    origin: str, size: int, root: bytes, extensions: list[str]
) -> None:
    body = checkpoint_body(origin, size, root, extensions)
    assert parse_checkpoint(body) == Checkpoint(origin, size, root, tuple(extensions))
    note = sign_note(body, LOG, LOG_KEY)
    assert parse_checkpoint(open_note(note, [verifier(LOG, LOG_KEY)]).body).root == root


B64_ROOT = base64.b64encode(ROOT).decode()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"\n7\n{B64_ROOT}\n", "origin is empty"),
        (f"{LOG}\n07\n{B64_ROOT}\n", "'07' has leading zeros"),
        (f"{LOG}\n00\n{B64_ROOT}\n", "'00' has leading zeros"),
        (f"{LOG}\n-1\n{B64_ROOT}\n", "'-1' is not a decimal number"),
        (f"{LOG}\n+7\n{B64_ROOT}\n", "'\\+7' is not a decimal number"),
        (f"{LOG}\n 7\n{B64_ROOT}\n", "' 7' is not a decimal number"),
        (f"{LOG}\n7.0\n{B64_ROOT}\n", "'7.0' is not a decimal number"),
        (f"{LOG}\n\N{FULLWIDTH DIGIT SEVEN}\n{B64_ROOT}\n", "is not a decimal number"),
        (f"{LOG}\n\N{ARABIC-INDIC DIGIT SEVEN}\n{B64_ROOT}\n", "is not a decimal number"),
        (f"{LOG}\n\n{B64_ROOT}\n", "'' is not a decimal number"),
        (f"{LOG}\n{2**64}\n{B64_ROOT}\n", "is larger than"),
        (f"{LOG}\n{'9' * 5000}\n{B64_ROOT}\n", "is larger than"),
        (f"{LOG}\n7\n{base64.b64encode(ROOT[:31]).decode()}\n", "31 bytes, not 32"),
        (f"{LOG}\n7\n{base64.b64encode(ROOT + b'x').decode()}\n", "33 bytes, not 32"),
        (f"{LOG}\n7\n{ROOT.hex()}\n", "48 bytes, not 32"),
        (f"{LOG}\n7\n{ROOT.hex()[:-1]}\n", "is not base64"),
        (f"{LOG}\n7\n{B64_ROOT.rstrip('=')}\n", "is not base64"),
        (f"{LOG}\n7\n\n", "0 bytes, not 32"),
        (f"{LOG}\n7\n{B64_ROOT}", "must end with a newline"),
        (f"{LOG}\n7\n", "needs an origin, a tree size and a root hash"),
        (f"{LOG}\n7\n{B64_ROOT}\n\n", "extension line 1 is empty"),
        (f"{LOG}\n7\n{B64_ROOT}\next\n\nmore\n", "extension line 2 is empty"),
        (f"{LOG}\r\n7\n{B64_ROOT}\n", "control character"),
    ],
)
def test_it_rejects_malformed_checkpoints_saying_why(body: str, message: str) -> None:
    with pytest.raises(NoteError, match=message):
        parse_checkpoint(body)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("", 1, ROOT, ()), "origin must be one non-empty line"),
        (("a\nb", 1, ROOT, ()), "origin must be one non-empty line"),
        ((LOG, -1, ROOT, ()), "tree size -1"),
        ((LOG, 2**64, ROOT, ()), "tree size"),
        ((LOG, 1, ROOT[:31], ()), "root hash is 32 bytes, got 31"),
        ((LOG, 1, ROOT, ("",)), "extension must be one non-empty line"),
        ((LOG, 1, ROOT, ("a\nb",)), "extension must be one non-empty line"),
        ((f"{LOG}\t", 1, ROOT, ()), "control character"),
    ],
)
def test_it_refuses_to_write_a_malformed_checkpoint(
    arguments: tuple[str, int, bytes, tuple[str, ...]], message: str
) -> None:
    with pytest.raises(NoteError, match=message):
        checkpoint_body(*arguments)


def test_it_raises_value_errors_so_callers_may_catch_either() -> None:
    assert issubclass(NoteError, ValueError)
