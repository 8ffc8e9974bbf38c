"""The meetings pages: sessions, the chair's console, bilateral bookings, minutes and the calendar.

Every act a page offers is a form (accord.meetings.forms) posted to its own URL, wrapped in `@acting`;
the console's acts are one table from the act's name to its form and action.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accord.core import calendar, clock, filters, paging, provenance
from accord.core.acting import Actor
from accord.core.errors import NotFound
from accord.core.pages import ActForm, acting, render_form, unconfirmed, viewer_of
from accord.core.policy import ANONYMOUS, PUBLIC, Viewer
from accord.core.policy import viewer_of as viewer_of_person
from accord.core.translations import is_language
from accord.meetings import actions, forms, minutes, policies, queries, sources, timetable
from accord.meetings.models import Part, Room, Session, State, Statement
from accord.members import queries as registry
from accord.members.models import Member, Person


def _view(request: HttpRequest, session_id: int, viewer: Viewer | None = None) -> queries.SessionView:
    try:
        return queries.session_view(viewer or viewer_of(request), session_id)
    except NotFound:
        raise Http404("no such session") from None


def _organizer(request: HttpRequest, session: Session) -> bool:
    return request.user.is_authenticated and policies.runs(viewer_of(request), session)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The agenda view: the sessions the viewer may see, newest first, a page at a time, with the calendar's
    other dates. Filtered by body, year and state on a light read of every session; only the page's sessions
    are read in full."""
    viewer = viewer_of(request)
    listed = list(reversed(queries.listed_sessions(viewer)))
    form = SessionFilters(request.GET, {
        "body": filters.offered((s.body, str(s.body_name)) for s in listed),
        "year": filters.years(s.starts_on for s in listed),
        "status": State.choices,
    })
    kept = filters.narrow(listed, form.chosen(), {
        "body": lambda s, v: s.body == v,
        "year": lambda s, v: str(s.starts_on.year) == v,
        "status": lambda s, v: s.state == v,
    })
    page = paging.page_of(request, kept)
    shown = queries.sessions_by_id([s.pk for s in page])
    provenance.preload(request, (s.entry_seq for s in shown))  # each row's day may carry a mark: one query
    return render(request, "meetings/index.html", {
        "sessions": shown, "page": page, "paging": paging.page_links(request), "filters": form,
        "count": page.paginator.count, "nav": "meetings", "may_convene": _may_convene(request)})


class SessionFilters(filters.ListFilters):
    body = filters.choice(gettext_lazy("Body"))
    year = filters.choice(gettext_lazy("Year"))
    status = filters.choice(gettext_lazy("Status"))


@require_GET
def month(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    wanted = request.GET.get("month") or ""
    try:
        first = dt.date.fromisoformat(f"{wanted}-01") if wanted else clock.today().replace(day=1)
    except ValueError:
        raise Http404("month is YYYY-MM") from None
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    # The grid and the list below it show the same entries: read once. A timed entry falls on its day in the
    # zone the reader picked (the timetable's, kept for the visit), else UTC; a day's entries in time order.
    with timezone.override(zoneinfo.ZoneInfo(_zone(request))):
        listed = calendar.entries_between(viewer, *calendar.month_span(first.year, first.month))
        weeks = calendar.month_grid(viewer, first.year, first.month, listed)
        return render(request, "meetings/month.html", {
            "first": first, "weeks": weeks, "previous": previous, "following": following, "listed": listed,
            "feed": calendar.feed_path(request.user.username) if request.user.is_authenticated else None,
            "nav": "calendar",
        })


def _page(request: HttpRequest, session_id: int, template: str, view: queries.SessionView | None = None,
          status: int = 200, **extra: Any) -> HttpResponse:
    view = view or _view(request, session_id)
    context = {"view": view, "session": view.session, "organizer": _organizer(request, view.session),
               "nav": "meetings", **extra}
    return render(request, template, context, status=status)


@require_GET
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, session_id, "meetings/session.html")


@require_GET
def live(request: HttpRequest, session_id: int) -> HttpResponse:
    """The part of a session's page that follows the chair, fetched again on each act."""
    return _page(request, session_id, "meetings/partials/live.html")


# The chair's console.


@dataclass(frozen=True)
class _Console:
    """What the console's forms offer: the parts whose content the viewer sees and may record in (the
    others only took place, for it), the current members, and the statements the viewer may record (its
    own delegation's, or any for the Secretariat)."""

    view: queries.SessionView
    members: list[Member]
    parts: list[Part]
    waiting: list[Statement]
    spoken: list[str]
    # The list of speakers still to have the floor, and who has it, as far as the viewer gives the floor.
    floor_waiting: list[Statement]
    speaking: Statement | None
    # The timetable: the session's rooms, and what the console may set a time or room for.
    rooms: list[Room]
    schedulable: list[tuple[str, str]]

    @classmethod
    def of(cls, request: HttpRequest, session_id: int) -> _Console:
        view = _view(request, session_id)
        if not _organizer(request, view.session):
            raise Http404("no such session")
        viewer = viewer_of(request)
        parts = [p for p in view.parts if policies.records_in(viewer, p.part)]
        speaking = view.speaking
        return cls(view=view, members=_current_members(), parts=[p.part for p in parts],
                   waiting=[s for p in view.parts for s, _ in p.statements
                            if not s.delivered and policies.delivers(viewer, s)],
                   spoken=queries.spoken_languages(viewer),
                   floor_waiting=[s for s in view.waiting if policies.gives_floor(viewer, s)],
                   speaking=speaking if speaking is not None and policies.gives_floor(viewer, speaking) else None,
                   rooms=queries.rooms(viewer, session_id), schedulable=_schedulable(view, parts))

    def form(self, act: str, data: Any = None) -> ActForm:
        """The console's form for an act, bound to what was posted, or empty."""
        if act == "add_part":
            return forms.PartForm(data, members=self.members)
        if act == "add_item":
            return forms.ItemForm(data, parts=self.parts)
        if act == "attendance":
            return forms.AttendanceForm(data, parts=self.parts, members=self.members)
        if act == "speaker":
            return forms.SpeakerForm(data, parts=self.parts, members=self.members)
        if act == "deliver":
            return forms.DeliverForm(data, waiting=self.waiting, spoken=self.spoken)
        if act == "floor":
            return forms.FloorForm(data, waiting=self.floor_waiting)
        if act == "end_floor":
            return forms.EndFloorForm(data, speaking=self.speaking)
        if act == "room":
            return forms.RoomForm(data)
        if act == "schedule":
            return forms.ScheduleForm(data, things=self.schedulable, rooms=self.rooms)
        if act == "publish":
            # Only the closed parts whose content the viewer sees (and records in): another's is not named.
            return forms.PublishClosedPartForm(data, parts=[p for p in self.parts if not p.is_open])
        return forms.SessionStepForm(data)


# Each of the console's acts on the session: its action, given the actor, the session and the form's data.
SessionAct = Callable[[Actor, int, dict[str, Any]], object]
CONSOLE_ACTS: dict[str, SessionAct] = {
    "add_part": lambda actor, session, data: actions.add_part(actor=actor, session=session, **data),
    "add_item": lambda actor, session, data: actions.add_agenda_item(actor=actor, session=session, **data),
    "agree": lambda actor, session, data: actions.agree_agenda(actor=actor, session=session),
    "open": lambda actor, session, data: actions.open_session(actor=actor, session=session),
    "close": lambda actor, session, data: actions.close_session(actor=actor, session=session),
    # Recorded in a part: the part is the form's choice, among those the console offers.
    "attendance": lambda actor, session, data: actions.record_attendance(actor=actor, **data),
    "speaker": lambda actor, session, data: actions.inscribe_speaker(actor=actor, **data),
    "deliver": lambda actor, session, data: actions.deliver_statement(actor=actor, **data),
    # The floor: given to a speaker on the list the console offers, and ended.
    "floor": lambda actor, session, data: actions.give_floor(actor=actor, **data),
    "end_floor": lambda actor, session, data: actions.end_floor(actor=actor, **data),
    # The timetable: a room of the venue; when and where a part, an item or a bilateral meeting is held.
    "room": lambda actor, session, data: actions.add_room(actor=actor, session=session, **data),
    "schedule": lambda actor, session, data: actions.schedule(actor=actor, session=session, **data),
    # What may be known of a closed part, with its source, at any time (it is often announced after).
    "publish": lambda actor, session, data: _publish(actor, data),
}


def _publish(actor: Actor, data: dict[str, Any]) -> Part:
    with provenance.given(forms.PublishClosedPartForm.provenance_for(data)):
        return actions.publish_closed_part(actor=actor, part=data["part"], topic=data["topic"] or {},
                                           reported=data["reported"] or {})


def _schedulable(view: queries.SessionView, parts: list[queries.PartView]) -> list[tuple[str, str]]:
    """The parts the console records in, the items it sees and the meetings on the margins, as one choice."""
    return [
        *((f"part:{p.part.pk}", forms.part_label(p.part)) for p in parts),
        *((f"item:{v.item.pk}", _("Item %(number)s") % {"number": v.item.number} + f": {v.item.title}")
          for v in view.items),
        *((f"bilateral:{b.pk}", f"{b.requester.name} – {b.counterpart.name}") for b in view.bilaterals
          if b.state != "declined"),
    ]
# The acts on one agenda item, reached through the item's own URL.
ItemAct = Callable[[Actor, int, dict[str, Any]], object]
ITEM_ACTS: dict[str, ItemAct] = {
    "take_up": lambda actor, item, data: actions.take_up_item(actor=actor, item=item),
    "outcome": lambda actor, item, data: actions.record_outcome(actor=actor, item=item, **data),
}


def _outcome_form(item: queries.ItemView, data: Any = None) -> forms.OutcomeForm:
    return forms.OutcomeForm(data, item=item.item.pk, number=item.item.number)


def _console_page(request: HttpRequest, console: _Console, refused: ActForm | None = None,
                  refused_as: str = "") -> HttpResponse:
    """The console with every form empty but the refused one, which keeps what was typed beside its errors."""
    named = {act: console.form(act) for act in ("add_part", "add_item", "attendance", "speaker", "deliver",
                                                 "floor", "end_floor", "room", "schedule", "publish")}
    outcomes = {v.item.pk: _outcome_form(v) for v in console.view.items}
    if refused is not None and refused_as in named:
        named[refused_as] = refused
    elif refused is not None and isinstance(refused, forms.OutcomeForm):
        outcomes[int(refused_as)] = refused
    rows = [(v, outcomes[v.item.pk]) for v in console.view.items]
    context = {"view": console.view, "session": console.view.session, "nav": "meetings", "forms": named,
               "rows": rows, "waiting": console.waiting, "writable_parts": console.parts, "refused": refused,
               "floor_waiting": console.floor_waiting, "speaking": console.speaking,
               "closed_parts": any(not p.is_open for p in console.parts)}
    return render(request, "meetings/console.html", context, status=refused.status if refused else 200)


@login_required
@require_GET
def console(request: HttpRequest, session_id: int) -> HttpResponse:
    """The chair's console: prepare (parts, agenda), open, move through the agenda, record attendance,
    speakers, statements and outcomes, close."""
    return _console_page(request, _Console.of(request, session_id))


# The console's acts that cannot be undone: the page's form asks first (data-confirm), and so does the
# server when the form comes without script.
IRREVERSIBLE = {"close": gettext_lazy("Closing the session cannot be undone: nothing more is recorded at it.")}


@acting
def console_act(request: HttpRequest, session_id: int, act: str) -> HttpResponse:
    """One of the console's acts on the session (`CONSOLE_ACTS`), then back to the console."""
    console = _Console.of(request, session_id)
    if act in IRREVERSIBLE and (asked := unconfirmed(request, IRREVERSIBLE[act])):
        return asked
    form = console.form(act, request.POST)
    call = CONSOLE_ACTS[act]
    if form.act(request, lambda actor, data: call(actor, session_id, data)) is None:
        return _console_page(request, _Console.of(request, session_id), form, act)
    return redirect(reverse("meetings:console", args=[session_id]))


@acting
def item_act(request: HttpRequest, session_id: int, item_id: int, act: str) -> HttpResponse:
    """One of the console's acts on an agenda item of the session (`ITEM_ACTS`), then back to the console."""
    console = _Console.of(request, session_id)
    item = next((v for v in console.view.items if v.item.pk == item_id), None)
    if item is None:
        raise Http404("no such item")
    form: ActForm = _outcome_form(item, request.POST) if act == "outcome" else forms.SessionStepForm(request.POST)
    call = ITEM_ACTS[act]
    if form.act(request, lambda actor, data: call(actor, item_id, data)) is None:
        return _console_page(request, _Console.of(request, session_id), form, str(item_id))
    return redirect(reverse("meetings:console", args=[session_id]))


def _current_members() -> list[Member]:
    return [v.member for v in registry.members(ANONYMOUS) if v.is_current]


def _may_convene(request: HttpRequest) -> bool:
    """The secretariat, and the officials of the chair in office now or next, convene sessions."""
    return request.user.is_authenticated and policies.offers_convening(viewer_of(request), registry.today())


def _convene_form(viewer: Viewer, data: Any = None) -> forms.ConveneForm:
    current = _current_members()
    # Only the requests this person may say were made (the Secretariat: any member's; a chair: its own).
    return forms.ConveneForm(data, members=current, names_chair=viewer.in_secretariat, initial={
        "classification": PUBLIC}, requesters=[m for m in current if policies.names_requester(
            viewer, m.code, carried=False)])


@login_required
@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    """Convene a session: the body, its kind and form, its dates and place, who may see it."""
    if not _may_convene(request):
        raise Http404("no such page")
    viewer = viewer_of(request)
    form = _convene_form(viewer, request.POST if request.method == "POST" else None)
    if form.is_bound and (created := form.act(request, lambda actor, data: actions.convene_session(
            actor=actor, **data))):
        messages.success(request, _("Session convened: “%(title)s”. Prepare its parts and agenda here.")
                         % {"title": str(created.title)})
        return redirect(reverse("meetings:console", args=[created.pk]))
    return render_form(request, "meetings/new.html", {
        "form": form, "nav": "meetings", "earliest": policies.earliest_first_day(viewer, registry.today()),
    }, form)


# Bilateral meetings.


def _bilaterals_page(request: HttpRequest, session_id: int, refused: ActForm | None = None) -> HttpResponse:
    view = _view(request, session_id)
    viewer = viewer_of(request)
    mine = viewer.member if policies.asks_bilateral(viewer, view.session, viewer.member or "") else None
    form = refused if isinstance(refused, forms.BilateralForm) else _bilateral_form(view, mine)
    return render(request, "meetings/bilaterals.html", {
        "view": view, "session": view.session, "mine": mine, "form": form, "nav": "meetings",
        "refused": refused}, status=refused.status if refused else 200)


def _bilateral_form(view: queries.SessionView, mine: str | None, data: Any = None) -> forms.BilateralForm:
    session = view.session
    days = [session.starts_on + dt.timedelta(days=n)
            for n in range((session.ends_on - session.starts_on).days + 1)]
    audience = {m for m in session.audience if m != "secretariat"} or {m.code for m in _current_members()}
    counterparts = Member.objects.filter(code__in=audience).exclude(code=mine or "")
    # A session's days that are not plain fact (illustrative) say so in the choice, as everywhere they are printed.
    return forms.BilateralForm(data, counterparts=list(counterparts), days=days,
                               mark=provenance.label(session.entry_seq, "starts_on", "ends_on"))


@require_GET
def bilaterals(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's confirmed schedule of bilateral meetings, and the form to ask for one."""
    return _bilaterals_page(request, session_id)


@acting
def ask_bilateral(request: HttpRequest, session_id: int) -> HttpResponse:
    view = _view(request, session_id)
    viewer = viewer_of(request)
    form = _bilateral_form(view, viewer.member, request.POST)
    if form.act(request, lambda actor, data: actions.request_bilateral(actor=actor, session=session_id, **data)):
        return redirect(reverse("meetings:bilaterals", args=[session_id]))
    return _bilaterals_page(request, session_id, form)


@acting
def answer_bilateral(request: HttpRequest, session_id: int, bilateral_id: int) -> HttpResponse:
    view = _view(request, session_id)
    if not any(b.pk == bilateral_id for b in view.bilaterals):
        raise Http404("no such bilateral meeting")
    form = forms.AnswerForm(request.POST)
    if form.act(request, lambda actor, data: actions.answer_bilateral(actor=actor, bilateral=bilateral_id,
                                                                      accept=data["accept"])):
        return redirect(reverse("meetings:bilaterals", args=[session_id]))
    return _bilaterals_page(request, session_id, form)


def _minutes_forms(request: HttpRequest, view: queries.SessionView, standing: queries.MinutesView,
                   refused: ActForm | None = None, refused_as: str = "") -> dict[str, ActForm]:
    """The minutes' acts this reader is offered now (the refused one keeps what was typed)."""
    offered: dict[str, ActForm] = {}
    if not request.user.is_authenticated:
        return offered
    viewer = viewer_of(request)
    session = view.session
    if policies.approves_minutes(viewer, session) and session.state == "closed" and standing.record is None:
        offered["circulate"] = forms.CirculateMinutesForm()
    if standing.state == "circulated":
        if policies.comments_on_minutes(viewer, session) and clock.now() <= standing.comments_until:
            offered["comment"] = forms.MinutesCommentForm()
        if policies.approves_minutes(viewer, session) and clock.now() > standing.comments_until:
            offered["approve"] = forms.SessionStepForm()
    if refused is not None:
        offered[refused_as] = refused
    return offered


def _minutes_page(request: HttpRequest, session_id: int, refused: ActForm | None = None,
                  refused_as: str = "") -> HttpResponse:
    public = request.GET.get("version") == "public"
    view = _view(request, session_id, ANONYMOUS if public else None)
    standing = queries.minutes_of(view)
    if request.GET.get("format") == "pdf":
        return minutes.pdf_response(request, view, public=public, standing=standing)
    return render(request, "meetings/minutes.html", {
        **minutes.context(request, view, public=public, standing=standing), "nav": "meetings",
        "minutes_forms": _minutes_forms(request, view, standing, refused, refused_as), "refused": refused,
    }, status=refused.status if refused else 200)


@require_GET
def minutes_page(request: HttpRequest, session_id: int) -> HttpResponse:
    return _minutes_page(request, session_id)


# The minutes' acts, each at its own address under the minutes page.
MINUTES_ACTS: dict[str, Callable[[Actor, int, dict[str, Any]], object]] = {
    "circulate": lambda actor, session, data: actions.circulate_minutes(actor=actor, session=session, **data),
    "comment": lambda actor, session, data: actions.comment_on_minutes(actor=actor, session=session, **data),
    "approve": lambda actor, session, data: actions.approve_minutes(actor=actor, session=session),
}
MINUTES_FORMS: dict[str, Callable[[Any], ActForm]] = {
    "circulate": lambda data: forms.CirculateMinutesForm(data),
    "comment": lambda data: forms.MinutesCommentForm(data),
    "approve": lambda data: forms.SessionStepForm(data),
}


@acting
def minutes_act(request: HttpRequest, session_id: int, act: str) -> HttpResponse:
    """Circulate the minutes, comment on them, or approve them; then back to the minutes."""
    _view(request, session_id)
    form = MINUTES_FORMS[act](request.POST)
    call = MINUTES_ACTS[act]
    if form.act(request, lambda actor, data: call(actor, session_id, data)) is None:
        return _minutes_page(request, session_id, form, act)
    return redirect(reverse("meetings:minutes", args=[session_id]))


# The timetable, in the reader's time zone.


def _zone(request: HttpRequest) -> str:
    """The zone the reader picked (`?tz=`, kept for the visit), else UTC."""
    asked = request.GET.get("tz", "")
    if asked in _zone_names():
        request.session["timezone"] = asked
        return asked
    kept = request.session.get("timezone", "")
    return kept if kept in _zone_names() else "UTC"


@functools.cache
def _zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime"})


@require_GET
def timetable_page(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's timetable as a day grid, one column per room, in the zone the reader picks."""
    try:
        view, slots = queries.timetable_slots(viewer_of(request), session_id)
    except NotFound:
        raise Http404("no such session") from None
    zone = _zone(request)
    days = timetable.days_of(slots, zoneinfo.ZoneInfo(zone), no_room=_("No room set"))
    # The slots' times are written in the zone picked (Django's `time` filter writes the active zone's).
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        return render(request, "meetings/timetable.html", {
            "view": view, "session": view.session, "days": days, "zone": zone, "zones": _zone_names(),
            "nav": "meetings"})


# The projector: what the room's screen shows of a session in progress.


def _projector_context(request: HttpRequest, session_id: int) -> dict[str, Any]:
    view = _view(request, session_id)
    speaking = view.speaking
    elapsed, left = 0, 0
    if speaking is not None and speaking.floor_at is not None:
        elapsed = max(0, int((clock.now() - speaking.floor_at).total_seconds()))
        left = (speaking.floor_seconds or 0) - elapsed
    # As the page's script writes it (web/accord.js): minutes:seconds left, "+" once over time.
    left_text = f"{'+' if left < 0 else ''}{abs(left) // 60}:{abs(left) % 60:02d}"
    return {"view": view, "session": view.session, "speaking": speaking, "waiting": view.waiting,
            "elapsed": elapsed, "left_text": left_text, "over": left < 0,
            "floor_minutes": (speaking.floor_seconds or 0) // 60 if speaking else 0}


@require_GET
def projector(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session as the room's screen shows it: the item, the speaker and their time, the list."""
    return render(request, "meetings/projector.html", {**_projector_context(request, session_id),
                                                       "projector": True})


@require_GET
def projector_live(request: HttpRequest, session_id: int) -> HttpResponse:
    return render(request, "meetings/partials/projector.html", _projector_context(request, session_id))


@require_GET
def feed(request: HttpRequest, username: str, token: str) -> HttpResponse:
    """A person's iCalendar feed, reached by its secret URL; only what that person may see."""
    person = Person.objects.filter(username=username, is_active=True).first() if calendar.feed_token_holds(
        username, token) else None
    if person is None:
        raise Http404("no such feed")
    viewer = viewer_of_person(person)
    today = clock.today()
    # In the language asked for (`?lang=fr`), else the reader's: titles and places fall back to the default.
    asked = request.GET.get("lang", "")
    with translation.override(asked if is_language(asked) else translation.get_language()):
        first, last = dt.date(1990, 1, 1), today.replace(year=today.year + 5)
        listed = calendar.entries_between(viewer, first, last) + sources.timed_parts(viewer, first, last)
        body = calendar.ical(listed, _("Meetings of %(name)s") % {"name": person.full_name},
                             request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
def session_feed(request: HttpRequest, session_id: int) -> HttpResponse:
    """One session's iCalendar file: the session's days, then its timed parts, items and bilateral
    meetings, as the viewer may see them (a session it may not see is not found)."""
    viewer = viewer_of(request)
    asked = request.GET.get("lang", "")
    with translation.override(asked if is_language(asked) else translation.get_language()):
        try:
            found = queries.session(viewer, session_id)
            days = [entry for entry in sources.sessions_and_bilaterals(viewer, found.starts_on, found.ends_on)
                    if entry.uid == f"session-{found.pk}@accord"]
            listed = days + sources.session_timetable(viewer, found.pk)
        except NotFound as missing:
            raise Http404("no such session") from missing
        body = calendar.ical(listed, found.title.pick().text, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{found.pk}.ics"'
    return response
