"""The registry's page acts: closing and reopening a person's access, from its delegation's page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.pages import acting, render_form, viewer_of
from accord.members import actions, queries
from accord.members.forms import AccessForm
from accord.members.models import Person


def _act(request: HttpRequest, username: str, act: Callable[..., Person]) -> HttpResponse:
    """Run the act on a person the viewer may see; back to its delegation's page, or the refusal."""
    try:
        target = queries.person(viewer_of(request), username)
    except NotFound:
        raise Http404("no such person") from None
    back = (f"/members/{target.member_id}/#delegation-heading" if target.member_id else "/")
    form = AccessForm(request.POST)

    def call(actor: Actor, data: dict[str, object]) -> Person:
        return act(actor=actor, person=target.username)

    if form.act(request, call) is None:
        return render_form(request, "members/refused.html", {"form": form, "back": back}, form)
    return redirect(back)


@acting
def deactivate(request: HttpRequest, username: str) -> HttpResponse:
    return _act(request, username, actions.deactivate_person)


@acting
def reactivate(request: HttpRequest, username: str) -> HttpResponse:
    return _act(request, username, actions.reactivate_person)
