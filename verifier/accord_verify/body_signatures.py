"""The signatures an act's body carries beside its statement's own (a head's signature of a document),
and their check against the keys in force at that entry. Pure, without Django: the log verifier, the
documents app and any verifier of its own use the same definitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from accord_verify import entries

# What a head signs is this prefix and the version's hash: the prefix keeps a document signature from
# ever being valid as the signature of a ledger statement (whose prefix differs), or of anything else.
DOCUMENT_SIGNING_CONTEXT = b"accord document v1\n"
DOCUMENT_SIGNED = "documents.signed"


def document_signing_message(version_hash: str) -> bytes:
    return DOCUMENT_SIGNING_CONTEXT + version_hash.encode("ascii")


def document_signature_is_valid(version_hash: str, signature: str, public_key: bytes | VerifyKey) -> bool:
    verify_key = public_key if isinstance(public_key, VerifyKey) else VerifyKey(public_key)
    try:
        verify_key.verify(document_signing_message(version_hash), entries.unb64(signature))
    except (BadSignatureError, ValueError, TypeError, UnicodeEncodeError):
        return False
    return True


def _document_signature(stmt: Mapping[str, Any], registry: entries.KeyRegistry) -> str | None:
    body = stmt.get("body")
    if not isinstance(body, Mapping):
        return "its document signature is missing: the body is not an object"
    key_id, signature, version_hash = body.get("key"), body.get("signature"), body.get("hash")
    if not (isinstance(key_id, str) and isinstance(signature, str) and isinstance(version_hash, str)):
        return "its document signature is incomplete: the body must hold the key, the signature and the hash"
    # The head signs for itself: the key must be one the actor had registered, in force at this entry.
    actor = stmt.get("actor")
    person = actor.get("person") if isinstance(actor, Mapping) else None
    key, problem = registry.key_of(key_id, person, "signer")
    if key is None:
        return f"its document signature is by {problem}"
    if not document_signature_is_valid(version_hash, signature, key.verify_key):
        return f"its document signature by key {key_id} does not verify over the hash {version_hash}"
    return None


# Each act type whose body carries a signature, and the check of it. A new act type whose body carries
# a signature registers its check here, so that the log verifier checks it like every other.
CHECKS = {DOCUMENT_SIGNED: _document_signature}


def problem_with(stmt: Mapping[str, Any], registry: entries.KeyRegistry) -> str | None:
    """Why the signature the statement's body carries does not stand, or None when it does (or when
    its type carries none)."""
    check = CHECKS.get(stmt.get("type"))  # type: ignore[arg-type]
    return check(stmt, registry) if check is not None else None
