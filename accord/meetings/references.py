"""An agenda item's references: `proposal:ID` and `document:ID` link to the object; other text stays text.

A reference is checked when the item is added: the object must be one the person adding it may see, and
one that every reader of the item may see (or the item, and the outcome it takes from a proposal, would
show them what they may not see); otherwise it is refused exactly as one that does not exist. It is shown
through the access policy: a viewer who may not see the object gets the bare reference, never its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.urls import reverse

from accord.core.errors import InvalidInput, NotFound
from accord.core.policy import Viewer, shown_to_all_readers
from accord.decisions import queries as decisions
from accord.decisions.models import Decision
from accord.documents import queries as documents
from accord.documents.models import Document
from accord.meetings.models import AgendaItem

LINKED = re.compile(r"^(proposal|document):\s*(\d+)$")


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None = None
    kind: str = ""  # "proposal" or "document" for a link; empty for a reference kept as text


class Restricted(Protocol):
    """Who may read an agenda item (accord.meetings.classify.Applies)."""

    @property
    def classification(self) -> str: ...

    @property
    def audience(self) -> tuple[str, ...]: ...


def _object(kind: str, pk: int, viewer: Viewer | None) -> Any:
    """The proposal or document as the viewer may see it (None: the console, which sees everything)."""
    if kind == "proposal":
        return decisions.proposal(viewer, pk)
    if viewer is None:
        return Document.objects.filter(pk=pk).first()
    try:
        return documents.document(viewer, pk)
    except NotFound:
        return None


def _find(kind: str, pk: int, viewer: Viewer | None) -> Link | None:
    """The object's link for the viewer (None: the console, which sees everything); None if not seen."""
    found = _object(kind, pk, viewer)
    if found is None:
        return None
    name = "decisions:proposal" if kind == "proposal" else "documents:document"
    return Link(str(found.title), reverse(name, args=[pk]), kind)


def _shown_within(found: Any, item: Restricted) -> bool:
    return shown_to_all_readers(found.classification, tuple(found.audience or ()), item.classification,
                                item.audience)


def check(reference: str, viewer: Viewer | None, item: Restricted) -> str:
    """The reference, normalized; a `proposal:ID` or `document:ID` is refused as "no such proposal" when it
    names nothing, nothing the viewer (None: the console) may see, or something that not every reader of
    the item may see: the three refusals are one, so that the check tells no one what exists."""
    match = LINKED.match(reference)
    if match is None:
        return reference
    kind, pk = match.group(1), int(match.group(2))
    found = _object(kind, pk, viewer)
    if found is None or not _shown_within(found, item):
        raise InvalidInput("references", f"no such {kind}: {kind}:{pk}")
    return f"{kind}:{pk}"


def resolve(viewer: Viewer, references: list[str]) -> list[Link]:
    """Each reference as the viewer may see it: a link with the title, or the reference as written."""
    links = []
    for reference in references:
        match = LINKED.match(reference)
        found = _find(match.group(1), int(match.group(2)), viewer) if match else None
        links.append(found or Link(reference))
    return links


def proposal_of(references: list[str]) -> int | None:
    """The proposal an agenda item puts before the session (its first `proposal:ID`), if any."""
    for reference in references:
        match = LINKED.match(reference)
        if match and match.group(1) == "proposal":
            return int(match.group(2))
    return None


def proposal_before(references: list[str], item: Restricted) -> int | None:
    """The proposal an item puts before the session, when every reader of the item may see it.

    An item linked before references were checked that way keeps the link as text, and its outcome is
    recorded as any other item's: taking it from the proposal would show the item's readers the outcome
    of a procedure they may not see.
    """
    pk = proposal_of(references)
    found = _object("proposal", pk, None) if pk is not None else None
    return pk if found is not None and _shown_within(found, item) else None


# What a session's item records for each outcome of the decisions app's procedures.
ITEM_OUTCOME = {"adopted": "adopted", "adopted_limited": "adopted", "returned": "returned",
                "withdrawn": "withdrawn", "lapsed": "withdrawn"}


def decided_outcome(proposal: int) -> str | None:
    """The item outcome that the proposal's closed procedure decided; None while none has closed."""
    decision = Decision.objects.filter(proposal_id=proposal).order_by("-entry_seq").first()
    return ITEM_OUTCOME[decision.outcome] if decision else None


def recorded_by(proposal: int, *, besides: int) -> int | None:
    """The entry by which another agenda item recorded the proposal's latest decision, if one did.

    An item recording an outcome after the decision took it from that decision (any other is refused), so
    a later item of any session that puts the same proposal before it records the decision once only.
    """
    decision = Decision.objects.filter(proposal_id=proposal).order_by("-entry_seq").first()
    if decision is None:
        return None
    candidates = (AgendaItem.objects.exclude(pk=besides).exclude(outcome="")
                  .filter(outcome_seq__gt=decision.entry_seq).order_by("outcome_seq"))
    return next((item.outcome_seq for item in candidates if proposal_of(item.references) == proposal), None)
