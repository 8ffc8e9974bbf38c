"""An Ed25519 key in the C2SP note private-key format (PRIVATE+KEY+name+hash+key), kept in a file.

The log's key and a witness's key are both written this way; the server adds where its log key lives
(accord/ledger/logkey.py), a witness is given its key file on its command line.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from nacl.signing import SigningKey

from accord_verify import note


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
