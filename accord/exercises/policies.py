"""Who may act on exercises; actions enforce it, pages and the API offer only what it allows."""

from __future__ import annotations

from accord.core import policy
from accord.core.policy import Viewer
from accord.exercises import catalogue
from accord.exercises.models import Exercise
from accord.forces import policies as forces


def plans_exercises(viewer: Viewer) -> bool:
    """The secretariat (for the Joint Staff) adopts the plan, plans exercises and records them held."""
    return viewer.in_secretariat


def acts_for_host(viewer: Viewer, host: str) -> bool:
    """The host's head or delegate, or the secretariat, confirms, postpones, moves or cancels an exercise."""
    if viewer.in_secretariat:
        return True
    return viewer.member == host and viewer.is_member_official and viewer.role in (policy.HEAD, policy.DELEGATE)


def declares_participation(viewer: Viewer, member: str) -> bool:
    """A member's participation is declared by its own officials, as its contributions to a force are."""
    return forces.declares_for(viewer, member)


# The evaluation and the lessons are shared with the member states (the participants among them), never with
# observers or the public, whatever the exercise's own classification.
EVALUATION = policy.MEMBERS


def sees_evaluation(viewer: Viewer, found: Exercise) -> bool:
    return policy.may_see(viewer, EVALUATION) and policy.may_see(viewer, found.classification)


def evaluates(viewer: Viewer) -> bool:
    """The secretariat (for the Joint Staff) assesses a held exercise's objectives."""
    return viewer.in_secretariat


def draws_lessons(viewer: Viewer, found: Exercise, participants: set[str]) -> bool:
    """The secretariat, or an official of the host or of a member that pledged or confirmed its part."""
    if viewer.in_secretariat:
        return True
    return viewer.member in participants and forces.declares_for(viewer, viewer.member or "")


def allowed(viewer: Viewer, found: Exercise) -> list[str]:
    """The acts the viewer may perform on the exercise now: what the pages offer, and the actions accept."""
    # Sources are compared after the fact too: the secretariat records a source's dates in any state.
    claims = ["record_date_claim"] if plans_exercises(viewer) else []
    if found.state == "held":
        participants = {found.host_id, *found.participations.filter(status__in=("pledged", "confirmed"))
                        .values_list("member_id", flat=True)}
        return sorted(claims + (["assess"] if evaluates(viewer) else [])
                      + (["record_lesson"] if draws_lessons(viewer, found, participants) else []))
    if found.state not in catalogue.OPEN_STATES:
        return claims
    acts: list[str] = [*claims]
    if acts_for_host(viewer, found.host_id):
        acts += ["postpone", "move", "cancel"] + ([] if found.state == "confirmed" else ["confirm"])
    if plans_exercises(viewer):
        acts.append("record_held")
    if viewer.in_secretariat or declares_participation(viewer, viewer.member or ""):
        acts.append("declare_participation")
    return sorted(acts)
