"""The registry's page acts: closing and reopening a person's access, from its delegation's page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.acting import Actor
from accord.core.context import viewer_for
from accord.core.errors import AccordError, NotFound
from accord.members import actions, queries
from accord.members.models import Person


def _act(request: HttpRequest, username: str, act: Callable[..., Person]) -> HttpResponse:
    """Run the act on a person the viewer may see; back to its delegation's page, or the refusal."""
    if not request.user.is_authenticated:
        raise Http404("sign in first")
    try:
        target = queries.person(viewer_for(request), username)
    except NotFound:
        raise Http404("no such person") from None
    back = (f"/members/{target.member_id}/#delegation-heading" if target.member_id else "/")
    try:
        act(actor=Actor(person=request.user), person=target.username)
    except AccordError as error:
        return render(request, "members/refused.html", {"error": error, "back": back}, status=error.status)
    return redirect(back)


@require_POST
def deactivate(request: HttpRequest, username: str) -> HttpResponse:
    return _act(request, username, actions.deactivate_person)


@require_POST
def reactivate(request: HttpRequest, username: str) -> HttpResponse:
    return _act(request, username, actions.reactivate_person)
