"""Acts as the pages list them: one row shape for the dashboard's latest acts and the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from accord.core.events import Event
from accord.core.labels import CLASSIFICATION_LABELS, act_label, label_in
from accord.core.policy import Viewer


@dataclass(frozen=True)
class ActRow:
    seq: int
    type: str
    time: dt.datetime
    classification: str
    actor: str | None  # the person's handle, None for the console operator
    member: str | None
    sealed: bool  # the viewer may not read the act's content
    # The drill whose act it is (accord.core.drill: `"drill": n` in its body), for a viewer who may read it;
    # None for a real act, and for an act sealed to the viewer, whose drill mark is sealed with it.
    drill: int | None = None

    @property
    def label(self) -> str:
        return act_label(self.type)

    @property
    def classification_label(self) -> str:
        return label_in(CLASSIFICATION_LABELS, self.classification)


@dataclass(frozen=True)
class Names:
    """Display names for the handles and member codes that acts carry. A person is named by their name and
    role to a reader who may see people (signed in), and by their role alone to the public, who may not
    (members.queries.people): a login name is neither, so no page lists one as who acted."""

    people: Mapping[str, str]
    members: Mapping[str, str]
    roles: Mapping[str, str] = field(default_factory=dict)

    def person(self, handle: str | None) -> str | None:
        if handle is None:
            return None
        return self.people.get(handle) or self.roles.get(handle) or handle

    def role(self, handle: str | None) -> str | None:
        """The role said beside a person's name: none where the role is all that is said of them."""
        return self.roles.get(handle) if handle is not None and handle in self.people else None

    def member(self, code: str | None) -> str | None:
        return None if code is None else self.members.get(code, code)


def from_event(event: Event, viewer: Viewer) -> ActRow:
    """The act as this viewer may see it: for an act it may not read, who did it and about which
    member stay sealed, as in the public log."""
    sealed = bool(event.for_viewer(viewer).get("sealed"))
    return ActRow(
        seq=event.id,
        type=event.type,
        time=dt.datetime.fromisoformat(event.time),
        classification=event.classification,
        actor=None if sealed else event.actor,
        member=None if sealed else event.member,
        sealed=sealed,
        drill=None if sealed else drill_of(event),
    )


def drill_of(event: Event) -> int | None:
    """The drill an act was made in, by the mark its body carries (None: a real act)."""
    mark = event.body.get("drill")
    return mark if isinstance(mark, int) and not isinstance(mark, bool) else None


def newest_first(rows: Iterable[ActRow]) -> list[ActRow]:
    return sorted(rows, key=lambda row: row.seq, reverse=True)
