"""The format of a log entry: statements, commitments, signatures and the key acts a verifier reads."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import rfc8785
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

FORMAT_VERSION = 1
PUBLIC = "public"
CLASSIFICATIONS = ("public", "members", "participants")

# What a person signs is this prefix and the statement's canonical JSON: the prefix keeps an
# Accord signature from ever being valid as a signature over anything else.
SIGNING_CONTEXT = b"accord statement v1\n"

# The key acts: the verifier learns who may sign from these entries alone.
KEY_REGISTERED = "keys.registered"
KEY_ROTATED = "keys.rotated"
KEY_REVOKED = "keys.revoked"


def canonical(value: Any) -> bytes:
    """RFC 8785 canonical JSON."""
    return rfc8785.dumps(value)


def commitment(salt: str, body: Mapping[str, Any]) -> str:
    """The salted SHA-256 commitment that stands in a public entry for a non-public body."""
    digest = hashlib.sha256(bytes.fromhex(salt) + canonical(body)).hexdigest()
    return f"sha256:{digest}"


def new_salt() -> str:
    return secrets.token_hex(32)


def new_nonce() -> str:
    return secrets.token_hex(16)


def key_id_of(public_key: bytes) -> str:
    """A key's identifier: the first 16 hex digits of SHA-256 of the raw Ed25519 public key."""
    return "ed25519:" + hashlib.sha256(public_key).hexdigest()[:16]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def statement(
    *,
    log: str,
    type: str,
    member: str | None,
    person: str | None,
    classification: str,
    body: Mapping[str, Any],
    nonce: str,
    audience: Sequence[str] = (),
    salt: str | None = None,
) -> dict[str, Any]:
    """The statement of an act, as signed: a public one carries its body, others a commitment."""
    result: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "log": log,
        "type": type,
        "actor": {"member": member, "person": person},
        "classification": classification,
        "nonce": nonce,
    }
    if classification == PUBLIC:
        result["body"] = dict(body)
    else:
        if salt is None:
            raise ValueError("a non-public statement needs a salt for its commitment")
        result["commitment"] = commitment(salt, body)
        if audience:
            result["audience"] = sorted(audience)
    return result


def signing_message(stmt: Mapping[str, Any]) -> bytes:
    return SIGNING_CONTEXT + canonical(stmt)


def sign_statement(stmt: Mapping[str, Any], key: SigningKey) -> dict[str, str]:
    """A signature line for an entry: which key, and its Ed25519 signature over the statement."""
    signature = key.sign(signing_message(stmt)).signature
    return {"key": key_id_of(bytes(key.verify_key)), "sig": b64(signature)}


def signature_is_valid(stmt: Mapping[str, Any], sig: str, public_key: bytes) -> bool:
    try:
        VerifyKey(public_key).verify(signing_message(stmt), unb64(sig))
    except (BadSignatureError, ValueError):
        return False
    return True


def entry(*, seq: int, time: str, stmt: Mapping[str, Any], signatures: Sequence[Mapping[str, str]]) -> bytes:
    """The bytes of an entry, exactly as hashed into the log."""
    return canonical({"seq": seq, "time": time, "statement": dict(stmt), "signatures": list(signatures)})


@dataclass(frozen=True)
class RegisteredKey:
    key_id: str
    person: str
    member: str | None
    public_key: bytes


class KeyRegistry:
    """The signing keys in force, as the key acts in the log so far define them."""

    def __init__(self) -> None:
        self.active: dict[str, RegisteredKey] = {}
        self.revoked: set[str] = set()

    def apply(self, stmt: Mapping[str, Any]) -> None:
        kind = stmt.get("type")
        if kind not in (KEY_REGISTERED, KEY_ROTATED, KEY_REVOKED):
            return
        body = stmt.get("body") or {}
        if kind in (KEY_ROTATED, KEY_REVOKED):
            old = body.get("revoked_key") if kind == KEY_ROTATED else body.get("key_id")
            if old in self.active:
                del self.active[old]
                self.revoked.add(old)
        if kind in (KEY_REGISTERED, KEY_ROTATED):
            public_key = unb64(body["public_key"])
            key = RegisteredKey(key_id_of(public_key), body["person"], body.get("member"), public_key)
            self.active[key.key_id] = key

    def problem_with(self, stmt: Mapping[str, Any], signatures: Sequence[Mapping[str, str]]) -> str | None:
        """Why these signatures do not stand for this statement's actor, or None when they do."""
        person = (stmt.get("actor") or {}).get("person")
        for line in signatures:
            key_id = line.get("key", "")
            key = self.active.get(key_id)
            if key is None:
                state = "a revoked" if key_id in self.revoked else "an unknown"
                return f"signed with {state} key {key_id}"
            if key.person != person:
                return f"signed with key {key_id} of {key.person}, not of the actor {person}"
            if not signature_is_valid(stmt, line.get("sig", ""), key.public_key):
                return f"the signature by key {key_id} does not verify"
        return None
