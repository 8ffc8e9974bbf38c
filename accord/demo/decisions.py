"""The demo's decisions, from ../shared/seed/SCENARIO.md, entered through the decisions actions only.

What the record does not give (the titles of 15 of the Yerevan drafts, the budget decision's and the 6 January
2022 decision's exact titles) is labelled as missing, never made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from accord.core import clock, provenance
from accord.core.acting import Actor
from accord.decisions import actions, queries, sessions
from accord.demo import sources
from accord.members.models import Person

HEADS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
ANNIVERSARY_EN = ("Statement of the Collective Security Council on the 30th anniversary of the Collective "
                  "Security Treaty and the 20th anniversary of the Collective Security Treaty Organization")
ANNIVERSARY_RU = ("Заявление Совета коллективной безопасности в связи с 30-летием Договора о коллективной "
                  "безопасности и 20-летием Организации Договора о коллективной безопасности")
# The days of the Council's sessions the demo's decisions are taken at (the meetings demo convenes them;
# the 2024 regular session's day is not in the record: illustrative, see accord.demo).
MOSCOW = "2022-05-16"
YEREVAN = "2022-11-23"
BUDGET_SESSION = "2024-11-28"
# The two drafts the record names, both returned for revision at Yerevan.
RETURNED = (
    ("Draft decision on assistance to the Republic of Armenia",
     "Проект решения об оказании помощи Республике Армения"),
    ("Draft final declaration of the session", "Проект итоговой декларации сессии"),
)
ADOPTED_AT_YEREVAN = 15
RETURNED_REASON = {"ru": "Возвращён на доработку на сессии", "en": "Returned for revision at the session"}


def _person(handle: str) -> Actor:
    return Actor(person=Person.objects.select_related("member").get(username=handle))


@dataclass(frozen=True)
class AtSession:
    """A proposal decided by consensus at a session of `body` that begins on `day`."""

    title_en: str
    title_ru: str
    body: str
    day: str
    joined: tuple[str, ...] = ()
    not_participating: tuple[str, ...] = ()
    returned: Mapping[str, str] = field(default_factory=dict)  # why, per language: returned for revision
    text: Mapping[str, str] = field(default_factory=dict)
    # The provenance of the procedure's opening and of its decision (accord.demo.sources), where a day is not
    # a fact.
    opened_marks: Mapping[str, object] | None = None
    decided_marks: Mapping[str, object] | None = None


def _table(console: Actor, planned: AtSession) -> None:
    actions.propose(actor=console, title={"ru": planned.title_ru, "en": planned.title_en}, body=planned.body,
                    text=planned.text, classification="public")


def _decide(console: Actor, planned: AtSession, session: int) -> None:
    """Consensus at the session, once it is open: opened, positions, closed on its day."""
    tabled = queries.proposal_titled(planned.title_en)
    if tabled is None:
        raise LookupError(f"the demo has not tabled {planned.title_en!r}")
    with provenance.given(planned.opened_marks):
        actions.open_procedure(actor=console, proposal=tabled.pk, kind="consensus", session=session,
                               opened_at=f"{planned.day}T00:00:00+00:00")
    for code in planned.joined:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=tabled.pk, member=code,
                               stance="join")
    for code in planned.not_participating:
        actions.lodge_position(actor=_person(f"{code.lower()}.head"), proposal=tabled.pk, member=code,
                               stance="non_participation")
    with provenance.given(planned.decided_marks):
        actions.close_procedure(actor=console, proposal=tabled.pk, on=planned.day,
                                returned_for_revision=bool(planned.returned), reason=planned.returned)


def decide_at(console: Actor, session: int) -> None:
    """Take the demo's decisions of this session (the meetings demo calls it once the session is open)."""
    facts = sessions.session(None, session)
    if facts is None:
        raise LookupError(f"there is no session {session}")
    for planned in PLANNED:
        if planned.body == facts.body and planned.day == facts.starts_on.isoformat():
            _decide(console, planned, session)


# The Council's decision of 6 January 2022 on Kazakhstan's request (SCENARIO.md): no session was held; the
# Secretariat circulated the draft decision after the request of 5 January and the chair (Armenia) announced
# the decision overnight; it is dated 6 January. Its exact title and text are not in the record.
KAZAKHSTAN_EN = ("Decision to send the Collective Peacekeeping Forces to Kazakhstan for a limited period of time "
                 "(exact title not in the record)")
KAZAKHSTAN_RU = ("Решение о направлении Коллективных миротворческих сил в Казахстан на ограниченный период "
                 "времени (точное название в источниках не приводится)")
KAZAKHSTAN_TEXT = {
    "ru": "Текст в источниках не приводится. По запросу Казахстана от 5 января 2022 г., со ссылкой на статью 4 "
          "Договора, Коллективные миротворческие силы направляются на ограниченный период времени. Заседание "
          "не проводилось: Секретариат разослал проект решения, председатель объявил решение ночью; оно "
          "датировано 6 января 2022 г.",
    "en": "The text is not in the record. On Kazakhstan's request of 5 January 2022, citing Art. 4 of the Treaty, "
          "the Collective Peacekeeping Forces are sent for a limited period of time. No session was held: the "
          "Secretariat circulated the draft decision and the chair announced the decision overnight; it is dated "
          "6 January 2022.",
}


def _circulated(console: Actor) -> None:
    """The 6 January 2022 decision: circulated on the day of the request (inferred, and marked so: the record
    says only that it was announced overnight) and announced by the chair, dated 6 January; no member's own
    position is in the record, so none is recorded."""
    proposal = actions.propose(actor=console, title={"ru": KAZAKHSTAN_RU, "en": KAZAKHSTAN_EN}, body="CSC",
                               text=KAZAKHSTAN_TEXT, classification="public")
    with provenance.given(sources.KAZAKHSTAN_CIRCULATION):  # the day is inferred: marked uncertain
        actions.open_procedure(actor=console, proposal=proposal.pk, kind="circulated",
                               opened_at="2022-01-05T00:00:00+00:00")
    actions.close_procedure(actor=console, proposal=proposal.pk, on="2022-01-06")


def _open_silence(console: Actor) -> None:
    """An open procedure for the dashboard: a deadline three days after the demo is loaded."""
    title = "Draft statement of the Permanent Council (demo: an open silence procedure)"
    proposal = actions.propose(
        actor=_person("kaz.delegate"), body="PC", sponsors=["KAZ"],
        title={"ru": "Проект заявления Постоянного совета (демонстрация: открытая процедура умолчания)",
               "en": title},
        text={"ru": "Демонстрационный текст, не документ Организации.",
              "en": "A demonstration text, not a document of the Organization."}, classification="public")
    actions.open_procedure(actor=_person("secretariat"), proposal=proposal.pk, kind="silence",
                           deadline=clock.now() + dt.timedelta(days=3))
    for code in ("KAZ", "BLR"):
        actions.lodge_position(actor=_person(f"{code.lower()}.delegate"), proposal=proposal.pk, member=code,
                               stance="join")


# The joint statement on military cooperation: the seed reports it adopted (signed) at the Moscow summit; its text
# is not available, and no member's own position on it is in the record, so none is recorded. Its decision's day
# is marked "reported", with the seed article as its source (accord.demo.sources).
MILITARY_EN = "Joint statement on military cooperation"
MILITARY_RU = "Совместное заявление о военном сотрудничестве"
MILITARY_TEXT = {
    "ru": "Текст недоступен. По сообщению исходной статьи, заявление принято (подписано) на саммите в Москве "
          "16 мая 2022 г.; является ли оно отдельным текстом, не установлено.",
    "en": "The text is not available. The seed article reports the statement adopted (signed) at the Moscow "
          "summit of 16 May 2022; whether it is a separate text is uncertain.",
}
# As the decisions app identifies it under the reference scheme (body, date, title): the document's adoption
# quotes it.
MILITARY_DECISION = f"Collective Security Council, 16 May 2022, {MILITARY_EN}"

PLANNED: tuple[AtSession, ...] = (
    AtSession(ANNIVERSARY_EN, ANNIVERSARY_RU, body="CSC", day=MOSCOW, joined=HEADS),
    AtSession(MILITARY_EN, MILITARY_RU, body="CSC", day=MOSCOW, text=MILITARY_TEXT,
              decided_marks=sources.MILITARY_DECISION),
    *(AtSession(f"Yerevan draft {number} of 15 adopted (title not in the record)",
                f"Ереванский проект {number} из 15 принятых (название в источниках не приводится)",
                body="CSC", day=YEREVAN) for number in range(1, ADOPTED_AT_YEREVAN + 1)),
    *(AtSession(title_en, title_ru, body="CSC", day=YEREVAN, returned=RETURNED_REASON)
      for title_en, title_ru in RETURNED),
    AtSession("Decision on the Organization's budget (2024; exact title not in the record)",
              "Решение о бюджете Организации (2024; точное название в источниках не приводится)",
              body="CSC", day=BUDGET_SESSION, not_participating=("ARM",),
              text={"ru": "Армения не присоединилась и не блокировала: принято в ограниченном формате, "
                          "для Армении не обязательно.",
                    "en": "Armenia did not join and did not block: adopted in a limited format, not binding on "
                          "Armenia."},
              opened_marks=sources.BUDGET_PROCEDURE_OPENED, decided_marks=sources.BUDGET_DECISION_DAY),
)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    """Table the drafts (the sessions that decide them are the meetings demo's: see `decide_at`)."""
    result: list[tuple[str, Callable[[], object]]] = [
        ("decision identifiers", partial(actions.configure_identifiers, actor=console, scheme="body_date_title")),
    ]
    result += [(f"tabled: {planned.title_en}", partial(_table, console, planned)) for planned in PLANNED]
    result.append(("decided without a session: 6 January 2022", partial(_circulated, console)))
    result.append(("open silence procedure", partial(_open_silence, console)))
    return result
