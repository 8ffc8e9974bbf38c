"""The organization's log key: an Ed25519 key in the C2SP note private-key format, kept in a file."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from nacl.signing import SigningKey

from accord.ledger import note


@dataclass(frozen=True)
class LogKey:
    name: str
    signing_key: SigningKey

    @property
    def public_key(self) -> bytes:
        return bytes(self.signing_key.verify_key)

    @property
    def vkey(self) -> str:
        return note.format_vkey(self.name, self.public_key)


def format_private_key(name: str, key: SigningKey) -> str:
    keyhash = note.key_id(name, bytes(key.verify_key)).hex()
    encoded = base64.b64encode(b"\x01" + bytes(key)).decode()
    return f"PRIVATE+KEY+{name}+{keyhash}+{encoded}"


def parse_private_key(text: str) -> LogKey:
    parts = text.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise ValueError("the log key file is not a PRIVATE+KEY+name+hash+key line")
    raw = base64.b64decode(parts[4])
    if len(raw) != 33 or raw[0] != 1:
        raise ValueError("the log key file does not hold an Ed25519 key")
    key = LogKey(parts[2], SigningKey(raw[1:]))
    if note.key_id(key.name, key.public_key).hex() != parts[3]:
        raise ValueError("the log key file's key hash does not match its key")
    return key


@lru_cache(maxsize=4)
def _load(path: Path, origin: str) -> LogKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Create it readable by its owner only, without a moment when it is readable by others.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(format_private_key(origin, SigningKey.generate()) + "\n")
    return parse_private_key(path.read_text())


def log_key() -> LogKey:
    return _load(Path(settings.LOG_KEY_FILE), settings.LOG_ORIGIN)
