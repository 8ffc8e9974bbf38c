"""Procedure deadlines on the organization's calendar (a source for accord.core.calendar)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.core.calendar import Entry
from accord.core.policy import Viewer
from accord.decisions import labels, queries
from accord.decisions.models import Procedure


def procedure_deadlines(viewer: Viewer, first: dt.date, last: dt.date) -> list[Entry]:
    """Each deadline the viewer may see: a silence, written or majority procedure's closing instant."""
    rows = Procedure.objects.select_related("proposal").filter(
        deadline__date__gte=first, deadline__date__lte=last)
    return [
        Entry(uid=f"deadline-{p.pk}@accord", title=_("Deadline: %(title)s")
              % {"title": p.proposal.title.pick().text},
              starts=p.deadline, ends=p.deadline, url=reverse("decisions:proposal", args=[p.proposal_id]),
              kind="deadline", description=str(labels.KINDS.get(p.kind, p.kind)))
        for p in rows if p.deadline is not None and queries.proposal(viewer, p.proposal_id) is not None
    ]
