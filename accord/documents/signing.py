"""Signing a version's hash with a private key kept on the signer's own machine (never on the server)."""

from __future__ import annotations

import json
from pathlib import Path

from nacl.signing import SigningKey

from accord_verify import entries, texts


class KeyFileError(ValueError):
    pass


def load_key(path: Path) -> tuple[str, SigningKey]:
    """A key file as `accord demo` writes it: {"person", "key_id", "private_key" (base64 seed)}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        key = SigningKey(entries.unb64(data["private_key"]))
    except OSError as error:
        raise KeyFileError(f"cannot read {path}: {error.strerror}") from None
    except (ValueError, KeyError, TypeError):
        raise KeyFileError(f"{path} is not an Accord private key file") from None
    return entries.key_id_of(bytes(key.verify_key)), key


def sign_hash(key: SigningKey, version_hash: str) -> str:
    """The base64 Ed25519 signature over the document signing message for this hash."""
    if not version_hash.startswith("sha256:") or len(version_hash) != 71:
        raise ValueError(f"{version_hash!r} is not a version hash (sha256:<64 hex digits>)")
    return entries.b64(key.sign(texts.signing_message(version_hash)).signature)
