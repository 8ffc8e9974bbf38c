"""The demo's crises, entered through the actions: only the facts of ../shared/seed/SCENARIO.md.

- Kazakhstan, January 2022: a completed collective operation. The Council's decision of 6 January is recorded
  as the members' answer to the request (no member's own acknowledgement is in the record). The contingents
  as SCENARIO.md gives them: Armenia 100 (confirmed; early reports about 70), Tajikistan about 200, Kyrgyzstan
  150 with 19 vehicles (reported: sources differ), Belarus one airborne company and Russia the rest of the
  2,030 (numbers not published), each with the sites it guarded. The sources date the force, not each
  contingent: its first arrivals on 6 January and its deployment complete on 9 January (2,030 personnel, 250
  pieces of equipment) are the force's own acts; each contingent's departure and arrival are recorded as the
  range 6-9 January and its return home as 13-19 January, never as invented days. The UN was informed: the
  Secretary General wrote to the UN Secretary-General on 6 January (one report says 5 January), the chair
  (Armenia) to the President of the Security Council (the day not given); neither text is in the record.
  No session was held on 6 January: the Council's decision of that day was circulated by the Secretariat and
  announced by the chair (decisions demo), and that decision is tied to the request and authorizes the mandate;
  the extraordinary session of 10 January 2022, by video, is tied to it too.
- Armenia, 13 September 2022: a request answered by a mission led by the Secretary General and the
  Chief of the Joint Staff, reporting to the Council; tied to it, the sessions of 13 September and
  28 October 2022, the Yerevan session, and the draft decision on assistance returned there. The response
  ends, by its own rule, when the mission's report is heard: at the session of 28 October 2022.
- Armenia's request for consultations of May 2021 is on the Treaty's Art. 2 path, not a crisis: the
  monitoring demo (accord/demo/monitoring.py) records it.

Times are recorded to the day (00:00 UTC), the precision of the sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from accord.core import provenance
from accord.core.acting import Actor
from accord.core.translations import Texts
from accord.crises import actions
from accord.crises.models import Crisis
from accord.decisions import queries as decisions_queries
from accord.decisions.models import Decision
from accord.demo import decisions as decisions_demo
from accord.demo import sources
from accord.meetings.models import Session
from accord.members.models import Person

T = TypeVar("T")
CONTRIBUTORS = ("RUS", "BLR", "ARM", "TJK", "KGZ")
# The notes are our own summaries of SCENARIO.md, in Russian (the working language) and in English.
KAZAKHSTAN_NOTE = {
    "ru": "Коллективные миротворческие силы направлены на ограниченный срок: всего около 2000–2500 "
          "военнослужащих (по сообщениям) из России, Беларуси, Армении (100, подтверждено), Таджикистана и "
          "Кыргызстана; принимающее государство контингента не направляло. Первые прибыли 6 января 2022 г.; "
          "внеочередная сессия Совета в режиме видеоконференции 10 января 2022 г.",
    "en": "Collective Peacekeeping Forces sent for a limited period of time: about 2,000-2,500 personnel in all "
          "(reported) from Russia, Belarus, Armenia (100, confirmed), Tajikistan and Kyrgyzstan; the host sent "
          "none. First arrivals on 6 January 2022; extraordinary session of the Council by video on 10 January "
          "2022.",
}
ARMENIA_2022_NOTE = {
    "ru": "Протокольное решение Совета, собравшегося онлайн в день обращения; миссия работала с 15 сентября "
          "2022 г. Внеочередная сессия 28 октября 2022 г. заслушала её доклад; проект решения о помощи Армении "
          "возвращён на доработку на Ереванской сессии 23 ноября 2022 г.",
    "en": "Protocol decision of the Council, which met online on the day of the request; the mission worked from "
          "15 September 2022. The extraordinary session of 28 October 2022 heard its report; the draft decision "
          "on assistance to Armenia was returned for revision at the Yerevan session on 23 November 2022.",
}
# The mission's leaders as SCENARIO.md names them: the Secretary General (Zas, named from the office on the
# day) and the Chief of the Joint Staff (no holder recorded: the office alone).
ARMENIA_2022_LEADERS = [{"office": "SG"}, {"office": "CJS"}]

# The requests and the mandate in the same two languages: SCENARIO.md's facts in our words, the Russian our
# translation of our English (the commander's name in its usual Russian spelling).
KAZAKHSTAN = {"ru": "Казахстан", "en": "Kazakhstan"}
ARMENIA_2022 = {"ru": "Армения (сентябрь 2022 г.)", "en": "Armenia (September 2022)"}
KAZAKHSTAN_REQUEST = {
    "happened": {"ru": "Протесты с 2 января 2022 г.", "en": "Protests from 2 January 2022."},
    "area": KAZAKHSTAN,
    "asks_for": {"ru": "Помощь Организации (запрос от 5 января 2022 г.).",
                 "en": "Assistance of the Organization (request of 5 January 2022)."},
}
KAZAKHSTAN_MANDATE = {
    "purpose": {"ru": "Коллективные миротворческие силы направлены на ограниченный срок (Договор, ст. 4)",
                "en": "Collective Peacekeeping Forces sent for a limited period of time (Treaty, Art. 4)"},
    "area": KAZAKHSTAN,
    "commander": {"ru": "Генерал-полковник Андрей Сердюков", "en": "Colonel-General Andrei Serdyukov"},
}
# The contingents as SCENARIO.md gives them (sources differ on some figures; it says which to use), each with
# what it was and the sites it guarded, in our words.
KAZAKHSTAN_CONTINGENTS: dict[str, dict[str, Any]] = {
    "RUS": {"personnel": None, "note": {
        "ru": "Воздушно-десантные подразделения (45-я бригада, соединения из Иваново и Ульяновска); охраняли "
              "аэропорт Алматы вместе с казахстанской полицией. Численность не опубликована: остальные из 2030.",
        "en": "Airborne units (the 45th brigade, formations from Ivanovo and Ulyanovsk); guarded Almaty airport "
              "with the Kazakh police. Number not published: the rest of the 2,030."}},
    "BLR": {"personnel": None, "note": {
        "ru": "Рота 103-й воздушно-десантной бригады; охраняла военный аэродром. Численность не опубликована.",
        "en": "One company of the 103rd airborne brigade; guarded a military airfield. Number not published."}},
    "ARM": {"personnel": 100, "marks": sources.ARMENIA_CONTINGENT, "note": {
        "ru": "Охранял водозабор и хлебозавод в Алматы.",
        "en": "Guarded a water intake and a bread plant in Almaty."}},
    "TJK": {"personnel": 200, "reported": True, "note": {
        "ru": "Около 200 военнослужащих; охранял Алматинскую ТЭЦ-1.",
        "en": "About 200 personnel; guarded the Almaty power plant TPP-1."}},
    "KGZ": {"personnel": 150, "reported": True, "equipment": 19, "equipment_unit": "vehicles", "note": {
        "ru": "150 военнослужащих и 19 единиц автотехники; охранял Алматинскую ТЭЦ-2.",
        "en": "150 personnel with 19 vehicles; guarded the Almaty power plant TPP-2."}},
}
# Who wrote to the UN (SCENARIO.md): the Secretary General, and the chair of the Council.
SECRETARY_GENERAL = {"ru": "Станислав Зась, Генеральный секретарь", "en": "Stanislav Zas, Secretary General"}
CHAIR = {"ru": "Армения, председатель Совета коллективной безопасности",
         "en": "Armenia, chair of the Collective Security Council"}
ARMENIA_2022_HEARD = {
    "ru": "Внеочередная сессия Совета 28 октября 2022 г. заслушала доклад миссии.",
    "en": "The extraordinary session of the Council on 28 October 2022 heard the mission's report.",
}
ARMENIA_2022_DECISION = {"ru": "Протокольное решение Совета коллективной безопасности от 13 сентября 2022 года",
                         "en": "Protocol decision of the Collective Security Council of 13 September 2022"}
ARMENIA_2022_REQUEST = {
    "happened": {"ru": "Армения запросила помощь 13 сентября 2022 г.",
                 "en": "Armenia requested assistance on 13 September 2022."},
    "area": ARMENIA_2022,
    "asks_for": {"ru": "Помощь Организации.", "en": "Assistance of the Organization."},
}


def _day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _actor(handle: str | None) -> Actor:
    """The person acting (looked up when the step runs, once the person exists), or the console."""
    return Actor(person=Person.objects.get(username=handle)) if handle else Actor.console()


def _on(where: str, requester: str, step: Callable[..., Any], /, handle: str | None = None,
        **kwargs: Any) -> object:
    """Run an action on the demo crisis that `requester` filed for `where` (filed by an earlier step)."""
    return step(actor=_actor(handle), crisis=_crisis(where, requester), **kwargs)


def _given(marks: dict[str, Any], step: Callable[..., Any], /, *args: Any, **kwargs: Any) -> object:
    """Run a step with its provenance on the act it records."""
    with provenance.given(marks):
        return step(*args, **kwargs)


def _file(handle: str, **kwargs: Any) -> object:
    return actions.file_request(actor=_actor(handle), **kwargs)


def _crisis(area: str, requester: str) -> int:
    """The demo crisis that `requester` filed for the area named `area` in English."""
    found = Crisis.objects.filter(requester_id=requester).values_list("pk", "area")
    return next(pk for pk, named in found if Texts.of(named).get("en") == area)


def _contingent(member: str, personnel: int | None, note: dict[str, str], *, reported: bool = False,
                equipment: int | None = None, equipment_unit: str = "pieces",
                marks: dict[str, Any] | None = None) -> object:
    """A contingent pledged and accepted on the day of the decision (the sources give no other day), with
    the phases the sources date as ranges: departed and arrived between 6 and 9 January, home between 13
    and 19 January."""
    crisis = _crisis("Kazakhstan", "KAZ")
    with provenance.given(marks):
        pledge = actions.pledge_contingent(
            actor=_actor(f"{member.lower()}.head"), crisis=crisis, capability="peacekeeping_contingent",
            quantity=1, personnel=personnel, personnel_reported=reported, equipment=equipment,
            equipment_unit=equipment_unit, note=note,
            at=_day("2022-01-06"))
    actions.answer_pledge(actor=_actor("kaz.head"), pledge=pledge.pk, accept=True, at=_day("2022-01-06"))
    for phase, first, last, mark in (("departed", "2022-01-06", "2022-01-09", sources.DEPLOYMENT_RANGE),
                                     ("arrived", "2022-01-06", "2022-01-09", sources.DEPLOYMENT_RANGE),
                                     ("home", "2022-01-13", "2022-01-19", sources.RETURN_RANGE)):
        with provenance.given(mark):
            actions.record_phase(actor=Actor.console(), pledge=pledge.pk, phase=phase, at=_day(first),
                                 by=_day(last))
    return pledge


def _kazakhstan_answered() -> object:
    """The Council's decision of 6 January, as the register names it in each language, is each contributing
    member's answer to the request."""
    decision = Decision.objects.get(proposal=_proposal(decisions_demo.KAZAKHSTAN_EN), outcome="adopted")
    return actions.acknowledge_by_decision(
        actor=Actor.console(), crisis=_crisis("Kazakhstan", "KAZ"), members=list(CONTRIBUTORS),
        decision=dict(decision.identifier_texts), at=_day("2022-01-06"))


def _proposal(title: str) -> int:
    found = decisions_queries.proposal_titled(title)
    if found is None:
        raise LookupError(f"the demo has no proposal titled {title!r}")
    return found.pk


def _tie(where: str, requester: str, *, session: str = "", proposal: str = "") -> object:
    """Tie a session or proposal of the demo (by its English title) to the demo crisis."""
    found = {"session": _titled(Session.objects.all(), session).pk} if session else {
        "proposal": _proposal(proposal)}
    return actions.take_up(actor=Actor.console(), crisis=_crisis(where, requester), **found)


def _titled(found: Iterable[T], english: str) -> T:
    """The demo's session or proposal with this English title."""
    return next(each for each in found if _english_title(each) == english)


def _english_title(each: object) -> str:
    title = getattr(each, "title", None)
    return title.get("en", "") if isinstance(title, Texts) else ""


def steps() -> list[tuple[str, Callable[[], object]]]:
    kaz = partial(_on, "Kazakhstan", "KAZ")
    result: list[tuple[str, Callable[[], object]]] = [
        ("Kazakhstan requests assistance", partial(
            _file, "kaz.head", legal_basis="aggression", classification="public", at=_day("2022-01-05"),
            **KAZAKHSTAN_REQUEST)),
        ("the Council decides an operation", partial(
            kaz, actions.choose_response, response="operation", note=KAZAKHSTAN_NOTE, at=_day("2022-01-06"))),
        ("taken up: the decision circulated without a session", partial(
            _tie, "Kazakhstan", "KAZ", proposal=decisions_demo.KAZAKHSTAN_EN)),
        # No identifier named: the decision adopted on the proposal that took up the request authorizes it.
        ("its mandate", partial(
            kaz, actions.set_mandate, **KAZAKHSTAN_MANDATE, ends_at=None, commander_body="CMD", requirements={})),
        ("taken up: the extraordinary session of 10 January", partial(
            _tie, "Kazakhstan", "KAZ", session="Extraordinary session on the situation in Kazakhstan")),
        ("the Council's decision is the members' answer", partial(
            _given, sources.KAZAKHSTAN_DECISION_AS_ANSWER, _kazakhstan_answered)),
        *[(f"the contingent of {member}", partial(_contingent, member, **contingent))
          for member, contingent in KAZAKHSTAN_CONTINGENTS.items()],
        ("the first arrivals", partial(_given, sources.FIRST_ARRIVAL, kaz, actions.record_first_arrival,
                                       at=_day("2022-01-06"))),
        ("the deployment complete", partial(kaz, actions.record_deployment_complete, at=_day("2022-01-09"),
                                            personnel=2030, equipment=250)),
        ("the Secretary General's letter to the UN Secretary-General", partial(
            _given, sources.SECRETARY_GENERAL_LETTER, kaz, actions.record_letter_sent, kind="notification",
            addressee="secretary", sender=SECRETARY_GENERAL, text_kept=False, at=_day("2022-01-06"))),
        ("the chair's letter to the President of the Security Council", partial(
            kaz, actions.record_letter_sent, kind="notification", sender=CHAIR, text_kept=False, undated=True)),
        ("the host declares the mission complete", partial(
            kaz, actions.declare_mission_complete, handle="kaz.head", at=_day("2022-01-11"))),
        ("14 guarded sites handed over", partial(
            kaz, actions.hand_over_sites, handle="kaz.head", sites=14, at=_day("2022-01-13"))),
        ("withdrawal complete", partial(kaz, actions.complete_withdrawal, at=_day("2022-01-19"))),
        ("Armenia requests assistance (13 September 2022)", partial(
            _file, "arm.head", legal_basis="aggression", classification="public", at=_day("2022-09-13"),
            **ARMENIA_2022_REQUEST)),
        ("a mission answers it", partial(
            _on, "Armenia (September 2022)", "ARM", actions.choose_response, response="mission",
            leaders=ARMENIA_2022_LEADERS, reports_to="CSC",
            note=ARMENIA_2022_NOTE, at=_day("2022-09-13"))),
        ("the Council's protocol decision is the members' answer", partial(
            _given, sources.ARMENIA_2022_DECISION_AS_ANSWER, _on, "Armenia (September 2022)", "ARM",
            actions.acknowledge_by_decision, members=["BLR", "KAZ", "KGZ", "RUS", "TJK"],
            decision=ARMENIA_2022_DECISION, at=_day("2022-09-13"))),
        *[(f"taken up: {title}", partial(_tie, "Armenia (September 2022)", "ARM", session=title)) for title in (
            "Extraordinary session on Armenia's request", "Extraordinary session: the mission's report",
            "Collective Security Council: regular session, Yerevan")],
        ("taken up: the draft decision on assistance", partial(
            _tie, "Armenia (September 2022)", "ARM",
            proposal="Draft decision on assistance to the Republic of Armenia")),
        ("the mission's report heard: the response ends", partial(
            _on, "Armenia (September 2022)", "ARM", actions.record_report_heard, note=ARMENIA_2022_HEARD,
            at=_day("2022-10-28"))),
    ]
    return result
