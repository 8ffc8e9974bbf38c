"""Core's one act: annotating a recorded act with its sources and certainties (`core.annotated`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.core import prepared, provenance
from accord.core.acting import Actor, Recorded, action, record
from accord.core.errors import InvalidInput, NotPermitted
from accord.core.policy import SECRETARIAT_OFFICER, Viewer, viewer_of


def may_annotate(viewer: Viewer) -> bool:
    """The secretariat keeps the record's sources (and the operator at the console, who loads an archive)."""
    return viewer.role == SECRETARIAT_OFFICER


@action
def annotate(*, actor: Actor, entry: int, sources: Mapping[str, Any]) -> Recorded:
    """Record the sources and certainties of the act of entry `entry`, as an act of its own, as restricted
    as the annotated act (a sealed act's annotation is sealed for the same readers). A later annotation
    of a field stands for it; the earlier ones stay in the log and their sources are kept beside."""
    viewer = viewer_of(actor.person) if actor.person is not None else None
    if isinstance(entry, bool) or not isinstance(entry, int):
        raise InvalidInput("entry", "must be an entry's number")
    found = provenance.entry(viewer, entry)
    if viewer is not None and not may_annotate(viewer):
        raise NotPermitted("entry", "only the secretariat annotates recorded acts with their sources")
    if found.type == "core.annotated":
        raise InvalidInput("entry", "an annotation is annotated by annotating the act it annotates")
    data = provenance.normalized(sources)
    recorded = record(type="core.annotated", actor=actor, body={"entry": entry, "provenance": data},
                      classification=found.classification, audience=found.audience, member=found.member or None)
    keep_provenance(entry_seq=entry, recorded_seq=recorded.seq, data=data)
    return recorded


def keep_provenance(*, entry_seq: int, recorded_seq: int, data: Mapping[str, Any]) -> None:
    """Keep a recorded provenance beside the log, in the transaction of the act that recorded it (record()
    for an act's own sources, annotate() for a later annotation); the log holds the same in its entry."""
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    Provenance.objects.create(entry_seq=entry_seq, recorded_seq=recorded_seq, data=dict(data))


def keep_certainty(*, entry_seq: int, field: str, certainty: str, standing_in: bool = False) -> None:
    """Keep a field's certainty that an act's entry says in a column of its own body, written before the
    certainty was the act's provenance (a monitoring value's `illustrative`), as that act's own provenance:
    added to the one the act carried where it carried one, unless it names the field already. The data
    migration that carried such a column over does the same, so that a replay of the log rebuilds it.

    `standing_in`: the column stood in for the act's provenance only where the act carried none (a monitoring
    assessment's or consultation's `certainty`, which its page showed only then): kept only then."""
    from accord.core.models import Provenance  # core's models load after the apps registry is ready

    row = Provenance.objects.filter(entry_seq=entry_seq, recorded_seq=entry_seq).first()
    if row is not None and standing_in:
        return
    if row is None:
        Provenance.objects.create(entry_seq=entry_seq, recorded_seq=entry_seq,
                                  data={"fields": {field: {"certainty": certainty}}})
        return
    fields = dict(row.data.get("fields") or {})
    if field not in fields:
        row.data = {**row.data, "fields": {**fields, field: {"certainty": certainty}}}
        prepared.save(row, ["data"])
