"""Where a thing came from, as an app above it knows: a crisis that grew out of joint consultations links back
to them, though the crises app lies below monitoring and may not import it.

An app registers a source with `register_origin`: a function of the viewer, a kind of thing ("crisis") and
its key giving the links that viewer may follow. The page of the thing lists `origins(viewer, kind, pk)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.core.policy import Viewer


@dataclass(frozen=True)
class Origin:
    """A link to what the thing grew from, in the reader's language."""

    label: str
    url: str


Source = Callable[[Viewer, str, int], list[Origin]]
_SOURCES: dict[str, Source] = {}


def register_origin(name: str, source: Source) -> None:
    """Add an app's origins (once per name; registering again replaces)."""
    _SOURCES[name] = source


def origins(viewer: Viewer, kind: str, pk: int) -> list[Origin]:
    """Every origin the registered sources give for the thing, as the viewer may see them."""
    return [origin for source in _SOURCES.values() for origin in source(viewer, kind, pk)]
