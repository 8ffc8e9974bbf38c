"""Every change to the standing forces' registry: each function is one act with its ledger entry.

A force's acts carry its classification, so that a force kept for the members' eyes stays sealed from
observers and the public in the ledger and in live events alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _

from accord.core import clock, policy, prepared
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.core.translations import texts_of
from accord.core.values import choice_of, date_of, iso_of
from accord.decisions import queries as decisions
from accord.forces import catalogue, policies, queries
from accord.forces.models import Contribution, Force
from accord.members.models import Member
from accord.members.queries import state_name

CLASSIFICATIONS = (policy.PUBLIC, policy.MEMBERS)
Day = dt.date | str | None


def _viewer(actor: Actor) -> policy.Viewer | None:
    """Whom the policy judges: the person's viewer, or None for the console operator, who may do anything."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _count(value: object, field: str, *, required: bool) -> int | None:
    """A whole number from 0, or None where it may be left out."""
    if value is None or value == "":
        if required:
            raise InvalidInput(field, _("is required"))
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(field, _("must be a whole number from 0"))
    return value


def _day(value: Day, field: str) -> dt.date | None:
    """A day that has come; None when not given."""
    day = date_of(value, field)
    if day is not None and day > clock.today():
        raise InvalidInput(field, _("is in the future: only what has happened is recorded"))
    return day


@action
def establish_force(*, actor: Actor, name: Mapping[str, str], purpose: Mapping[str, str] | None = None,
                    size: int | None = None, established_on: Day = None, proposal: int | None = None,
                    decision_reference: Mapping[str, str] | str = "", source: Mapping[str, str] | str = "",
                    classification: str = policy.PUBLIC,
                    signed: Signed | None = None) -> Force:
    """Record a standing force established by a decision of the organization (the secretariat)."""
    viewer = _viewer(actor)
    if viewer is not None and not policies.establishes_forces(viewer):
        raise NotPermitted("actor", _("only the secretariat may record a standing force"))
    names = texts_of(name, "name", limit=300)
    purposes = texts_of(purpose or {}, "purpose", required=False, limit=2000)
    count = _count(size, "size", required=False)
    founded = _day(established_on, "established_on")
    choice_of(classification, "classification", CLASSIFICATIONS)
    reference = texts_of(decision_reference, "decision_reference", required=False)
    where = texts_of(source, "source", required=False)
    if proposal is not None and decisions.proposal(viewer, proposal) is None:
        raise NotFound("proposal", _("there is no proposal %(number)s") % {"number": proposal})
    if proposal is None and not reference:
        raise InvalidInput("decision_reference",
                           _("name the decision that established the force, or its proposal"))
    force = Force(name=names, purpose=purposes, size=count, established_on=founded, proposal_id=proposal,
                  decision_reference=reference, source=where, classification=classification, entry_seq=-1)
    force.save(force_insert=True)
    force.entry_seq = record(
        type="forces.established", actor=actor, signed=signed, classification=classification,
        body={"force": force.pk, "name": dict(names), "purpose": dict(purposes), "size": count,
              "established_on": iso_of(founded), "proposal": proposal,
              "decision_reference": dict(reference), "source": dict(where)}).seq
    prepared.save(force, ["entry_seq"])
    return force


@action
def declare_contribution(*, actor: Actor, force: int, member: str, capability: str, units: int,
                         personnel: int | None = None, equipment: int | None = None, reported: bool = False,
                         note: Mapping[str, str] | str = "", declared_on: Day = None,
                         signed: Signed | None = None) -> Contribution:
    """A member declares what it contributes of one capability to a standing force; a later declaration of
    the same capability supersedes this one, and 0 units withdraws it. The history stays."""
    viewer = _viewer(actor)
    found = queries.force(viewer, force)
    code = str(member).strip().upper()
    if viewer is not None and not policies.declares_for(viewer, code):
        raise NotPermitted("member", _("%(actor)s does not declare contributions for %(member)s")
                                     % {"actor": actor, "member": state_name(code) or "—"})
    if not Member.objects.filter(code=code).exists():
        raise InvalidInput("member", _("%(code)s is not a member state in the registry") % {"code": repr(code)})
    kind = choice_of(capability, "capability", catalogue.codes(catalogue.capabilities()))
    count = _count(units, "units", required=True)
    assert count is not None
    people = _count(personnel, "personnel", required=False)
    pieces = _count(equipment, "equipment", required=False)
    remark = texts_of(note, "note", required=False)
    day = _day(declared_on, "declared_on") or clock.today()
    row = Contribution(force=found, member_id=code, capability=kind, units=count, personnel=people,
                       equipment=pieces, reported=bool(reported), note=remark, declared_on=day,
                       by=actor.handle or "", entry_seq=-1)
    row.save(force_insert=True)
    row.entry_seq = record(type="forces.contribution_declared", actor=actor, signed=signed,
                           classification=found.classification, member=code,
                           body={"force": found.pk, "member": code, "capability": kind, "units": count,
                                 "personnel": people, "equipment": pieces, "reported": row.reported,
                                 "note": dict(remark), "declared_on": iso_of(day)}).seq
    prepared.save(row, ["entry_seq"])
    return row
