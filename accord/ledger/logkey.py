"""Where the organization's log key lives: the file named by the settings, made on first use.

The key's format is the verifier's (accord_verify.keys), which a witness uses without Django."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from nacl.signing import SigningKey

from accord_verify.keys import LogKey, format_private_key, parse_private_key


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
