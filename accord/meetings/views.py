"""The meetings pages: sessions, the chair's console, bilateral bookings, minutes and the calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accord.core import clock
from accord.core.acting import Actor
from accord.core.errors import AccordError, NotFound
from accord.core.policy import ANONYMOUS, PUBLIC, viewer_of
from accord.meetings import actions, calendar, minutes, policies, queries
from accord.meetings.models import Kind, Mode, Outcome, PartKind, Presence, Session
from accord.members import queries as registry
from accord.members.models import Body, Member, Person
from accord.web.context import viewer_for
from accord.web.labels import CLASSIFICATION_LABELS


def _view(request: HttpRequest, session_id: int, viewer: Any = None) -> queries.SessionView:
    try:
        return queries.session_view(viewer or viewer_for(request), session_id)
    except NotFound:
        raise Http404("no such session") from None


def _organizer(request: HttpRequest, session: Session) -> bool:
    return request.user.is_authenticated and policies.runs(viewer_of(request.user), session)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The agenda view: every session the viewer may see, newest first, with the calendar's other dates."""
    viewer = viewer_for(request)
    rows = list(reversed(queries.sessions(viewer)))
    return render(request, "meetings/index.html", {"sessions": rows, "nav": "meetings",
                                                   "may_convene": _may_convene(request)})


@require_GET
def month(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    wanted = request.GET.get("month") or ""
    try:
        first = dt.date.fromisoformat(f"{wanted}-01") if wanted else clock.today().replace(day=1)
    except ValueError:
        raise Http404("month is YYYY-MM") from None
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    weeks = calendar.month_grid(viewer, first.year, first.month)
    listed = calendar.entries_between(viewer, weeks[0][0].day, weeks[-1][-1].day)
    return render(request, "meetings/month.html", {
        "first": first, "weeks": weeks, "previous": previous, "following": following, "listed": listed,
        "feed": calendar.feed_path(request.user.username) if request.user.is_authenticated else None,
        "nav": "meetings",
    })


def _page(request: HttpRequest, session_id: int, template: str, view: queries.SessionView | None = None,
          status: int = 200, **extra: Any) -> HttpResponse:
    view = view or _view(request, session_id)
    context = {"view": view, "session": view.session, "organizer": _organizer(request, view.session),
               "outcomes": [c for c in Outcome.choices if c[0]], "nav": "meetings", **extra}
    return render(request, template, context, status=status)


@require_GET
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    return _page(request, session_id, "meetings/session.html")


@require_GET
def live(request: HttpRequest, session_id: int) -> HttpResponse:
    """The part of a session's page that follows the chair, fetched again on each act."""
    return _page(request, session_id, "meetings/partials/live.html")


@login_required
@require_http_methods(["GET", "POST"])
def console(request: HttpRequest, session_id: int) -> HttpResponse:
    """The chair's console: prepare (parts, agenda), open, move through the agenda, record attendance,
    speakers, statements and outcomes, close."""
    view = _view(request, session_id)
    if not _organizer(request, view.session):
        raise Http404("no such session")
    viewer = viewer_of(request.user)
    error = None
    if request.method == "POST":
        actor = Actor(person=request.user)  # type: ignore[arg-type]
        do = request.POST.get("do")
        post = request.POST
        try:
            if do == "add_part":
                actions.add_part(actor=actor, session=session_id, kind=post.get("kind", ""),
                                 is_open=post.get("is_open") == "open", title_en=post.get("title_en", ""),
                                 title_ru=post.get("title_ru", ""),
                                 participants=post.getlist("participants") or None)
            elif do == "add_item":
                actions.add_agenda_item(
                    actor=actor, session=session_id, title_en=post.get("title_en", ""),
                    title_ru=post.get("title_ru", ""), part=_int(post["part"]) if post.get("part") else None,
                    references=[r.strip() for r in post.get("references", "").split(",") if r.strip()])
            elif do == "agree":
                actions.agree_agenda(actor=actor, session=session_id)
            elif do == "attendance":
                actions.record_attendance(actor=actor, part=_int(post.get("part")), member=post.get("member", ""),
                                          presence=post.get("presence", ""))
            elif do == "speaker":
                actions.inscribe_speaker(actor=actor, part=_int(post.get("part")),
                                         delegation=post.get("delegation", ""),
                                         speaker_name=post.get("speaker_name", ""))
            elif do == "deliver":
                actions.deliver_statement(actor=actor, statement=_int(post.get("statement")),
                                          language=post.get("language", ""), summary_en=post.get("summary_en", ""),
                                          summary_ru=post.get("summary_ru", ""))
            elif do == "open":
                actions.open_session(actor=actor, session=session_id)
            elif do == "close":
                actions.close_session(actor=actor, session=session_id)
            elif do == "take_up":
                actions.take_up_item(actor=actor, item=_int(request.POST.get("item")))
            elif do == "outcome":
                actions.record_outcome(actor=actor, item=_int(request.POST.get("item")),
                                       outcome=request.POST.get("outcome", ""), note=request.POST.get("note", ""))
            else:
                raise Http404("no such command")
        except AccordError as failure:
            error = failure
        else:
            return redirect(reverse("meetings:console", args=[session_id]))
    # The forms offer only what the actions accept: the parts whose content the viewer sees (the others
    # only took place, for them), and the statements the viewer may record (its own delegation's, or any
    # for the Secretariat).
    if request.method == "POST":
        view = _view(request, session_id)
    return _page(request, session_id, "meetings/console.html", view, error=error, status=400 if error else 200,
                 part_kinds=PartKind.choices, presences=Presence.choices, members=_current_members(),
                 writable_parts=[p for p in view.parts if policies.records_in(viewer, p.part)],
                 waiting=[s for p in view.parts for s, _ in p.statements
                          if not s.delivered and policies.delivers(viewer, s)])


def _current_members() -> list[Member]:
    return [v.member for v in registry.members(ANONYMOUS) if v.is_current]


def _may_convene(request: HttpRequest) -> bool:
    """The secretariat, and the officials of the chair in office now or next, convene sessions."""
    return request.user.is_authenticated and policies.offers_convening(viewer_of(request.user), registry.today())


CONVENE_FIELDS = ("body", "title_en", "title_ru", "kind", "mode", "starts_on", "ends_on", "place_en", "place_ru",
                  "host", "requested_by", "classification")


@login_required
@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    """Convene a session: the body, its kind and form, its dates and place, who may see it."""
    if not _may_convene(request):
        raise Http404("no such page")
    form_error, values = None, {}
    if request.method == "POST":
        values = {name: request.POST.get(name, "").strip() for name in CONVENE_FIELDS}
        try:
            created = actions.convene_session(
                actor=Actor(person=request.user),  # type: ignore[arg-type]
                body=values["body"], title_en=values["title_en"], title_ru=values["title_ru"], kind=values["kind"],
                mode=values["mode"], starts_on=values["starts_on"], ends_on=values["ends_on"] or None,
                place_en=values["place_en"], place_ru=values["place_ru"], host=values["host"] or None,
                requested_by=values["requested_by"] or None, classification=values["classification"] or PUBLIC,
                participants=request.POST.getlist("participants") or None)
        except AccordError as failure:
            form_error = {"form": "convene", "field": failure.field, "reason": failure.reason}
        else:
            return redirect(reverse("meetings:console", args=[created.pk]))
    none = [("", _("None"))]
    viewer = viewer_of(request.user)
    current = _current_members()
    return render(request, "meetings/new.html", {
        "form_error": form_error, "values": request.POST if form_error else {}, "nav": "meetings",
        "bodies": [(b.code, b.name) for b in Body.objects.filter(decides=True)],
        "kinds": Kind.choices, "modes": Mode.choices, "members": current,
        "member_options": none + [(m.code, m.name) for m in current],
        # Only the requests this person may say were made (the Secretariat: any member's; a chair: its own).
        "requester_options": none + [(m.code, m.name) for m in current
                                     if policies.names_requester(viewer, m.code, carried=False)],
        "earliest": policies.earliest_first_day(viewer, registry.today()),
        "classifications": list(CLASSIFICATION_LABELS.items()),
    }, status=400 if form_error else 200)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@require_http_methods(["GET", "POST"])
def bilaterals(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's confirmed schedule of bilateral meetings, and the form to ask for one."""
    view = _view(request, session_id)
    error, values = None, {}
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('web:login')}?next={request.path}")
        actor = Actor(person=request.user)
        values = {k: request.POST.get(k, "") for k in ("counterpart", "day", "start", "end", "place_en")}
        try:
            if request.POST.get("answer"):
                actions.answer_bilateral(actor=actor, bilateral=_int(request.POST.get("bilateral")),
                                         accept=request.POST["answer"] == "accept")
            else:
                actions.request_bilateral(
                    actor=actor, session=session_id, counterpart=values["counterpart"],
                    starts_at=f"{values['day']}T{values['start']}:00+00:00",
                    ends_at=f"{values['day']}T{values['end']}:00+00:00", place_en=values["place_en"])
        except AccordError as failure:
            error = failure
        else:
            return redirect(reverse("meetings:bilaterals", args=[session_id]))
    viewer = viewer_for(request)
    days = [view.session.starts_on + dt.timedelta(days=n)
            for n in range((view.session.ends_on - view.session.starts_on).days + 1)]
    response = render(request, "meetings/bilaterals.html", {
        "view": view, "session": view.session, "error": error, "values": values, "days": days,
        "mine": viewer.member if policies.asks_bilateral(viewer, view.session, viewer.member or "") else None,
        "nav": "meetings",
        "counterparts": Member.objects.filter(
            code__in={m for m in view.session.audience if m != "secretariat"} or _members_at(view)),
    }, status=400 if error else 200)
    return response


def _members_at(view: queries.SessionView) -> set[str]:
    from accord.members.queries import members

    return {m.code for m in members(ANONYMOUS) if m.is_current}


@require_GET
def minutes_page(request: HttpRequest, session_id: int) -> HttpResponse:
    public = request.GET.get("version") == "public"
    view = _view(request, session_id, ANONYMOUS if public else None)
    if request.GET.get("format") == "pdf":
        return minutes.pdf_response(request, view, public=public)
    return render(request, "meetings/minutes.html", {"view": view, "session": view.session, "public": public,
                                                     "nav": "meetings"})


@require_GET
def feed(request: HttpRequest, username: str, token: str) -> HttpResponse:
    """A person's iCalendar feed, reached by its secret URL; only what that person may see."""
    person = Person.objects.filter(username=username, is_active=True).first() if calendar.feed_token_holds(
        username, token) else None
    if person is None:
        raise Http404("no such feed")
    viewer = viewer_of(person)
    today = clock.today()
    listed = calendar.entries_between(viewer, dt.date(1990, 1, 1), today.replace(year=today.year + 5))
    body = calendar.ical(listed, _("Meetings of %(name)s") % {"name": person.full_name},
                         request.build_absolute_uri("/").rstrip("/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
