"""An agenda item's references: `proposal:ID` and `document:ID` link to the object; other text stays text.

A reference is checked when the item is added (the object must exist), and shown through the access
policy: a viewer who may not see the proposal or document gets the bare reference, never its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from accord.core.errors import InvalidInput, NotFound
from accord.core.policy import Viewer

LINKED = re.compile(r"^(proposal|document):\s*(\d+)$")


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None = None
    kind: str = ""  # "proposal" or "document" for a link; empty for a reference kept as text


def _find(kind: str, pk: int, viewer: Viewer | None) -> Link | None:
    """The object's link for the viewer (None: the console, which sees everything); None if not seen."""
    if kind == "proposal":
        from accord.decisions import queries as decisions

        proposal = decisions.proposal(viewer, pk)
        return Link(str(proposal.title), reverse("decisions:proposal", args=[pk]), kind) if proposal else None
    from accord.documents import queries as documents
    from accord.documents.models import Document

    if viewer is None:
        found = Document.objects.filter(pk=pk).first()
    else:
        try:
            found = documents.document(viewer, pk)
        except NotFound:
            found = None
    return Link(str(found.title), reverse("documents:document", args=[pk]), kind) if found else None


def check(reference: str) -> str:
    """The reference, normalized; a `proposal:ID` or `document:ID` that names nothing is refused."""
    match = LINKED.match(reference)
    if match is None:
        return reference
    kind, pk = match.group(1), int(match.group(2))
    if _find(kind, pk, None) is None:
        raise InvalidInput("references", f"there is no {kind} {pk}")
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


# What a session's item records for each outcome of the decisions app's procedures.
ITEM_OUTCOME = {"adopted": "adopted", "adopted_limited": "adopted", "returned": "returned",
                "withdrawn": "withdrawn", "lapsed": "withdrawn"}


def decided_outcome(proposal: int) -> str | None:
    """The item outcome that the proposal's closed procedure decided; None while none has closed."""
    from accord.decisions.models import Decision

    decision = Decision.objects.filter(proposal_id=proposal).order_by("-entry_seq").first()
    return ITEM_OUTCOME[decision.outcome] if decision else None
