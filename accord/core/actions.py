"""Core's one act: annotating a recorded act with its sources and certainties (`core.annotated`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.core import provenance
from accord.core.acting import Actor, Recorded, action, record
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.core.policy import SECRETARIAT_OFFICER, Viewer, may_see
from accord.ledger.models import Entry, Sealed
from accord_verify import entries


def may_annotate(viewer: Viewer) -> bool:
    """The secretariat keeps the record's sources (and the operator at the console, who loads an archive)."""
    return viewer.role == SECRETARIAT_OFFICER


def _viewer(actor: Actor) -> Viewer | None:
    if actor.person is None:
        return None
    return Viewer(handle=actor.handle, member=actor.member, role=actor.person.role)


@action
def annotate(*, actor: Actor, entry: int, sources: Mapping[str, Any]) -> Recorded:
    """Record the sources and certainties of the act of entry `entry`, as an act of its own, as restricted
    as the annotated act (a sealed act's annotation is sealed for the same readers)."""
    viewer = _viewer(actor)
    if viewer is not None and not may_annotate(viewer):
        raise NotPermitted("entry", "only the secretariat annotates recorded acts with their sources")
    if isinstance(entry, bool) or not isinstance(entry, int):
        raise InvalidInput("entry", "must be an entry's number")
    found = Entry.objects.filter(seq=entry).first()
    sealed = Sealed.objects.filter(entry_id=entry).first() if found is not None else None
    audience = tuple(sealed.audience) if sealed is not None else ()
    classification = sealed.classification if sealed is not None else found.classification if found else ""
    if found is None or (viewer is not None and not may_see(viewer, classification, audience)):
        raise NotFound("entry")
    if found.type == "core.annotated":
        raise InvalidInput("entry", "an annotation is annotated by annotating the act it annotates")
    data = provenance.normalized(sources)
    recorded = record(type="core.annotated", actor=actor, body={"entry": entry, "provenance": data},
                      classification=classification or entries.PUBLIC, audience=audience,
                      member=(sealed.member if sealed is not None else found.member) or None)
    provenance.keep(entry_seq=entry, recorded_seq=recorded.seq, data=data)
    return recorded
