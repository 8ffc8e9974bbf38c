"""C2SP tlog-cosignature: witnesses' timestamped Ed25519 cosignatures (cosignature/v1) on checkpoints.

A cosignature is a signed-note signature line whose key id is computed with the type byte 0x04 and
whose signature is `u64 timestamp || Ed25519(cosignature/v1\\ntime <timestamp>\\n || note text)`.
Ed25519 (not ML-DSA-44, which the spec prefers for new deployments) because it is what PyNaCl, the
project's one signature library, provides, and what Go's and the other witnesses' Ed25519 keys speak.
Nothing here needs Django: the verifier and the witness both use it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import sha256

import nacl.exceptions
import nacl.signing

from accord_verify import note

__all__ = [
    "ALG_COSIGNATURE_V1",
    "CosignerKey",
    "cosign",
    "cosignature_message",
    "cosigner_key_id",
    "format_cosigner_vkey",
    "parse_cosigner_vkey",
    "verified_cosignatures",
]

ALG_COSIGNATURE_V1 = 0x04
# The spec's bound on the timestamp, so that it reads the same as a signed 64-bit number everywhere.
MAX_TIMESTAMP = 2**63 - 1
_TIMESTAMP_SIZE = 8


@dataclass(frozen=True)
class CosignerKey:
    """A witness's public key as its vkey names it: name, key id (type 0x04) and Ed25519 key."""

    name: str
    key_id: bytes
    public_key: bytes

    @property
    def vkey(self) -> str:
        return format_cosigner_vkey(self.name, self.public_key)


def cosigner_key_id(name: str, public_key: bytes) -> bytes:
    if len(public_key) != note.ED25519_PUBLIC_KEY_SIZE:
        raise note.NoteError(
            f"an Ed25519 public key is {note.ED25519_PUBLIC_KEY_SIZE} bytes, got {len(public_key)}"
        )
    return sha256(name.encode("utf-8") + b"\n" + bytes([ALG_COSIGNATURE_V1]) + public_key).digest()[:4]


def format_cosigner_vkey(name: str, public_key: bytes) -> str:
    note.check_key_name(name)
    encoded = base64.b64encode(bytes([ALG_COSIGNATURE_V1]) + public_key).decode("ascii")
    return f"{name}+{cosigner_key_id(name, public_key).hex()}+{encoded}"


def parse_cosigner_vkey(text: str) -> CosignerKey:
    """A witness's vkey, `<name>+<key id>+base64(0x04 || Ed25519 key)`, or NoteError naming the fault."""
    parts = text.strip().split("+", 2)
    if len(parts) != 3:
        raise note.NoteError(f"witness key {text!r} is not of the form <name>+<key id>+<key>")
    name, id_hex, encoded = parts
    note.check_key_name(name)
    raw = note.b64decode_canonical(encoded)
    if raw is None:
        raise note.NoteError(f"witness key {name!r} has key material that is not base64")
    if not raw or raw[0] != ALG_COSIGNATURE_V1:
        alg = f"0x{raw[0]:02x}" if raw else "missing"
        hint = " (that is a log's note key, not a witness's cosignature key)" if raw[:1] == b"\x01" else ""
        raise note.NoteError(f"witness key {name!r} has signature type {alg}{hint}; "
                             "a witness's key is of type 0x04 (cosignature/v1)")
    public_key = raw[1:]
    if len(public_key) != note.ED25519_PUBLIC_KEY_SIZE:
        raise note.NoteError(f"witness key {name!r} has a {len(public_key)}-byte public key, "
                             f"not {note.ED25519_PUBLIC_KEY_SIZE}")
    expected = cosigner_key_id(name, public_key)
    if id_hex != expected.hex():
        raise note.NoteError(f"witness key {name!r} says key id {id_hex} but its key has id {expected.hex()}")
    return CosignerKey(name=name, key_id=expected, public_key=public_key)


def cosignature_message(body: str, timestamp: int) -> bytes:
    """What a cosigner signs: the header line, the time line, and the checkpoint's whole text."""
    if isinstance(timestamp, bool) or not 0 <= timestamp <= MAX_TIMESTAMP:
        raise note.NoteError(f"a cosignature timestamp is between 0 and {MAX_TIMESTAMP}, got {timestamp!r}")
    if not body.endswith("\n"):
        raise note.NoteError("the text of a note must end with a newline")
    return f"cosignature/v1\ntime {timestamp}\n".encode() + body.encode("utf-8")


def cosign(body: str, name: str, signing_key: nacl.signing.SigningKey, timestamp: int) -> str:
    """The cosignature line (ending in a newline) of `name`'s key over the checkpoint text `body`."""
    note.check_key_name(name)
    signature = signing_key.sign(cosignature_message(body, timestamp)).signature
    key_id = cosigner_key_id(name, bytes(signing_key.verify_key))
    encoded = base64.b64encode(key_id + timestamp.to_bytes(_TIMESTAMP_SIZE, "big") + signature).decode()
    return f"\N{EM DASH} {name} {encoded}\n"


def verified_cosignatures(text: str, witnesses: Sequence[CosignerKey]) -> Mapping[str, int]:
    """The witnesses (by name) whose cosignature on the note `text` verifies, with its timestamp.

    Lines of other keys are ignored, as signed-note requires; a line that names a given witness's
    key but does not verify makes the whole note invalid (NoteError), as it does for any note.
    """
    body, signatures = note.split_note(text)
    keys = {(key.name, key.key_id): key for key in witnesses}
    found: dict[str, int] = {}
    for line in signatures:
        key = keys.get((line.name, line.key_id))
        if key is None:
            continue
        what = f"the cosignature of {key.name}+{key.key_id.hex()}"
        if len(line.signature) != _TIMESTAMP_SIZE + note.ED25519_SIGNATURE_SIZE:
            raise note.NoteError(f"{what} is {len(line.signature)} bytes long, not a timestamp and a signature")
        timestamp = int.from_bytes(line.signature[:_TIMESTAMP_SIZE], "big")
        if timestamp > MAX_TIMESTAMP:
            raise note.NoteError(f"{what} has a timestamp beyond {MAX_TIMESTAMP}")
        try:
            nacl.signing.VerifyKey(key.public_key).verify(cosignature_message(body, timestamp),
                                                          line.signature[_TIMESTAMP_SIZE:])
        except (nacl.exceptions.BadSignatureError, ValueError):
            raise note.NoteError(f"{what} does not verify: the checkpoint was altered or the "
                                 "cosignature forged") from None
        found[key.name] = max(timestamp, found.get(key.name, 0))
    return found
