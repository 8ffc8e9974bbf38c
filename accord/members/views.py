"""The registry's pages: closing and reopening a person's access from its delegation's page, and the
administration pages (people, keys, passwords, bodies and seats, the members' history, the chairmanship)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from accord.core import filters
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, render_form, viewer_of
from accord.core.policy import Viewer
from accord.members import actions, policies, queries
from accord.members.forms import (
    AccessForm,
    BodyForm,
    HandoverForm,
    HistoryForm,
    KeyForm,
    OverrideForm,
    OwnPasswordForm,
    PersonForm,
    ResetPasswordForm,
    RevokeForm,
    RoleForm,
    RuleForm,
    SeatForm,
    TitleForm,
    UnseatForm,
)
from accord.members.models import Person, Role, SigningKey


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


# The administration pages: people, roles, titles, passwords and keys; bodies and seats; the members'
# history and the chairmanship. Each form is offered exactly where its action would accept the viewer
# (members.policies); a page the viewer may not use answers as a missing one does.


def _may_administer(request: HttpRequest) -> Viewer:
    viewer = viewer_of(request)
    if not policies.administers_something(viewer):
        raise Http404("no such page")
    return viewer


def _keeps_registry(request: HttpRequest) -> Viewer:
    viewer = _may_administer(request)
    if policies.keeps_registry(viewer, "") is not None:
        raise Http404("no such page")
    return viewer


def _state_choices(viewer: Viewer) -> list[tuple[str, str]]:
    return [(view.code, f"{view.member.name.pick().text} ({view.code})") for view in queries.members(viewer)]


def _delegations_kept(viewer: Viewer) -> list[tuple[str, str]]:
    """The delegations a person may be added to by the viewer: "" for the secretariat's own."""
    kept = [("", str(_("Secretariat (no delegation)")))] if policies.administers(viewer, None) is None else []
    return kept + [(code, name) for code, name in _state_choices(viewer)
                   if policies.administers(viewer, code) is None]


class PeopleFilter(filters.ListFilters):
    """The people list's filters (GET): a member ("-" the secretariat), a role, active or not."""

    member = filters.choice(_("Delegation"))
    role = filters.choice(_("Role"))
    active = filters.choice(_("Access"))


@require_GET
def administration(request: HttpRequest) -> HttpResponse:
    viewer = _may_administer(request)
    return render(request, "members/admin/index.html", {
        "keeps_registry": policies.keeps_registry(viewer, "") is None,
        "nav": "administration",
    })


@require_GET
def people(request: HttpRequest) -> HttpResponse:
    viewer = _may_administer(request)
    chosen = PeopleFilter(request.GET, {
        "member": [("-", _("Secretariat (no delegation)")), *_state_choices(viewer)],
        "role": list(Role.choices),
        "active": [("yes", _("Access open")), ("no", _("Access closed"))],
    })
    asked = chosen.chosen()
    listed = queries.people_listed(viewer, member=asked.get("member"), role=asked.get("role"),
                                   active={"yes": True, "no": False}.get(asked.get("active", "")))
    return render(request, "members/admin/people.html", {
        "filters": chosen, "count": len(listed), "people": listed, "may_add": bool(_delegations_kept(viewer)),
        "nav": "administration",
    })


def new_person(request: HttpRequest) -> HttpResponse:
    """The form to add a person (GET), and adding it (POST)."""
    if request.method == "POST":
        return _add_person(request)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    viewer = _may_administer(request)
    form = PersonForm(members=_delegations_kept(viewer))
    return render_form(request, "members/admin/new_person.html", {"form": form, "nav": "administration"}, form)


@acting
def _add_person(request: HttpRequest) -> HttpResponse:
    viewer = _may_administer(request)
    form = PersonForm(request.POST, members=_delegations_kept(viewer))
    added = form.act(request, lambda actor, data: actions.add_person(actor=actor, **data))
    if added is None:
        return render_form(request, "members/admin/new_person.html", {"form": form, "nav": "administration"}, form)
    messages.success(request, _("%(name)s was added.") % {"name": added.display_name})
    return redirect("administration:person", username=added.username)


def _target(request: HttpRequest, username: str) -> Person:
    """A person whose page the viewer may open: its own, or anyone's for those who administer."""
    viewer = viewer_of(request)
    try:
        found = queries.person(viewer, username)
    except NotFound:
        raise Http404("no such person") from None
    if viewer.handle != found.username and not policies.administers_something(viewer):
        raise Http404("no such person")
    return found


def _person_page(request: HttpRequest, target: Person, bound: ActForm | None = None, name: str = "",
                 **extra: Any) -> HttpResponse:
    viewer = viewer_of(request)
    is_self = viewer.handle == target.username
    keeps = policies.administers(viewer, target.member_id) is None
    keeps_keys = policies.keeps_keys_of(viewer, target) is None
    officers = queries.active_officers()
    forms_: dict[str, ActForm] = {}
    if policies.titles(viewer, target) is None:
        forms_["title"] = TitleForm(initial={"title": target.title}, auto_id="title-%s")
    if keeps:
        forms_["role"] = RoleForm(initial={"role": target.role, "delegation_admin": target.is_delegation_admin},
                                  auto_id="role-%s")
    if is_self:
        forms_["password"] = OwnPasswordForm(auto_id="password-%s")
    elif keeps_keys:
        forms_["password"] = ResetPasswordForm(auto_id="password-%s")
    keys = []
    for key in queries.keys_of(viewer, target.username):
        offered = keeps_keys and key.is_active
        rotate: ActForm | None = KeyForm(auto_id=f"rotate-{key.key_id}-%s") if offered else None
        revoke: ActForm | None = RevokeForm(auto_id=f"revoke-{key.key_id}-%s") if offered else None
        if bound is not None and name == f"rotate-{key.key_id}":
            rotate = bound
        if bound is not None and name == f"revoke-{key.key_id}":
            revoke = bound
        keys.append({"key": key, "rotate": rotate, "revoke": revoke})
    if keeps_keys:
        forms_["key"] = KeyForm(auto_id="key-%s")
    if bound is not None and name in forms_:
        forms_[name] = bound
    return render_form(request, "members/admin/person.html", {
        "person": target, "is_self": is_self, "forms": forms_, "keys": keys,
        "may_deactivate": policies.deactivates(viewer, target, active_officers=officers) is None,
        "may_reactivate": policies.reactivates(viewer, target) is None,
        "seats": queries.seats_of(viewer, target.username),
        "acts": queries.acts_about(viewer, target.username),
        "refused": bound, "nav": "administration", **extra,
    }, bound or ActForm())


@require_GET
def person(request: HttpRequest, username: str) -> HttpResponse:
    return _person_page(request, _target(request, username))


def _person_act(request: HttpRequest, target: Person, name: str, form: ActForm,
                call: Callable[[Actor, dict[str, Any]], object], done: str, anchor: str) -> HttpResponse:
    """Run one act from a person's page: back to the page with what was done said once, or the page with
    the refused form in its place."""
    form.act(request, call)
    if form.errors:  # an act may answer None (unseat): what says it was refused is the form's errors
        return _person_page(request, target, form, name)
    messages.success(request, done)
    return redirect(reverse("administration:person", args=[target.username]) + anchor)


@acting
def set_title(request: HttpRequest, username: str) -> HttpResponse:
    target = _target(request, username)
    form = TitleForm(request.POST, auto_id="title-%s")
    return _person_act(request, target, "title", form, lambda actor, data: actions.set_title(
        actor=actor, person=target.username, **data), str(_("The title was set.")), "#title-heading")


@acting
def change_role(request: HttpRequest, username: str) -> HttpResponse:
    target = _target(request, username)
    form = RoleForm(request.POST, auto_id="role-%s")
    return _person_act(request, target, "role", form, lambda actor, data: actions.change_role(
        actor=actor, person=target.username, **data), str(_("The role was changed.")), "#role-heading")


@acting
def close_access(request: HttpRequest, username: str) -> HttpResponse:
    target = _target(request, username)
    return _person_act(request, target, "access", AccessForm(request.POST), lambda actor, data:
                       actions.deactivate_person(actor=actor, person=target.username),
                       str(_("The access was closed.")), "")


@acting
def reopen_access(request: HttpRequest, username: str) -> HttpResponse:
    target = _target(request, username)
    return _person_act(request, target, "access", AccessForm(request.POST), lambda actor, data:
                       actions.reactivate_person(actor=actor, person=target.username),
                       str(_("The access was reopened.")), "")


@acting
def password(request: HttpRequest, username: str) -> HttpResponse:
    """One's own password (the current one first), or a keeper's reset of another's: the password typed,
    or a one-time one made here and shown on the page this once."""
    target = _target(request, username)
    if viewer_of(request).handle == target.username:
        own = OwnPasswordForm(request.POST, person=target, auto_id="password-%s")
        own.act(request, lambda actor, data: actions.set_password(
            actor=actor, person=target.username, password=data["password"]))
        if own.errors:
            return _person_page(request, target, own, "password")
        # The session stays signed in under the new password.
        update_session_auth_hash(request, queries.person(viewer_of(request), target.username))
        messages.success(request, _("Your password was changed."))
        return redirect(reverse("administration:person", args=[target.username]) + "#password-heading")
    reset = ResetPasswordForm(request.POST, auto_id="password-%s")
    made: list[str] = []

    def call(actor: Actor, data: dict[str, Any]) -> None:
        chosen = data.get("password") or ""
        if not chosen:
            chosen = secrets.token_urlsafe(12)
            made.append(chosen)
        actions.set_password(actor=actor, person=target.username, password=chosen)

    reset.act(request, call)
    if reset.errors:
        return _person_page(request, target, reset, "password")
    if made:
        # Shown in this answer only, never stored anywhere the page could show it again.
        return _person_page(request, target, one_time_password=made[0])
    messages.success(request, _("The password was set."))
    return redirect(reverse("administration:person", args=[target.username]) + "#password-heading")


@login_required
@require_http_methods(["GET", "POST"])
def choose_password(request: HttpRequest) -> HttpResponse:
    """The page to choose one's own password, where a one-time password leads first (and only)."""
    me = queries.person(viewer_of(request), request.user.get_username())
    if request.method == "GET":
        form = OwnPasswordForm(person=me, auto_id="password-%s")
        return render_form(request, "members/admin/choose_password.html", {"form": form, "person": me}, form)
    return _choose_password(request, me)


@acting
def _choose_password(request: HttpRequest, me: Person) -> HttpResponse:
    form = OwnPasswordForm(request.POST, person=me, auto_id="password-%s")
    form.act(request, lambda actor, data: actions.set_password(actor=actor, person=me.username,
                                                                password=data["password"]))
    if form.errors:
        return render_form(request, "members/admin/choose_password.html", {"form": form, "person": me}, form)
    update_session_auth_hash(request, queries.person(viewer_of(request), me.username))
    messages.success(request, _("Your password was changed."))
    return redirect("web:dashboard")


@acting
def register_key(request: HttpRequest, username: str) -> HttpResponse:
    target = _target(request, username)
    form = KeyForm(request.POST, auto_id="key-%s")
    return _person_act(request, target, "key", form, lambda actor, data: actions.register_key(
        actor=actor, person=target.username, **data), str(_("The key was registered.")), "#keys-heading")


def _key(request: HttpRequest, key_id: str) -> tuple[Person, SigningKey]:
    found = queries.key(viewer_of(request), key_id)
    if found is None:
        raise Http404("no such key")
    return _target(request, found.person.username), found


@acting
def rotate_key(request: HttpRequest, key_id: str) -> HttpResponse:
    target, key = _key(request, key_id)
    name = f"rotate-{key.key_id}"
    form = KeyForm(request.POST, auto_id=f"{name}-%s")
    return _person_act(request, target, name, form, lambda actor, data: actions.rotate_key(
        actor=actor, key_id=key.key_id, **data), str(_("The key was replaced.")), "#keys-heading")


@acting
def revoke_key(request: HttpRequest, key_id: str) -> HttpResponse:
    target, key = _key(request, key_id)
    name = f"revoke-{key.key_id}"
    form = RevokeForm(request.POST, auto_id=f"{name}-%s")
    return _person_act(request, target, name, form, lambda actor, data: actions.revoke_key(
        actor=actor, key_id=key.key_id, **data), str(_("The key was revoked.")), "#keys-heading")


# Bodies and seats.


def _seatable(viewer: Viewer, view: queries.BodyView) -> list[tuple[str, str]]:
    seated = {seat.person.username for seat in view.seats}
    return [(p.username, f"{p.display_name} ({p.member_id or _('Secretariat')})")
            for p in queries.people(viewer) if p.role != Role.OBSERVER and p.username not in seated
            and policies.seats(viewer, p) is None]


def _bodies_page(request: HttpRequest, bound: ActForm | None = None, name: str = "") -> HttpResponse:
    viewer = _may_administer(request)
    rows = []
    for view in queries.bodies(viewer):
        people_ = _seatable(viewer, view)
        seat: ActForm | None = SeatForm(people=people_, auto_id=f"seat-{view.code}-%s") if people_ else None
        if bound is not None and name == f"seat-{view.code}":
            seat = bound
        rows.append({"view": view, "seat": seat,
                     "seats": [{"seat": s, "may_end": policies.seats(viewer, s.person) is None}
                               for s in view.seats]})
    establish = None
    if policies.keeps_registry(viewer, "") is None:
        establish = bound if name == "establish" else BodyForm(auto_id="body-%s")
    return render_form(request, "members/admin/bodies.html", {
        "rows": rows, "establish": establish, "refused": bound, "nav": "administration",
    }, bound or ActForm())


@require_GET
def bodies(request: HttpRequest) -> HttpResponse:
    return _bodies_page(request)


def _bodies_act(request: HttpRequest, name: str, form: ActForm, call: Callable[[Actor, dict[str, Any]], object],
                done: str) -> HttpResponse:
    form.act(request, call)
    if form.errors:  # unseat_person answers None
        return _bodies_page(request, form, name)
    messages.success(request, done)
    return redirect("administration:bodies")


@acting
def establish_body(request: HttpRequest) -> HttpResponse:
    _keeps_registry(request)
    form = BodyForm(request.POST, auto_id="body-%s")
    return _bodies_act(request, "establish", form, lambda actor, data: actions.establish_body(actor=actor, **data),
                       str(_("The body was established.")))


def _body(request: HttpRequest, code: str) -> queries.BodyView:
    viewer = _may_administer(request)
    try:
        return queries.body(viewer, code)
    except NotFound:
        raise Http404("no such body") from None


@acting
def seat(request: HttpRequest, code: str) -> HttpResponse:
    view = _body(request, code)
    name = f"seat-{view.code}"
    form = SeatForm(request.POST, people=_seatable(viewer_of(request), view), auto_id=f"{name}-%s")
    return _bodies_act(request, name, form, lambda actor, data: actions.seat_person(
        actor=actor, body=view.code, **data), str(_("The seat was given.")))


@acting
def unseat(request: HttpRequest, code: str, username: str) -> HttpResponse:
    view = _body(request, code)
    target = _target(request, username)
    form = UnseatForm(request.POST)
    return _bodies_act(request, "unseat", form, lambda actor, data: actions.unseat_person(
        actor=actor, body=view.code, person=target.username, **data), str(_("The seat was ended.")))


# The members' history and the chairmanship: the secretariat's.


def _history_page(request: HttpRequest, bound: ActForm | None = None) -> HttpResponse:
    viewer = _keeps_registry(request)
    form = bound or HistoryForm(members=_state_choices(viewer), auto_id="history-%s")
    return render_form(request, "members/admin/history.html", {
        "states": queries.members(viewer), "form": form, "nav": "administration",
    }, form)


@require_GET
def history_page(request: HttpRequest) -> HttpResponse:
    return _history_page(request)


@acting
def record_history(request: HttpRequest) -> HttpResponse:
    viewer = _keeps_registry(request)
    form = HistoryForm(request.POST, members=_state_choices(viewer), auto_id="history-%s")
    if form.act(request, lambda actor, data: actions.record_membership_event(actor=actor, **data)) is None:
        return _history_page(request, form)
    messages.success(request, _("The event was recorded in the member's history."))
    return redirect("administration:history")


CHAIR_FORMS: dict[str, tuple[type[ActForm], Callable[..., object], Any]] = {
    "rule": (RuleForm, actions.change_handover_rule, _("The handover rule was recorded.")),
    "handover": (HandoverForm, actions.record_handover, _("The handover was recorded.")),
    "override": (OverrideForm, actions.record_chair_override, _("The Council's decision was recorded.")),
}


def _chair_form(viewer: Viewer, name: str, data: Any = None) -> ActForm:
    kind = CHAIR_FORMS[name][0]
    if kind is OverrideForm:
        return OverrideForm(data, members=_state_choices(viewer), auto_id=f"{name}-%s")
    return kind(data, auto_id=f"{name}-%s")


def _chair_page(request: HttpRequest, bound: ActForm | None = None, name: str = "") -> HttpResponse:
    viewer = _keeps_registry(request)
    forms_ = {key: bound if key == name and bound is not None else _chair_form(viewer, key) for key in CHAIR_FORMS}
    return render_form(request, "members/admin/chair.html", {
        "forms": forms_, "chair": queries.chairmanship(viewer), **queries.chair_records(viewer),
        "nav": "administration",
    }, bound or ActForm())


@require_GET
def chair(request: HttpRequest) -> HttpResponse:
    return _chair_page(request)


@acting
def chair_act(request: HttpRequest, name: str) -> HttpResponse:
    viewer = _keeps_registry(request)
    if name not in CHAIR_FORMS:
        raise Http404("no such act")
    form = _chair_form(viewer, name, request.POST)
    act, done = CHAIR_FORMS[name][1], CHAIR_FORMS[name][2]
    if form.act(request, lambda actor, data: act(actor=actor, **data)) is None:
        return _chair_page(request, form, name)
    messages.success(request, done)
    return redirect(reverse("administration:chair") + f"#{name}-heading")
