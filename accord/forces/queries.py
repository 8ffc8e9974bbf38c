"""Reads of the standing forces, each given the viewer: a force's classification decides who sees it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accord.core.errors import NotFound
from accord.core.policy import Viewer, may_see
from accord.decisions import queries as decisions
from accord.decisions.models import Proposal
from accord.forces import catalogue
from accord.forces.models import Contribution, Force


def forces(viewer: Viewer) -> list[Force]:
    """Every standing force the viewer may see, in the order they were recorded."""
    return [found for found in Force.objects.all() if may_see(viewer, found.classification)]


def force(viewer: Viewer | None, pk: int) -> Force:
    """The force, or NotFound when it is missing or the viewer may not see it (the two look the same).
    No viewer is the server's console, which sees everything."""
    found = Force.objects.filter(pk=pk).first()
    if found is None or (viewer is not None and not may_see(viewer, found.classification)):
        raise NotFound("force", _("there is no standing force %(number)s") % {"number": pk})
    return found


def establishing_proposal(viewer: Viewer, found: Force) -> Proposal | None:
    """The proposal whose decision established the force, where the viewer may see it."""
    if found.proposal_id is None:
        return None
    return decisions.proposal(viewer, found.proposal_id)


@dataclass(frozen=True)
class Declared:
    """A member's standing declaration of one capability, with the declarations it superseded."""

    current: Contribution
    earlier: list[Contribution]

    @property
    def capability_label(self) -> str:
        return catalogue.label(catalogue.capabilities(), self.current.capability)


@dataclass(frozen=True)
class Standing:
    """A member's standing declaration to a force, named for a choice: "force — capability, N units"."""

    force: Force
    current: Contribution

    @property
    def label(self) -> str:
        return _("%(force)s — %(capability)s, %(units)s units") % {
            "force": self.force.name.pick().text,
            "capability": catalogue.label(catalogue.capabilities(), self.current.capability),
            "units": self.current.units}


def standing_of(viewer: Viewer, member: str | None) -> list[Standing]:
    """The member's standing declarations (not withdrawn) to the forces the viewer may see."""
    if member is None:
        return []
    return [Standing(force, item.current) for force in forces(viewer) for item in declared(force)
            if item.current.member_id == member and item.current.units > 0]


def history(found: Force) -> list[Contribution]:
    """Every declaration made to the force, oldest first."""
    return list(found.contributions.select_related("member").order_by("declared_on", "entry_seq"))


def declared(found: Force) -> list[Declared]:
    """The standing declaration per member and capability (the latest), members in code order; a capability
    declared as 0 units is kept, shown as no longer declared."""
    grouped: dict[tuple[str, str], list[Contribution]] = {}
    for row in history(found):
        grouped.setdefault((row.member_id, row.capability), []).append(row)
    return [Declared(current=rows[-1], earlier=rows[:-1]) for _key, rows in sorted(grouped.items())]


@dataclass(frozen=True)
class Totals:
    units: int
    personnel: int
    equipment: int
    reported: bool  # some figure in the sum is only reported


def totals(standing: list[Declared]) -> Totals:
    """What the standing declarations add up to (figures left out count as none)."""
    current = [item.current for item in standing]
    return Totals(units=sum(row.units for row in current),
                  personnel=sum(row.personnel or 0 for row in current),
                  equipment=sum(row.equipment or 0 for row in current),
                  reported=any(row.reported for row in current))


def exists(pk: int) -> bool:
    """Whether the force is recorded, whoever may see it (for the console, which sees everything)."""
    return Force.objects.filter(pk=pk).exists()
