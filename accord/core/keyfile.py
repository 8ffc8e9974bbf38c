"""A person's private key file, kept on the person's own machine (never on the server).

One JSON object: {"person": username, "key_id": "ed25519:<16 hex>", "private_key": base64 of the 32-byte
Ed25519 seed} (docs/ledger.md, "A person's key file"). `accord keygen` writes it, `accord demo` writes the
demo persons' own, `accord sign` reads it. The file is created readable by its owner only, and never over
another: a key that signed acts is not to be lost by a second keygen.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.signing import SigningKey

from accord_verify import entries


class KeyFileError(ValueError):
    pass


@dataclass(frozen=True)
class KeyFile:
    person: str
    key: SigningKey

    @property
    def key_id(self) -> str:
        return entries.key_id_of(bytes(self.key.verify_key))

    @property
    def public_key(self) -> str:
        """The base64 public key, as POST /api/v1/persons/{username}/keys registers it."""
        return entries.b64(bytes(self.key.verify_key))


def generate(person: str) -> KeyFile:
    if not person.strip():
        raise KeyFileError("the person is required: the username the key is to be registered for")
    return KeyFile(person=person.strip(), key=SigningKey.generate())


def write(path: Path, key_file: KeyFile) -> None:
    """Create `path` (mode 0600) holding the key; an existing file is refused, left as it was."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path} exists already: a key file is never overwritten "
                           "(move it away first, or choose another name)") from None
    except OSError as error:
        raise KeyFileError(f"cannot create {path}: {error.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"person": key_file.person, "key_id": key_file.key_id,
                   "private_key": entries.b64(bytes(key_file.key))}, handle)
        handle.write("\n")


def load(path: Path) -> KeyFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        key = SigningKey(entries.unb64(data["private_key"]))
        person = data["person"]
        key_id = data.get("key_id")
    except OSError as error:
        raise KeyFileError(f"cannot read {path}: {error.strerror}") from None
    except (ValueError, KeyError, TypeError):
        raise KeyFileError(f"{path} is not an Accord private key file") from None
    if not isinstance(person, str) or not person:
        raise KeyFileError(f"{path} is not an Accord private key file: it names no person")
    loaded = KeyFile(person=person, key=key)
    if key_id is not None and key_id != loaded.key_id:
        raise KeyFileError(f"{path} is damaged: its key_id is not the id of the key it holds")
    return loaded
