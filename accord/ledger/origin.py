"""Whether a server may start under the configured log origin: outside the demo, a name of its own."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from accord_verify.keys import parse_private_key

GUIDE = "docs/operator.md, \"The log's name\""


def refusal() -> str | None:
    """Why a server must not start with these settings, or None."""
    origin = settings.LOG_ORIGIN
    if origin == settings.DEFAULT_LOG_ORIGIN and not settings.DEMO:
        # Two organizations under one origin would sign checkpoints of two different logs under one
        # name: a verifier or witness could no longer tell them apart.
        return (f"the log's origin is the default {origin!r}, which every demo install shares: set "
                "ACCORD_LOG_ORIGIN to a name from your organization's domain, such as "
                f"accord.example.org/log ({GUIDE}); ACCORD_DEMO=on serves the demo under the default")
    if not origin or "+" in origin or any(c.isspace() or not c.isprintable() for c in origin):
        return (f"ACCORD_LOG_ORIGIN {origin!r} is not a log name: it must be one word without spaces "
                f"or '+', such as accord.example.org/log ({GUIDE})")
    key_file = Path(settings.LOG_KEY_FILE)
    if key_file.exists():
        try:
            key_name = parse_private_key(key_file.read_text()).name
        except (OSError, ValueError) as error:
            return f"the log key file {key_file} cannot be read: {error}"
        if key_name != origin:
            return (f"the log key file {key_file} is the key of the log {key_name!r}, not of "
                    f"ACCORD_LOG_ORIGIN {origin!r}: a log keeps its name for good ({GUIDE})")
    return None


def check() -> None:
    """Raise ImproperlyConfigured when the server must not start; what every entry point calls."""
    problem = refusal()
    if problem:
        raise ImproperlyConfigured(f"Accord will not serve: {problem}")
