"""C2SP signed notes and tlog checkpoints, signed and verified with Ed25519."""

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from hashlib import sha256

import nacl.exceptions
import nacl.signing
from nacl.bindings import crypto_sign

__all__ = [
    "Checkpoint",
    "NoteError",
    "NoteSignature",
    "SignedNote",
    "VerifierKey",
    "add_signature",
    "b64decode_canonical",
    "check_key_name",
    "checkpoint_body",
    "checkpoint_signer",
    "format_vkey",
    "key_id",
    "open_note",
    "parse_checkpoint",
    "parse_vkey",
    "sign_note",
    "split_note",
]

ALG_ED25519 = 0x01
ED25519_PUBLIC_KEY_SIZE = 32
ED25519_SIGNATURE_SIZE = 64
ROOT_HASH_SIZE = 32
# The spec asks verifiers to accept at least 16; the Go reference stops at 100.
MAX_SIGNATURES = 100
# A tree size is a uint64 everywhere else (Go, Tessera, witnesses).
MAX_TREE_SIZE = 2**64 - 1

_SIGNATURE_PREFIX = "\N{EM DASH} "
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")
_KEY_ID_HEX = re.compile(r"[0-9a-f]{8}")
# Written out rather than \d, which also matches digits of other scripts.
_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


class NoteError(ValueError):
    """A signed note, checkpoint or key that is malformed or does not verify."""


@dataclass(frozen=True)
class VerifierKey:
    name: str
    key_id: bytes
    public_key: bytes


@dataclass(frozen=True)
class SignedNote:
    body: str
    verified_by: tuple[str, ...]


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoteSignature:
    """One well-formed signature line of a note, not yet verified: `signature` is what follows the key id."""

    name: str
    key_id: bytes
    signature: bytes
    line: str



def _b64encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def b64decode_canonical(text: str) -> bytes | None:
    """Standard base64 in its one canonical spelling, or None."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    # Insisting on the canonical spelling leaves one text per value: no stray padding or bits.
    return raw if _b64encode(raw) == text else None


def check_key_name(name: str) -> None:
    if not name:
        raise NoteError("a key name must not be empty")
    if "+" in name or any(c.isspace() for c in name) or _CONTROL.search(name):
        raise NoteError(f"key name {name!r} must not contain spaces, '+' or control characters")


def _check_text(text: str, what: str) -> bytes:
    """The UTF-8 of text, which a note allows no control characters in but newline."""
    if match := _CONTROL.search(text):
        raise NoteError(f"{what} contains the control character {match.group()!r}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise NoteError(f"{what} is not valid Unicode text: {error.reason}") from None


def key_id(name: str, public_key: bytes) -> bytes:
    if len(public_key) != ED25519_PUBLIC_KEY_SIZE:
        raise NoteError(
            f"an Ed25519 public key is {ED25519_PUBLIC_KEY_SIZE} bytes, got {len(public_key)}"
        )
    return sha256(name.encode("utf-8") + b"\n" + bytes([ALG_ED25519]) + public_key).digest()[:4]


def format_vkey(name: str, public_key: bytes) -> str:
    check_key_name(name)
    encoded = _b64encode(bytes([ALG_ED25519]) + public_key)
    return f"{name}+{key_id(name, public_key).hex()}+{encoded}"


def parse_vkey(text: str) -> VerifierKey:
    # Names never contain "+", but base64 may, so only the first two "+" separate fields.
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise NoteError(f"verifier key {text!r} is not of the form <name>+<key id>+<key>")
    name, id_hex, encoded = parts
    check_key_name(name)
    if not _KEY_ID_HEX.fullmatch(id_hex):
        raise NoteError(f"verifier key id {id_hex!r} is not 8 lowercase hexadecimal digits")
    raw = b64decode_canonical(encoded)
    if raw is None:
        raise NoteError(f"verifier key {name!r} has key material that is not base64")
    if not raw or raw[0] != ALG_ED25519:
        alg = f"0x{raw[0]:02x}" if raw else "missing"
        raise NoteError(f"verifier key {name!r} has signature type {alg}; only Ed25519 (0x01)")
    public_key = raw[1:]
    if len(public_key) != ED25519_PUBLIC_KEY_SIZE:
        raise NoteError(
            f"verifier key {name!r} has a {len(public_key)}-byte public key, "
            f"not {ED25519_PUBLIC_KEY_SIZE}"
        )
    expected = key_id(name, public_key)
    if bytes.fromhex(id_hex) != expected:
        raise NoteError(
            f"verifier key {name!r} says key id {id_hex} but its key has id {expected.hex()}"
        )
    return VerifierKey(name=name, key_id=expected, public_key=public_key)


def checkpoint_body(origin: str, size: int, root: bytes, extensions: Sequence[str] = ()) -> str:
    if not origin or "\n" in origin:
        raise NoteError("a checkpoint origin must be one non-empty line")
    if isinstance(size, bool) or not 0 <= size <= MAX_TREE_SIZE:
        raise NoteError(f"tree size {size!r} is not between 0 and {MAX_TREE_SIZE}")
    if len(root) != ROOT_HASH_SIZE:
        raise NoteError(f"a root hash is {ROOT_HASH_SIZE} bytes, got {len(root)}")
    for extension in extensions:
        if not extension or "\n" in extension:
            raise NoteError("each checkpoint extension must be one non-empty line")
    lines = [origin, str(size), _b64encode(root), *extensions]
    body = "".join(line + "\n" for line in lines)
    _check_text(body, "the checkpoint")
    return body


def _signature_line(message: bytes, name: str, signing_key: nacl.signing.SigningKey) -> str:
    check_key_name(name)
    public_key = signing_key.verify_key.encode()
    signature = signing_key.sign(message).signature
    return f"{_SIGNATURE_PREFIX}{name} {_b64encode(key_id(name, public_key) + signature)}\n"


def _check_body(body: str) -> bytes:
    if not body.endswith("\n"):
        raise NoteError("the text of a note must end with a newline")
    return _check_text(body, "the note text")


def sign_note(body: str, name: str, signing_key: nacl.signing.SigningKey) -> str:
    return body + "\n" + _signature_line(_check_body(body), name, signing_key)


def checkpoint_signer(origin: str, name: str,
                      signing_key: nacl.signing.SigningKey) -> Callable[[int, bytes], str]:
    """`sign_note(checkpoint_body(origin, size, root), name, signing_key)` for any size and root, the origin,
    name and key id checked and worked out once. Ed25519 is deterministic: the holder of a key checks a
    checkpoint it signed by making it again from the size and root it must hold and comparing the texts,
    in about a third of a verification's time and without parsing the note."""
    checkpoint_body(origin, 0, bytes(ROOT_HASH_SIZE))  # the origin's checks, once
    check_key_name(name)
    prefix = f"\n{_SIGNATURE_PREFIX}{name} "
    ident = key_id(name, signing_key.verify_key.encode())
    secret = signing_key.encode() + signing_key.verify_key.encode()  # libsodium's form: seed, public key

    def signed(size: int, root: bytes) -> str:
        if isinstance(size, bool) or not 0 <= size <= MAX_TREE_SIZE or len(root) != ROOT_HASH_SIZE:
            return checkpoint_body(origin, size, root)  # raises NoteError, as sign_note would
        body = f"{origin}\n{size}\n{_b64encode(root)}\n"
        signature = crypto_sign(body.encode("utf-8"), secret)[:ED25519_SIGNATURE_SIZE]
        return body + prefix + _b64encode(ident + signature) + "\n"

    return signed


def _split(note: str) -> tuple[str, list[NoteSignature]]:
    """The text and the well-formed signature lines of a note, or NoteError."""
    _check_text(note, "the note")
    blank = note.rfind("\n\n")
    if blank < 0:
        raise NoteError("the note has no blank line between its text and its signatures")
    body, block = note[: blank + 1], note[blank + 2 :]
    if not block:
        raise NoteError("the note has no signature lines")
    if not block.endswith("\n"):
        raise NoteError("the note's last signature line does not end with a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"the note has {len(lines)} signatures; at most {MAX_SIGNATURES} are read")
    signatures = []
    for number, line in enumerate(lines, start=1):
        if not line.startswith(_SIGNATURE_PREFIX):
            raise NoteError(f"signature line {number} does not start with an em dash and a space")
        name, space, encoded = line[len(_SIGNATURE_PREFIX) :].partition(" ")
        if not space:
            raise NoteError(f"signature line {number} has no space between name and signature")
        try:
            check_key_name(name)
        except NoteError as error:
            raise NoteError(f"signature line {number}: {error}") from None
        raw = b64decode_canonical(encoded)
        if raw is None:
            raise NoteError(f"signature line {number} ({name}) has a signature that is not base64")
        if len(raw) < 5:
            raise NoteError(f"signature line {number} ({name}) is too short to hold a signature")
        signatures.append(NoteSignature(name, raw[:4], raw[4:], line + "\n"))
    return body, signatures


def split_note(note: str) -> tuple[str, list[NoteSignature]]:
    """The text of a note and its signature lines, checked for form only: for signature types other
    than a plain Ed25519 note signature (witnesses' cosignatures), which their own module verifies."""
    return _split(note)


def add_signature(note: str, name: str, signing_key: nacl.signing.SigningKey) -> str:
    body, signatures = _split(note)
    line = _signature_line(_check_body(body), name, signing_key)
    # Ed25519 is deterministic: the same key signing the same text again adds nothing.
    if any(signature.line == line for signature in signatures):
        return note
    if len(signatures) >= MAX_SIGNATURES:
        raise NoteError(f"the note already has {len(signatures)} signatures")
    return note + line


def _verifies(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(signature) != ED25519_SIGNATURE_SIZE:
        return False
    try:
        nacl.signing.VerifyKey(public_key).verify(message, signature)
    except (nacl.exceptions.BadSignatureError, ValueError):
        return False
    return True


def open_note(text: str, known: Sequence[VerifierKey]) -> SignedNote:
    body, signatures = _split(text)
    message = body.encode("utf-8")
    keys: dict[tuple[str, bytes], VerifierKey] = {}
    for key in known:
        other = keys.setdefault((key.name, key.key_id), key)
        if other.public_key != key.public_key:
            raise NoteError(f"two known keys are both {key.name}+{key.key_id.hex()}")
    verified: set[tuple[str, bytes]] = set()
    for signature in signatures:
        # A signature counts as from a known key only if both name and id match; one alone is
        # someone else's key and is ignored, as the spec requires.
        signer = keys.get((signature.name, signature.key_id))
        if signer is None:
            continue
        if not _verifies(signer.public_key, message, signature.signature):
            raise NoteError(
                f"the signature by {signer.name}+{signer.key_id.hex()} does not verify; "
                "the note was altered or the signature forged"
            )
        verified.add((signer.name, signer.key_id))
    if not verified:
        present = ", ".join(f"{s.name}+{s.key_id.hex()}" for s in signatures)
        raise NoteError(f"the note has no signature from a known key (it is signed by {present})")
    # Names in the order the caller listed the keys, so the note's line order changes nothing.
    names: list[str] = []
    for name, identifier in keys:
        if (name, identifier) in verified and name not in names:
            names.append(name)
    return SignedNote(body=body, verified_by=tuple(names))


def parse_checkpoint(body: str) -> Checkpoint:
    _check_text(body, "the checkpoint")
    if not body.endswith("\n"):
        raise NoteError("a checkpoint must end with a newline")
    lines = body[:-1].split("\n")
    if len(lines) < 3:
        raise NoteError("a checkpoint needs an origin, a tree size and a root hash, one per line")
    origin, size_text, root_text, *extensions = lines
    if not origin:
        raise NoteError("the checkpoint origin is empty")
    if not _DIGITS.fullmatch(size_text):
        raise NoteError(f"the checkpoint tree size {size_text!r} is not a decimal number")
    if not _DECIMAL.fullmatch(size_text):
        raise NoteError(f"the checkpoint tree size {size_text!r} has leading zeros")
    # The length check comes first so a huge number is never converted.
    if len(size_text) > len(str(MAX_TREE_SIZE)) or int(size_text) > MAX_TREE_SIZE:
        raise NoteError(f"the checkpoint tree size {size_text} is larger than {MAX_TREE_SIZE}")
    root = b64decode_canonical(root_text)
    if root is None:
        raise NoteError(f"the checkpoint root hash {root_text!r} is not base64")
    if len(root) != ROOT_HASH_SIZE:
        raise NoteError(f"the checkpoint root hash is {len(root)} bytes, not {ROOT_HASH_SIZE}")
    for number, extension in enumerate(extensions, start=1):
        if not extension:
            raise NoteError(f"checkpoint extension line {number} is empty")
    return Checkpoint(origin=origin, size=int(size_text), root=root, extensions=tuple(extensions))
