"""The content-addressed store of attached files: each file's bytes under the SHA-256 of its content.

A file lives at `<ACCORD_VAR_DIR>/attachments/<first two hex digits>/<the whole hash>`, written once and
never changed: the same file attached twice is stored once, and a withdrawn attachment keeps its bytes, since
the log still names them and an auditor checks them against it. Backups copy this directory with the
database (docs/operator.md).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

_HASH = re.compile(r"[0-9a-f]{64}")


def root() -> Path:
    return Path(settings.VAR_DIR) / "attachments"


def path_of(sha256: str) -> Path:
    if not _HASH.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 in hex: {sha256!r}")
    return root() / sha256[:2] / sha256


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def put(content: bytes) -> str:
    """Keep the bytes under their hash (once: a file already there is the same file) and give the hash."""
    sha256 = digest(content)
    target = path_of(sha256)
    if target.exists() and digest(target.read_bytes()) == sha256:
        return sha256
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside its place and renamed over it: a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha256


def read(sha256: str) -> bytes | None:
    """The stored bytes, or None when the store has no file of that name."""
    try:
        return path_of(sha256).read_bytes()
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Check:
    sha256: str
    problem: str  # "" when the stored file is there and its content has the hash it is kept under


def check(sha256: str) -> Check:
    """Whether the file kept under `sha256` is there and still has that hash."""
    content = read(sha256)
    if content is None:
        return Check(sha256, "missing")
    if digest(content) != sha256:
        return Check(sha256, "altered: its content's SHA-256 is " + digest(content))
    return Check(sha256, "")
