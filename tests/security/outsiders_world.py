"""The outsiders' world: an organization with a canary string in every sealed body and every closed part.

Built through the real actions only, on top of the meetings tests' summit (whose closed part, secret session
and secret bilateral carry their own markers). Each thing exists three times where the app allows it: public,
members-only and participants-only, so that a route's path parameters can name a visible thing, a hidden one
and a missing one. `FILLERS` (in outsiders_routes) turns a route's parameters into those ids.
"""

from __future__ import annotations

import base64
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "meetings"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import meetings_world
from nacl.signing import SigningKey as NaclKey
from sessions_held import held_session

from accord.core.acting import Actor
from accord.crises import actions as crises
from accord.decisions import actions as decisions
from accord.documents import actions as documents
from accord.drills import actions as drills
from accord.exercises import actions as exercises
from accord.forces import actions as forces
from accord.ledger.models import Entry
from accord.meetings import actions as meetings
from accord.members import actions as registry
from accord.members.models import Person, SigningKey
from accord.monitoring import actions as monitoring

PASSWORD = meetings_world.PASSWORD
# The closed part's participants (KAZ, KGZ, RUS); the other member's delegate is outside them.
INSIDE = list(meetings_world.INSIDE)
OTHER_MEMBER = "TJK"
MEMBERS = "members"
PARTICIPANTS = "participants"

# Every canary, with the classification of the thing it is hidden in: a members-only canary is sealed
# from the public and observers; a participants-only one also from a member outside the participants.
CANARIES: dict[str, str] = {
    meetings_world.CLOSED_TEXT: PARTICIPANTS,
    meetings_world.CLOSED_ITEM: PARTICIPANTS,
    meetings_world.CLOSED_REP: PARTICIPANTS,
    meetings_world.SECRET_PLACE: PARTICIPANTS,
    meetings_world.SECRET_SESSION: PARTICIPANTS,
    meetings_world.MEMBERS_SESSION: MEMBERS,
}


def canary(name: str, classification: str) -> str:
    text = f"canary-{name}-zq"
    CANARIES[text] = classification
    return text


def sealed_from(persona_member: str | None) -> list[str]:
    """The canaries a persona must never read: every one for the public and observers (no member),
    the participants-only ones for an official of a member outside the participants."""
    if persona_member is None:
        return list(CANARIES)
    return [text for text, level in CANARIES.items() if level == PARTICIPANTS and persona_member not in INSIDE]


T0 = dt.datetime(2022, 1, 5, 12, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


@dataclass
class Level:
    """The ids of one classification's things (or of none, for things that do not exist)."""

    crisis: int | None = None
    pledge: int | None = None
    lesson: int | None = None
    force: int | None = None
    exercise: int | None = None
    theme: int | None = None
    indicator: int | None = None
    proposal: int | None = None
    decision: int | None = None
    document: int | None = None
    amendment: int | None = None
    session: int | None = None
    part: int | None = None
    item: int | None = None
    statement: int | None = None
    bilateral: int | None = None
    entry: int | None = None
    attachment: int | None = None
    consultation: int | None = None
    drill: int | None = None


@dataclass
class World:
    levels: dict[str, Level] = field(default_factory=dict)
    key_id: str = ""
    # Registered keys by their holder: key ids are public, and the signed door is open to anyone.
    keys: dict[str, str] = field(default_factory=dict)


def _actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def _crisis(level: Level, classification: str, label: str) -> None:
    secret = classification != "public"

    def text(name: str, plain: str) -> str:
        return canary(f"{label}-{name}", MEMBERS) if secret else plain

    filed = crises.file_request(actor=_actor("kaz.head"), at=T0, classification=classification,
                                legal_basis="aggression", happened=text("happened", "Unrest"),
                                area=text("area", "Almaty"), asks_for=text("asks-for", "Forces"))
    console = _actor("secretariat")
    crises.acknowledge_request(actor=_actor("rus.head"), crisis=filed.pk, at=T0 + H)
    crises.choose_response(actor=console, crisis=filed.pk, response="operation", at=T0 + 2 * H,
                           note=text("response-note", "Operation"))
    crises.set_mandate(actor=console, crisis=filed.pk, purpose=text("purpose", "Protect facilities"),
                       area=text("mandate-area", "Kazakhstan"), ends_at=T0 + dt.timedelta(days=30),
                       commander=text("commander", "Commander"), commander_body="CMD",
                       requirements={"airborne_unit": 2}, decision_identifier=text("decision", "CSC decision"),
                       decision_at=T0 + 3 * H)
    pledge = crises.pledge_contingent(actor=_actor("rus.head"), crisis=filed.pk, capability="airborne_unit",
                                      quantity=1, at=T0 + 4 * H)
    crises.answer_pledge(actor=_actor("kaz.head"), pledge=pledge.pk, accept=True, at=T0 + 4 * H)
    for phase, hours in (("alerted", 5), ("authorized", 6), ("departed", 7), ("arrived", 9)):
        crises.record_phase(actor=_actor("rus.delegate"), pledge=pledge.pk, phase=phase, at=T0 + hours * H)
    crises.file_situation_report(actor=console, crisis=filed.pk, from_commander=True,
                                 text=text("report", "Forces arriving"), at=T0 + 10 * H)
    crises.record_letter_sent(actor=console, crisis=filed.pk, kind="notification",
                              reference=text("letter-reference", "S/2022/1"))
    crises.extend_mandate(actor=console, crisis=filed.pk, ends_at=T0 + dt.timedelta(days=60),
                          reference=text("extension", "Decision to extend"))
    validated = crises.record_lesson(actor=_actor("rus.delegate"), crisis=filed.pk, text=text("lesson", "Airlift"))
    crises.validate_lesson(actor=console, lesson=validated.pk, text=text("validated-lesson", "Airlift agreed"))
    lesson = crises.record_lesson(actor=_actor("kaz.delegate"), crisis=filed.pk, text=text("raw-lesson", "Slots"))
    crises.convene_on_request(actor=console, crisis=filed.pk, body="CSC", starts_on="2022-01-06",
                              title={"en": text("session", "Session"), "ru": text("session-ru", "Session")})
    crises.open_accelerated_procedure(actor=console, crisis=filed.pk, body="CSC", text=text("draft-text", "Text"),
                                      title={"en": text("draft-decision", "Draft"),
                                             "ru": text("draft-decision-ru", "Draft")})
    level.crisis, level.pledge, level.lesson = filed.pk, pledge.pk, lesson.pk
    declined = crises.file_request(actor=_actor("rus.head"), at=T0, classification=classification,
                                   legal_basis="aggression", happened=text("declined-happened", "Unrest"),
                                   area=text("declined-area", "Area"), asks_for=text("declined-asks", "Forces"))
    crises.record_no_response(actor=console, crisis=declined.pk, outcome="declined", objected_by=["BLR"],
                              note=text("declined-note", "Declined"), at=T0 + H)


def _force(level: Level, classification: str, label: str) -> None:
    secret = classification != "public"

    def text(name: str, plain: str) -> str:
        return canary(f"{label}-{name}", MEMBERS) if secret else plain

    force = forces.establish_force(actor=_actor("secretariat"), classification=classification,
                                   name={"ru": text("name-ru", "Силы"), "en": text("name", "Forces")},
                                   purpose={"ru": text("purpose", "Purpose")}, size=1000,
                                   decision_reference=text("decision", "Decision"),
                                   source=text("source", "Source"))
    forces.declare_contribution(actor=_actor("kaz.head"), force=force.pk, member="KAZ",
                                capability="infantry_company", units=1, note=text("note", "Note"))
    level.force = force.pk
    exercise = exercises.plan_exercise(
        actor=_actor("secretariat"), classification=classification, kind="peacekeeping", host="KGZ",
        name={"ru": text("exercise-ru", "Учение"), "en": text("exercise", "Exercise")},
        ground=text("ground", "Ground"), planned_start="2022-10-10", planned_end="2022-10-14",
        forces_exercised=[force.pk], scenario={"ru": text("scenario", "Scenario")},
        observers=[text("observer", "Observer")])
    exercises.declare_participation(actor=_actor("kaz.head"), exercise=exercise.pk, member="KAZ",
                                    participation="not_participating", reason=text("reason", "Reason"))
    exercises.postpone_exercise(actor=_actor("secretariat"), exercise=exercise.pk, planned_start="2022-10-17",
                                planned_end="2022-10-21", reason=text("postponed", "Postponed"))
    level.exercise = exercise.pk


def _theme(level: Level, classification: str, label: str, statements: tuple[int | None, ...]) -> None:
    """A monitoring theme with a follower, an assessment, a member's report and the statements given tagged
    to it (a closed part's statement on a public theme: its tag must stay as closed as the statement)."""
    secret = classification != "public"

    def text(name: str, plain: str) -> str:
        return canary(f"{label}-{name}", MEMBERS) if secret else plain

    theme = monitoring.configure_theme(actor=_actor("secretariat"), classification=classification, kind="regional",
                                       name={"ru": text("name-ru", "Тема"), "en": text("name", "Theme")},
                                       description={"ru": text("description", "Description")})
    monitoring.follow_theme(actor=_actor("kaz.head"), theme=theme.pk, member="KAZ")
    monitoring.assess_theme(actor=_actor("secretariat"), theme=theme.pk, author="secretariat", level="elevated",
                            summary={"ru": text("assessment", "Assessment")}, sources=text("sources", "Source"))
    monitoring.report_on_theme(actor=_actor("kaz.head"), theme=theme.pk, member="KAZ", level="high",
                               summary={"ru": text("report", "Report")},
                               changes={"ru": text("changes", "Changes")},
                               sources=text("report-sources", "Source"))
    for statement in statements:
        if statement is not None:
            monitoring.tag_statement(actor=_actor("secretariat"), theme=theme.pk, statement=statement)
    indicator = monitoring.define_indicator(actor=_actor("secretariat"), theme=theme.pk, unit="t",
                                            frequency="monthly", reporters=["KAZ"], classification=classification,
                                            name={"ru": text("indicator-ru", "Показатель"),
                                                  "en": text("indicator", "Indicator")}, warning="1", alert="2")
    monitoring.report_value(actor=_actor("kaz.head"), indicator=indicator.pk, member="KAZ", value="1.5",
                            as_of="2022-05-01", source=text("value-source", "Statistics"))
    if not secret:  # a members-only indicator on a public theme: its values never reach the public
        hidden = monitoring.define_indicator(
            actor=_actor("secretariat"), theme=theme.pk, unit="t", frequency="monthly", reporters=["KAZ"],
            classification=MEMBERS, name={"ru": canary(f"{label}-hidden-indicator", MEMBERS)})
        monitoring.report_value(actor=_actor("kaz.head"), indicator=hidden.pk, member="KAZ", value="2",
                                as_of="2022-05-01", source=canary(f"{label}-hidden-source", MEMBERS))
        # A participants-only indicator: the theme's followers (the participants inside) and the secretariat
        # read it; a member that does not follow the theme reads it nowhere, as the public does not.
        for code in INSIDE:
            if code != "KAZ":
                monitoring.follow_theme(actor=_actor(f"{code.lower()}.head"), theme=theme.pk, member=code)
        followed = monitoring.define_indicator(
            actor=_actor("secretariat"), theme=theme.pk, unit="t", frequency="monthly", reporters=["KAZ"],
            classification=PARTICIPANTS, warning="1", alert="2",
            name={"ru": canary(f"{label}-followers-indicator", PARTICIPANTS)})
        monitoring.report_value(actor=_actor("kaz.head"), indicator=followed.pk, member="KAZ", value="3",
                                as_of="2022-05-01", source=canary(f"{label}-followers-source", PARTICIPANTS))
    level.theme, level.indicator = theme.pk, indicator.pk
    if secret:  # joint consultations on a members' theme: as hidden as the theme
        level.consultation = monitoring.request_consultations(
            actor=_actor("kaz.head"), theme=theme.pk, member="KAZ",
            grounds={"ru": text("grounds", "Основания")}).pk


def _proposal(level: Level, classification: str, label: str) -> None:
    secret = classification != "public"
    grade = PARTICIPANTS if classification == PARTICIPANTS else MEMBERS

    def text(name: str, plain: str) -> str:
        return canary(f"{label}-{name}", grade) if secret else plain

    console = Actor.console()
    audience = INSIDE if classification == PARTICIPANTS else None
    proposal = decisions.propose(actor=console, title={"en": text("title", "Public proposal"),
                                 "ru": text("title-ru", "Public proposal")}, text=text("text", "Text"),
                                 body="CSC", classification=classification, audience=audience)
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus",
                             session=held_session("2022-05-16"), opened_at="2022-05-16T00:00:00+00:00")
    decided = decisions.close_procedure(actor=console, proposal=proposal.pk, on="2022-05-16")
    open_one = decisions.propose(actor=console, title={"ru": text("open-title", "Open proposal")}, body="CSC",
                                 classification=classification, audience=audience)
    decisions.open_procedure(actor=console, proposal=open_one.pk, kind="silence",
                             deadline=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
    decisions.lodge_position(actor=_actor("kaz.head"), proposal=open_one.pk, member="KAZ", stance="object",
                             reasons=text("objection", "Reasons"))
    decisions.lodge_position(actor=_actor("rus.head"), proposal=open_one.pk, member="RUS", stance="join",
                             statement_kind="reservation", statement=text("reservation", "Reservation"))
    level.proposal, level.decision = proposal.pk, decided.pk


def _document(level: Level, classification: str, label: str) -> None:
    secret = classification != "public"
    grade = PARTICIPANTS if classification == PARTICIPANTS else MEMBERS

    def text(name: str, plain: str) -> str:
        return canary(f"{label}-{name}", grade) if secret else plain

    officer = _actor("secretariat")
    audience = [*INSIDE, "secretariat"] if classification == PARTICIPANTS else []
    paragraphs = f"{text('paragraph-1', 'First paragraph.')}\n\n{text('paragraph-2', 'Second paragraph.')}"
    created = documents.create_document(
        actor=officer, kind="joint_statement",
        title={"ru": text("title-ru", "Public statement"), "en": text("title", "Public statement")},
        texts={"ru": paragraphs, "en": paragraphs},
        authentic=["ru"], classification=classification, audience=audience)
    amendment = documents.propose_amendment(actor=officer, document=created.pk, version=1, language="en",
                                            paragraph=1, text=text("amendment", "Amended first paragraph."),
                                            reason=text("amendment-reason", "Clearer"))
    documents.notify(actor=officer, document=created.pk, on="2022-05-16", subject=text("notice", "Notice"),
                     text=text("notice-text", "Text of the notice"))
    level.document, level.amendment = created.pk, amendment.pk


def _members_session(level: Level) -> None:
    """A members-only session with a part, an item, a statement, attendance and a bilateral, all canaries."""
    console = Actor.console()
    session = meetings.convene_session(
        actor=console, body="CSC", title={"ru": canary("members-session-title-ru", MEMBERS),
                                          "en": canary("members-session-title", MEMBERS)},
        kind="regular", mode="in_person", starts_on="2022-06-01",
        place={"ru": "x", "en": canary("members-session-place", MEMBERS)}, host="KAZ",
        classification=MEMBERS)
    part = meetings.add_part(actor=console, session=session.pk, kind="expanded", is_open=True,
                             title={"en": canary("members-part-title", MEMBERS)},
                             starts_at="2022-06-01T10:00:00+00:00", ends_at="2022-06-01T11:00:00+00:00")
    item = meetings.add_agenda_item(actor=console, session=session.pk, part=part.pk,
                                    title={"ru": canary("members-item-ru", MEMBERS),
                                           "en": canary("members-item", MEMBERS)})
    meetings.agree_agenda(actor=console, session=session.pk)
    meetings.record_attendance(actor=console, part=part.pk, member="KAZ", presence="in_person",
                               represented_by=canary("members-representative", MEMBERS))
    spoken = meetings.inscribe_speaker(actor=console, part=part.pk, delegation="KAZ", speaker="kaz.head")
    meetings.deliver_statement(actor=console, statement=spoken.pk, language="ru",
                               text=canary("members-statement", MEMBERS),
                               summary={"ru": canary("members-statement-summary", MEMBERS)})
    bilateral = meetings.request_bilateral(
        actor=console, session=session.pk, requester="KAZ", counterpart="RUS",
        starts_at="2022-06-01T13:00:00+00:00", ends_at="2022-06-01T13:30:00+00:00",
        place={"en": canary("members-bilateral-place", MEMBERS)})
    level.session, level.part, level.item, level.statement = session.pk, part.pk, item.pk, spoken.pk
    level.bilateral = bilateral.pk


def _attachment(level: Level, classification: str) -> None:
    """A file on the level's agenda item: as visible as the item, its name and its text canaries."""
    from accord.attachments import actions as attachments

    name = canary(f"{classification}-attachment", classification) if classification != "public" else "notes"
    assert level.item is not None
    level.attachment = attachments.attach(actor=_actor("secretariat"), on="item", target=level.item,
                                          name=f"{name}.txt", content=f"{name} text".encode()).pk


def build() -> World:
    summit = meetings_world.build()
    console = Actor.console()
    registry.establish_body(actor=console, code="CMD", name={"ru": "Совет министров обороны",
                                                             "en": "Council of Defence Ministers"})
    public, members, participants = Level(), Level(), Level()
    from accord.meetings.models import Bilateral, Statement

    public.session, public.part, public.item = summit.summit, summit.open_part, summit.open_item
    public.statement = Statement.objects.filter(part_id=summit.open_part).values_list("pk", flat=True).first()
    public.bilateral = (Bilateral.objects.filter(session_id=summit.summit).exclude(pk=summit.secret_bilateral)
                        .values_list("pk", flat=True).first())
    participants.session, participants.part, participants.item = (summit.secret_session, summit.closed_part,
                                                                  summit.closed_item)
    participants.statement, participants.bilateral = summit.closed_statement, summit.secret_bilateral
    _members_session(members)
    _crisis(public, "public", "public-crisis")
    _crisis(members, MEMBERS, "crisis")
    _force(public, "public", "public-force")
    _force(members, MEMBERS, "force")
    _theme(public, "public", "public-theme", (public.statement, participants.statement))
    _theme(members, MEMBERS, "theme", (public.statement,))
    # A drill, members' business: its director's pages and its scope are hidden from the public and observers.
    members.drill = drills.plan_drill(actor=_actor("secretariat"), name={"ru": canary("drill-name", MEMBERS)},
                                      starts_at=dt.datetime(2022, 5, 20, 9, tzinfo=dt.UTC)).pk
    for level, classification in ((public, "public"), (members, MEMBERS), (participants, PARTICIPANTS)):
        _proposal(level, classification, f"{classification}-proposal")
        _document(level, classification, f"{classification}-document")
    for level, classification in ((public, "public"), (members, MEMBERS), (participants, PARTICIPANTS)):
        _attachment(level, classification)
    # A public request taken up by a members-only session and a participants-only proposal: the request's
    # page lists what took it up, and must list only what its reader may see.
    officer = _actor("secretariat")
    assert public.crisis is not None
    crises.take_up(actor=officer, crisis=public.crisis, session=members.session)
    crises.take_up(actor=officer, crisis=public.crisis, proposal=participants.proposal)
    for level, classification in ((public, "public"), (members, MEMBERS), (participants, PARTICIPANTS)):
        level.entry = Entry.objects.filter(classification=classification).values_list("seq", flat=True).last()
    registry.register_key(actor=console, person="secretariat", label="officer's laptop",
                          public_key=base64.b64encode(bytes(NaclKey.generate().verify_key)).decode())
    keys = dict(SigningKey.objects.filter(person__username__in=["kaz.delegate", "secretariat"], revoked_seq=None)
                .values_list("person__username", "key_id"))
    return World(levels={"public": public, MEMBERS: members, PARTICIPANTS: participants},
                 key_id=keys["kaz.delegate"], keys=keys)
