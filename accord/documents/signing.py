"""Signing a version's hash with a private key kept on the signer's own machine (never on the server)."""

from __future__ import annotations

from pathlib import Path

from nacl.signing import SigningKey

from accord.core import keyfile
from accord_verify import entries, texts


def load_key(path: Path) -> tuple[str, SigningKey]:
    """A person's key file (accord/core/keyfile.py): its key id and key."""
    loaded = keyfile.load(path)
    return loaded.key_id, loaded.key


def sign_hash(key: SigningKey, version_hash: str) -> str:
    """The base64 Ed25519 signature over the document signing message for this hash."""
    if not version_hash.startswith("sha256:") or len(version_hash) != 71:
        raise ValueError(f"{version_hash!r} is not a version hash (sha256:<64 hex digits>)")
    return entries.b64(key.sign(texts.signing_message(version_hash)).signature)
