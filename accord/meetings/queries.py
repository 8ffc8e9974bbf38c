"""Reads of meetings, always given the viewer; what the viewer may not see is missing, not forbidden."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from accord.core import paging, provenance
from accord.core.errors import InvalidInput, NotFound
from accord.core.policy import Viewer
from accord.core.prepared import Prepared
from accord.core.translations import Texts
from accord.core.values import instant_of
from accord.decisions.sessions import SessionFacts
from accord.meetings import classify, references, timetable
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Bilateral,
    BilateralState,
    Minutes,
    MinutesComment,
    MinutesState,
    Part,
    Room,
    Session,
    State,
    Statement,
)
from accord.meetings.record_text import minutes_hash


@dataclass
class PartView:
    """A part as this viewer sees it: a closed part it may not see keeps only that it took place."""

    part: Part
    applies: classify.Applies
    visible: bool
    items: list[ItemView] = field(default_factory=list)
    statements: list[tuple[Statement, classify.Applies]] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)


@dataclass
class ItemView:
    item: AgendaItem
    applies: classify.Applies
    references: list[references.Link] = field(default_factory=list)

    @property
    def proposal(self) -> int | None:
        return references.proposal_before(self.item.references, self.applies)


@dataclass
class SessionView:
    session: Session
    applies: classify.Applies
    parts: list[PartView]
    items: list[ItemView]
    bilaterals: list[Bilateral]

    @property
    def current(self) -> ItemView | None:
        return next((v for v in self.items if v.item.pk == self.session.current_item_id), None)

    @property
    def speaking(self) -> Statement | None:
        """The speaker who has the floor, if the viewer may see them."""
        return next((s for p in self.parts for s, _ in p.statements if s.has_floor), None)

    @property
    def waiting(self) -> list[Statement]:
        """The list of speakers still to have the floor, in order, as far as the viewer may see."""
        return [s for p in self.parts for s, _ in p.statements if s.floor_at is None and not s.delivered]


@dataclass
class MinutesView:
    """Where a session's minutes stand: draft (no record), circulated with comments, or approved."""

    record: Minutes | None
    comments: list[MinutesComment]
    # For approved minutes: whether the record still hashes to what the approving act holds.
    holds: bool | None = None

    @property
    def state(self) -> str:
        return self.record.state if self.record is not None else MinutesState.DRAFT

    @property
    def provisional(self) -> bool:
        return self.state != MinutesState.APPROVED

    @property
    def comments_until(self) -> dt.datetime:
        assert self.record is not None
        return self.record.comments_until


def minutes_of(view: SessionView) -> MinutesView:
    """The minutes' standing for a session the viewer sees (its comments are as visible as the session)."""
    found = Minutes.objects.filter(session=view.session).first()
    if found is None:
        return MinutesView(None, [])
    comments = list(MinutesComment.objects.filter(minutes=found).select_related("member").order_by("entry_seq"))
    holds = found.text_hash == minutes_hash(view.session) if found.state == MinutesState.APPROVED else None
    return MinutesView(found, comments, holds)


def sessions(viewer: Viewer) -> list[Session]:
    rows = _listed_sessions(Session.objects.all()).order_by("starts_on", "entry_seq")
    return [s for s in rows if classify.of_session(s).visible_to(viewer)]


@dataclass(frozen=True, slots=True)
class ListedSession:
    """A session as its list filters it, before the page's sessions are read in full."""

    pk: int
    body: str
    body_name: Texts
    starts_on: dt.date
    state: str


def listed_sessions(viewer: Viewer) -> list[ListedSession]:
    """The sessions the viewer may see, earliest first (as `sessions`), each with its body, first day and
    state: one light query, for a list served a page at a time (only the page's sessions are then read in
    full, by `sessions_by_id`)."""
    rows = Session.objects.order_by("starts_on", "entry_seq").values_list(
        "pk", "body_id", "body__name", "starts_on", "state", "classification", "audience")
    return [ListedSession(*row[:5]) for row in rows if classify.session_applies(row[5], row[6]).visible_to(viewer)]


def sessions_by_id(ids: list[int]) -> list[Session]:
    """These sessions with what a list shows of them, in the order of `ids` (already the viewer's)."""
    return paging.in_order(_listed_sessions(Session.objects.all()), ids)


def _listed_sessions(rows: QuerySet[Session]) -> QuerySet[Session]:
    return rows.select_related("body", "host", "chair")


# A session and what it holds, as the API answers it (the pages join names to some), its SQL built once: a full
# session is read on every request for it (accord.core.prepared). The session is read in the drill in scope, as
# its manager reads it; by its primary key, unordered (`first()` would have Django build an ORDER BY for the one
# row).
_SESSION = Prepared(lambda session: Session.objects.filter(pk=session).order_by()[:1], session=int)
_SESSION_NAMED = Prepared(lambda session: _listed_sessions(Session.objects.filter(pk=session)).order_by()[:1],
                          session=int)
_PARTS = Prepared(lambda session: Part.objects.filter(session_id=session).order_by("number"), session=int)
_ITEMS = Prepared(lambda session: AgendaItem.objects.filter(session_id=session).order_by("number"), session=int)
_STATEMENTS = Prepared(lambda session: Statement.objects.filter(part__session_id=session).order_by("order"),
                       session=int)
_ATTENDANCE = Prepared(lambda session: Attendance.objects.filter(part__session_id=session), session=int)
_BILATERALS = Prepared(lambda session: Bilateral.objects.filter(session_id=session), session=int)


def session(viewer: Viewer, session_id: int | str, *, names: bool = True) -> Session:
    """The session if the viewer may see it; a missing and a forbidden one both raise NotFound. `names`: its
    body, host and chair read with it (the pages name them; the API answers their codes only)."""
    found = next(iter((_SESSION_NAMED if names else _SESSION)(session=_pk(session_id))), None)
    if found is None or not classify.of_session(found).visible_to(viewer):
        raise NotFound("session")
    return found


def session_facts(viewer: Viewer | None, session_id: int | None = None) -> list[SessionFacts]:
    """Sessions as decisions needs them (accord.decisions.sessions): the one named, or all, that `viewer`
    (None: the system itself) may see, earliest first."""
    rows = Session.objects.order_by("starts_on", "entry_seq")
    if session_id is not None:
        rows = rows.filter(pk=session_id)
    return [SessionFacts(id=s.pk, body=s.body_id, title=str(s.title), starts_on=s.starts_on, ends_on=s.ends_on,
                         held=s.state != State.CONVENED, entry_seq=s.entry_seq)
            for s in rows if viewer is None or classify.of_session(s).visible_to(viewer)]


def _pk(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def session_view(viewer: Viewer, session_id: int | str, *, names: bool = True) -> SessionView:
    """The session as the viewer sees it. `names`: what its rows refer to read with them (the body, members
    and rooms, joined; each item's references resolved to links with their titles, a query each), as the
    pages show them; the API answers codes, ids and references as written, and spares those reads."""
    found = session(viewer, session_id, names=names)
    parts: dict[int, PartView] = {}
    for part in _PARTS(session=found.pk):
        part.session = found
        applies = classify.of_part(part, found)
        parts[part.pk] = PartView(part, applies, applies.visible_to(viewer))
    items = []
    for item in _ITEMS(session=found.pk):
        item.session = found
        if item.part_id:
            item.part = parts[item.part_id].part
        applies = classify.of_item(item)
        if applies.visible_to(viewer):
            view = ItemView(item, applies, references.resolve(viewer, item.references) if names else [])
            items.append(view)
            if item.part_id:
                parts[item.part_id].items.append(view)
    statements = (Statement.objects.filter(part__session=found).order_by("order").select_related("delegation")
                  if names else _STATEMENTS(session=found.pk))
    for statement in statements:
        holder = parts[statement.part_id]
        statement.part = holder.part
        applies = classify.of_statement(statement)
        if holder.visible and applies.visible_to(viewer):
            holder.statements.append((statement, applies))
    attendance = (Attendance.objects.filter(part__session=found).select_related("member") if names
                  else _ATTENDANCE(session=found.pk))
    for row in attendance:
        if parts[row.part_id].visible:
            parts[row.part_id].attendance.append(row)
    return SessionView(found, classify.of_session(found), list(parts.values()), items,
                       bilaterals(viewer, found, names=names))


def bilaterals(viewer: Viewer, of: Session | None = None, member: str | None = None, *,
               names: bool = True) -> list[Bilateral]:
    """The bilateral meetings the viewer may see (of the session `of`, of `member`, where named). `names`: the
    delegations, people and room of each read with it, as the pages show them."""
    if of is None:
        rows = _listed_bilaterals(Bilateral.objects.all())
        if member is not None:
            rows = rows.filter(Q(requester_id=member) | Q(counterpart_id=member))
        found = list(rows)
    else:
        # The session is the one in hand: not joined again (with all its texts) for each meeting.
        found = (list(Bilateral.objects.filter(session=of).select_related(*_BILATERAL_PARTIES)) if names
                 else _BILATERALS(session=of.pk))
        for b in found:
            b.session = of
        if member is not None:
            found = [b for b in found if member in (b.requester_id, b.counterpart_id)]
    return [b for b in found if _bilateral_visible(viewer, b)]


def visible_bilateral_ids(viewer: Viewer, member: str | None = None) -> list[int]:
    """The ids of the bilateral meetings the viewer may see (of `member`, where named), in the order of
    `bilaterals`: one light query, for a list served a page at a time (only the page's meetings are then read
    in full, by `bilaterals_by_id`)."""
    rows = Bilateral.objects.order_by("starts_at", "entry_seq")
    if member is not None:
        rows = rows.filter(Q(requester_id=member) | Q(counterpart_id=member))
    shown = []
    for pk, classification, requester, counterpart, session_classification, session_audience in rows.values_list(
            "pk", "classification", "requester_id", "counterpart_id", "session__classification",
            "session__audience"):
        session = classify.session_applies(session_classification, session_audience)
        if session.visible_to(viewer) and classify.bilateral_applies(
                session, classification, requester, counterpart).visible_to(viewer):
            shown.append(pk)
    return shown


def bilaterals_by_id(ids: list[int]) -> list[Bilateral]:
    """These bilateral meetings with what a list shows of them, in the order of `ids` (already the viewer's)."""
    return paging.in_order(_listed_bilaterals(Bilateral.objects.all()), ids)


_BILATERAL_PARTIES = ("requester", "counterpart", "requester_person", "counterpart_person", "room")


def _listed_bilaterals(rows: QuerySet[Bilateral]) -> QuerySet[Bilateral]:
    return rows.select_related("session", *_BILATERAL_PARTIES)


def _bilateral_visible(viewer: Viewer, found: Bilateral) -> bool:
    session_shown = classify.of_session(found.session).visible_to(viewer)
    return session_shown and classify.of_bilateral(found).visible_to(viewer)


def bilateral(viewer: Viewer, bilateral_id: int | str) -> Bilateral:
    for found in Bilateral.objects.select_related("session").filter(pk=_pk(bilateral_id)):
        if _bilateral_visible(viewer, found):
            return found
    raise NotFound("bilateral")


def _view_of_session_holding(viewer: Viewer, session_id: int, thing: str) -> SessionView:
    """The session of a part, item or statement; when it is hidden, the thing asked for is what is not
    found (saying "session" would tell that the thing exists in a session one may not see)."""
    try:
        return session_view(viewer, session_id)
    except NotFound:
        raise NotFound(thing) from None


def part(viewer: Viewer, part_id: int | str) -> PartView:
    """A part whose content the viewer may see; one that for this viewer only took place is missing, as
    the actions that write into a part treat it (its existence shows in the session's view)."""
    found = Part.objects.select_related("session").filter(pk=_pk(part_id)).first()
    if found is None:
        raise NotFound("part")
    view = _view_of_session_holding(viewer, found.session_id, "part")
    shown = next(p for p in view.parts if p.part.pk == found.pk)
    if not shown.visible:
        raise NotFound("part")
    return shown


def item(viewer: Viewer, item_id: int | str) -> ItemView:
    found = AgendaItem.objects.filter(pk=_pk(item_id)).first()
    if found is None:
        raise NotFound("item")
    view = _view_of_session_holding(viewer, found.session_id, "item")
    shown = next((v for v in view.items if v.item.pk == found.pk), None)
    if shown is None:
        raise NotFound("item")
    return shown


def statement(viewer: Viewer, statement_id: int | str) -> tuple[Statement, classify.Applies]:
    found = Statement.objects.filter(pk=_pk(statement_id)).first()
    if found is None:
        raise NotFound("statement")
    view = _view_of_session_holding(viewer, found.part.session_id, "statement")
    for part_view in view.parts:
        for shown, applies in part_view.statements:
            if shown.pk == found.pk:
                return shown, applies
    raise NotFound("statement")


# Natural keys of a signed act's body: a signer's machine names things as the act records them, not by the
# server's ids. Each is found only as the viewer may see it: a hidden one is missing, byte for byte.


def item_by_number(viewer: Viewer, session_id: int, number: int) -> AgendaItem:
    """The session's agenda item `number`, if the viewer may see the session and the item."""
    shown = session(viewer, session_id)
    found = AgendaItem.objects.select_related("part").filter(session=shown, number=number).first()
    if found is not None:
        found.session = shown
        if found.part is not None:
            found.part.session = shown
        if classify.of_item(found).visible_to(viewer):
            return found
    raise NotFound("item")


def part_by_number(viewer: Viewer, session_id: int, number: int) -> Part:
    """The session's part `number`, if the viewer may see the session and what the part holds."""
    shown = session(viewer, session_id)
    found = Part.objects.filter(session=shown, number=number).first()
    if found is not None:
        found.session = shown
        if classify.of_part(found, shown).visible_to(viewer):
            return found
    raise NotFound("part")


def statement_by_order(viewer: Viewer, session_id: int, part_number: int, order: int) -> Statement:
    """The statement `order` on the list of speakers of the session's part `part_number`, if the viewer may
    see the session, the part and the statement."""
    shown = session(viewer, session_id)
    found = (Statement.objects.select_related("part")
             .filter(part__session=shown, part__number=part_number, order=order).first())
    if found is not None:
        found.part.session = shown
        part_shown = classify.of_part(found.part, shown).visible_to(viewer)
        if part_shown and classify.of_statement(found).visible_to(viewer):
            return found
    raise NotFound("statement")


def bilateral_by_slot(
    viewer: Viewer, session_id: int, requester: Any, counterpart: Any, starts_at: Any
) -> Bilateral:
    """The meeting on the session's margins that `requester` asked of `counterpart` at `starts_at`, if the
    viewer may see the session and the meeting."""
    shown = session(viewer, session_id)
    start = instant_of(starts_at, "statement.body.starts_at")
    if start is None:
        raise InvalidInput("statement.body.starts_at", "is required")
    rows = Bilateral.objects.filter(session=shown, requester_id=str(requester), counterpart_id=str(counterpart),
                                    starts_at=start)
    for found in rows:
        found.session = shown
        if classify.of_bilateral(found).visible_to(viewer):
            return found
    raise NotFound("bilateral")


def spoken_languages(viewer: Viewer) -> list[str]:
    """The languages of the statements the viewer may see, the most spoken first (a form's suggestions)."""
    counts: dict[str, int] = {}
    rows = Statement.objects.exclude(language="").select_related("part", "part__session")
    for found in rows:
        if classify.of_session(found.part.session).visible_to(viewer) and classify.of_statement(found).visible_to(
                viewer):
            counts[found.language] = counts.get(found.language, 0) + 1
    return sorted(counts, key=lambda code: -counts[code])


def latest(viewer: Viewer, count: int = 3) -> list[Session]:
    """The most recent sessions the viewer may see, newest first, for the dashboard."""
    # Newest first from the database, read a few at a time until `count` are visible: the dashboard keeps
    # three, and a long calendar is not loaded for them.
    rows = Session.objects.select_related("body", "host", "chair").order_by("-starts_on", "-entry_seq")
    found: list[Session] = []
    chunk, start = max(count * 4, 1), 0
    while len(found) < count:
        batch = list(rows[start:start + chunk])
        found += [row for row in batch if classify.of_session(row).visible_to(viewer)]
        if len(batch) < chunk:
            break
        start += chunk
    return found[:count]


def timetable_slots(viewer: Viewer, session_id: int | str) -> tuple[SessionView, list[timetable.Slot]]:
    """What the session's timetable shows this viewer: every timed part (that a part takes place, and when,
    is as visible as the session; a closed part's title too), the timed items and the bilateral meetings
    (not declined) the viewer may see, in the reader's language, with their rooms."""
    view = session_view(viewer, session_id)
    rooms = {room.pk: room.name.pick().text for room in Room.objects.filter(session=view.session)}
    slots = []
    for p in view.parts:
        part = p.part
        if part.starts_at and part.ends_at:
            title = part.title.pick().text or str(part.get_kind_display())
            slots.append(timetable.Slot("part", title, part.starts_at, part.ends_at,
                                        rooms.get(part.room_id or 0, "")))
    for v in view.items:
        if v.item.starts_at and v.item.ends_at:
            slots.append(timetable.Slot("item", f"{v.item.number}. {v.item.title.pick().text}", v.item.starts_at,
                                        v.item.ends_at, rooms.get(v.item.room_id or 0, "")))
    for b in view.bilaterals:
        if b.state != BilateralState.DECLINED:
            slots.append(timetable.Slot("bilateral", f"{b.requester.name} – {b.counterpart.name}", b.starts_at,
                                        b.ends_at, rooms.get(b.room_id or 0, ""),
                                        provenance.label(b.entry_seq, "starts_at", "ends_at")))
    return view, slots


def rooms(viewer: Viewer, session_id: int | str) -> list[Room]:
    return list(Room.objects.filter(session=session(viewer, session_id)).order_by("number"))
