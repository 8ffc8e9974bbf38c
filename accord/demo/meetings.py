# ruff: noqa: E501 - the demo quotes the record's sentences whole; breaking them mid-phrase reads worse
"""The demo's meetings: the 16 May 2022 Moscow summit and the Council's other sessions of 2022.

Facts from ../shared/seed/SCENARIO.md and the seed article only. What they leave open is left out or
labelled: no times of day are established, so the summit's parts carry none, and the bilateral
meetings' slots are marked as illustrative. No session was held on 6 January 2022 (the Council's decision of
that day was circulated and announced by the chair: the decisions demo records it); the extraordinary session
by video on 10 January is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from accord.core import provenance
from accord.core.acting import Actor
from accord.decisions import queries as decisions_queries
from accord.demo import decisions as decisions_demo
from accord.demo import sources
from accord.demo.people import head_of
from accord.documents.models import Document
from accord.meetings import actions

SIX = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
CSC = "CSC"
# Our own notes, in the organization's languages (the Russian is our translation of our English).
REPORTED = {"ru": "По сообщениям прессы", "en": "Reported by the press"}
SIGNED = {"ru": "Подписано главами государств-членов", "en": "Signed by the heads of the member states"}

# The open part's statements, in the order the seed reports them: (member, head, English, Russian).
SUMMIT_STATEMENTS = (
    ("RUS", "rus.head",
     "Opened the summit and congratulated those present on the 30th anniversary; said the Organization plays "
     "\"an important role\" in stabilizing the post-Soviet space and hoped its ability to influence the situation "
     "in its area of responsibility will keep growing in \"difficult\" times.",
     "Открыл саммит и поздравил присутствующих с 30-летием; отметил, что Организация играет «важную роль» в "
     "стабилизации на постсоветском пространстве, и выразил надежду, что её возможности влиять на обстановку в "
     "зоне ответственности будут расти в «непростое» время."),
    ("BLR", "blr.head",
     "Said a \"redistribution of the world\" is under way and the unipolar order is \"becoming a thing of the "
     "past\"; the West is in a \"bitter struggle\" for its position, NATO is building up forces, \"there is "
     "rattling of weapons near the western border of Belarus\", Sweden and Finland are being drawn into the bloc; "
     "the Organization, unlike NATO, is a \"truly protective\" union.",
     "Заявил, что идёт «передел мира» и однополярное мироустройство «уходит в прошлое»; Запад ведёт «ожесточённую "
     "борьбу» за свои позиции, НАТО наращивает силы, «у западной границы Беларуси бряцают оружием», Швецию и "
     "Финляндию втягивают в блок; Организация, в отличие от НАТО, — «по-настоящему оборонительный» союз."),
    ("KAZ", "kaz.head",
     "Asked for more attention to the Afghan direction, where armed groups threaten the members' security; called "
     "for involving the UN in the Organization's peacekeeping, which \"will strengthen the CSTO's legal "
     "personality\" and its participation in international peacekeeping operations.",
     "Призвал уделять больше внимания афганскому направлению, где вооружённые группировки угрожают безопасности "
     "государств-членов; предложил вовлечь ООН в миротворческую деятельность Организации, что «укрепит "
     "международную правосубъектность ОДКБ» и её участие в международных миротворческих операциях."),
    ("KGZ", "kgz.head",
     "Warned of the \"wave of sanctions\" hitting an economy not yet recovered from COVID-19 and of real threats "
     "to food and energy security and stability; proposed developing common approaches to mitigate the effects of "
     "sanctions, to be discussed in Bishkek at the Eurasian Economic Council and the First Eurasian Economic Forum.",
     "Предупредил о «волне санкций» против экономики, не оправившейся от COVID-19, и о реальной угрозе "
     "продовольственной и энергетической безопасности и стабильности; предложил выработать общие подходы к "
     "смягчению последствий санкций и обсудить их в Бишкеке на Евразийском экономическом совете и Первом "
     "Евразийском экономическом форуме."),
    ("TJK", "tjk.head",
     "Called strengthening collective security in \"alarming times\" the most important task; praised the "
     "peacekeeping mission in Kazakhstan as a success that raised the Organization's credibility; noted the "
     "attention to \"field and practical exercises\" and modern weapons for combat readiness.",
     "Назвал укрепление коллективной безопасности в «тревожное время» важнейшей задачей; оценил миротворческую "
     "миссию в Казахстане как успешную, повысившую авторитет Организации; отметил внимание к «полевым и "
     "практическим учениям» и современному вооружению для боеготовности."),
    ("ARM", "arm.head",
     "Called the Organization the \"most important factor\" of security, but noted a lack of \"synchronization of "
     "actions\" among the members and stressed the importance of effective crisis response mechanisms.",
     "Назвал Организацию «важнейшим фактором» обеспечения безопасности, но отметил недостаток «синхронизации "
     "действий» государств-членов и подчеркнул важность эффективных механизмов кризисного реагирования."),
)

# The slots' times are illustrative: their provenance says so beside them (accord.demo.sources).
KREMLIN = {"ru": "Кремль", "en": "Kremlin"}


def _moscow_summit(console: Actor) -> None:
    summit = actions.convene_session(
        actor=console, body=CSC, kind="anniversary", mode="in_person", starts_on="2022-05-16", host="RUS", chair="ARM",
        title={"ru": "Сессия Совета коллективной безопасности: юбилейный саммит, Москва",
               "en": "Collective Security Council: anniversary summit, Moscow"},
        place={"ru": "Москва, Большой Кремлёвский дворец, Александровский зал",
               "en": "Moscow, Grand Kremlin Palace, Alexander Hall"},
        note={"ru": "Первый очный саммит за 2,5 года; 30 лет Договору и 20 лет Организации.",
              "en": "First face-to-face summit in 2.5 years; the Treaty's 30th and the Organization's 20th anniversary."})
    open_part = actions.add_part(actor=console, session=summit.pk, kind="expanded", is_open=True,
                                 title={"ru": "Открытая часть (в эфире): выступления глав",
                                        "en": "Open part (televised): statements of the heads"})
    closed_part = actions.add_part(actor=console, session=summit.pk, kind="restricted", is_open=False,
                                   participants=list(SIX), title={"ru": "Закрытая часть", "en": "Closed part"})
    anniversary = actions.add_agenda_item(
        actor=console, session=summit.pk, part=open_part.pk,
        title={"ru": "Заявление Совета коллективной безопасности в связи с 30-летием Договора о коллективной "
                     "безопасности и 20-летием Организации",
               "en": "Statement of the Council on the 30th anniversary of the Collective Security Treaty and the 20th "
                     "anniversary of the Organization"},
        references=_references(proposal=STATEMENT, document=STATEMENT) or ["document: anniversary statement"])
    military = actions.add_agenda_item(
        actor=console, session=summit.pk, part=open_part.pk,
        title={"ru": "Совместное заявление о военном сотрудничестве (по сообщениям; отдельный ли это текст, не "
                     "установлено)",
               "en": "Joint statement on military cooperation (reported; whether it is a separate text is uncertain)"},
        references=_references(proposal=MILITARY_STATEMENT, document=MILITARY_STATEMENT))
    discussion = actions.add_agenda_item(
        actor=console, session=summit.pk, part=closed_part.pk,
        title={"ru": "Закрытое обсуждение (по сообщениям: подробности военной операции на Украине)",
               "en": "Closed discussion (reported: the details of the military operation in Ukraine)"})
    actions.agree_agenda(actor=console, session=summit.pk)
    _publish_closed_part(console, closed_part.pk)
    for part in (open_part, closed_part):
        for code, head, _, _ in SUMMIT_STATEMENTS:
            actions.record_attendance(actor=console, part=part.pk, member=code, presence="in_person",
                                      represented_by=head_of(head).name)
    actions.open_session(actor=console, session=summit.pk)
    decisions_demo.decide_at(console, summit.pk)  # consensus at the session, once it is open
    actions.take_up_item(actor=console, item=discussion.pk)
    listed = actions.inscribe_speaker(actor=console, part=closed_part.pk, delegation="RUS", speaker="rus.head",
                                      item=discussion.pk)
    with provenance.given(sources.STATEMENT_SUMMARY):
        _closed_statement(console, listed.pk)
    actions.record_outcome(actor=console, item=discussion.pk, outcome="noted", note=REPORTED)
    # The closed part is recorded before the open part's statements (the log keeps the order of
    # recording, not of speaking; the minutes give the order of speaking).
    for code, head, summary_en, summary_ru in SUMMIT_STATEMENTS:
        listed = actions.inscribe_speaker(actor=console, part=open_part.pk, delegation=code, speaker=head,
                                          item=anniversary.pk)
        with provenance.given(sources.STATEMENT_SUMMARY):  # as the seed article summarizes it, marked "reported"
            actions.deliver_statement(actor=console, statement=listed.pk, language="ru",
                                      summary={"ru": summary_ru, "en": summary_en})
    actions.record_outcome(actor=console, item=anniversary.pk, outcome="adopted", note=SIGNED)
    actions.record_outcome(actor=console, item=military.pk, outcome="adopted", note=REPORTED)
    actions.close_session(actor=console, session=summit.pk)
    for hour, code in zip((12, 13, 14, 15, 16), ("ARM", "BLR", "KAZ", "KGZ", "TJK"), strict=True):
        with provenance.given(sources.BILATERAL_SLOT):
            meeting = actions.request_bilateral(
                actor=console, session=summit.pk, requester="RUS", counterpart=code, place=KREMLIN,
                starts_at=f"2022-05-16T{hour}:00:00+00:00", ends_at=f"2022-05-16T{hour}:45:00+00:00")
        actions.answer_bilateral(actor=console, bilateral=meeting.pk, accept=True)


def _closed_statement(console: Actor, statement: int) -> None:
    """Russia's statement in the closed part, as the seed reports it (marked "reported" by its provenance)."""
    actions.deliver_statement(
        actor=console, statement=statement, language="ru",
        summary={"ru": "В закрытой части обсуждались подробности военной операции на Украине; о вступлении Финляндии "
                       "и Швеции в НАТО сказал, что расширение военной инфраструктуры на их территорию «вызовет "
                       "ответную реакцию» (в закрытой ли части это сказано, не установлено).",
                 "en": "The details of the military operation in Ukraine were discussed in the closed part; on Finland "
                       "and Sweden joining NATO, said the expansion of the military structure to their territory "
                       "would \"cause a response\" (whether this was said in the closed part is uncertain)."})


def _publish_closed_part(console: Actor, part: int) -> None:
    """What was reported publicly from the summit's closed part, public with its source (the seed article);
    the part's own record stays its participants'. No topic was announced in the seed: none is recorded."""
    with provenance.given(sources.CLOSED_PART_REPORT):
        actions.publish_closed_part(actor=console, part=part, reported=sources.CLOSED_PART_REPORTED)


MILITARY_STATEMENT = "Joint statement on military cooperation"
STATEMENT = ("Statement of the Collective Security Council on the 30th anniversary of the Collective Security "
             "Treaty and the 20th anniversary of the Collective Security Treaty Organization")
# The Yerevan items whose drafts the decisions demo tables, by the title each has there.
PROPOSALS = {
    "Draft decision on assistance to Armenia": "Draft decision on assistance to the Republic of Armenia",
    "Draft final declaration": "Draft final declaration of the session",
}


def _references(*, proposal: str | None = None, document: str | None = None) -> list[str]:
    """`proposal:ID` and `document:ID` for the demo's proposal and document of these English titles, if loaded."""
    found = []
    if proposal and (tabled := decisions_queries.proposal_titled(proposal)) is not None:
        found.append(f"proposal:{tabled.pk}")
    # A document's title is a text per language (documents' TextsField), not a column to filter on.
    if document and (pk := next((d.pk for d in Document.objects.all() if d.title.get("en") == document), None)):
        found.append(f"document:{pk}")
    return found


Texts = dict[str, str]


def _session(console: Actor, *, items: tuple[tuple[Texts, str, Texts], ...], **convened: object) -> None:
    """Convene a past session and record each item's outcome: (title, outcome, note)."""
    session = actions.convene_session(actor=console, body=CSC, chair="ARM", **convened)  # type: ignore[arg-type]
    created = [actions.add_agenda_item(actor=console, session=session.pk, title=title,
                                       references=_references(proposal=PROPOSALS.get(title["en"])))
               for title, _, _ in items]
    actions.agree_agenda(actor=console, session=session.pk)
    actions.open_session(actor=console, session=session.pk)
    decisions_demo.decide_at(console, session.pk)  # consensus at the session, once it is open
    for item, (_, outcome, note) in zip(created, items, strict=True):
        if outcome:
            actions.record_outcome(actor=console, item=item.pk, outcome=outcome, note=note)
    actions.close_session(actor=console, session=session.pk)


EXTRAORDINARY = (
    ("10 January 2022", dict(
        kind="extraordinary", mode="video", starts_on="2022-01-10",
        title={"ru": "Внеочередная сессия по ситуации в Казахстане",
               "en": "Extraordinary session on the situation in Kazakhstan"},
        items=(({"ru": "Ситуация в Казахстане и миротворческая операция",
                 "en": "The situation in Kazakhstan and the peacekeeping operation"}, "", {}),))),
    ("13 September 2022", dict(
        kind="extraordinary", mode="video", starts_on="2022-09-13", requested_by="ARM",
        title={"ru": "Внеочередная сессия по запросу Армении", "en": "Extraordinary session on Armenia's request"},
        items=(({"ru": "Запрос Армении о помощи", "en": "Armenia's request for assistance"}, "adopted",
                {"ru": "Протокольное решение: миссия во главе с Генеральным секретарём и начальником Объединённого "
                       "штаба, с 15 сентября 2022 года",
                 "en": "Protocol decision: a mission led by the Secretary General and the Chief of the Joint Staff, "
                       "from 15 September 2022"}),))),
    # The record says the session heard the mission's report, not how it met.
    ("28 October 2022", dict(
        kind="extraordinary", mode="not_recorded", starts_on="2022-10-28",
        title={"ru": "Внеочередная сессия: доклад миссии", "en": "Extraordinary session: the mission's report"},
        items=(({"ru": "Доклад миссии в Армению", "en": "Report of the mission to Armenia"}, "noted", {}),))),
)

YEREVAN = dict(
    kind="regular", mode="in_person", starts_on="2022-11-23", host="ARM", place={"ru": "Ереван", "en": "Yerevan"},
    title={"ru": "Сессия Совета коллективной безопасности, Ереван",
           "en": "Collective Security Council: regular session, Yerevan"},
    note={"ru": "Внесено 17 проектов: 15 принято, 2 возвращены на доработку.",
          "en": "17 drafts were tabled: 15 adopted, 2 returned for revision."},
    items=(
        ({"ru": "Проект решения о помощи Армении", "en": "Draft decision on assistance to Armenia"}, "returned", {}),
        ({"ru": "Проект итоговой декларации", "en": "Draft final declaration"}, "returned", {}),
        ({"ru": "Остальные 15 внесённых проектов (их названия в демонстрации не приводятся)",
          "en": "The other 15 drafts tabled (their titles are not recorded in the demo)"}, "adopted", {}),
    ),
)


MINSK = dict(
    kind="regular", mode="not_recorded", starts_on="2023-11-23", host="BLR", chair="BLR",
    place={"ru": "Минск", "en": "Minsk"},
    title={"ru": "Сессия Совета коллективной безопасности, Минск",
           "en": "Collective Security Council: regular session, Minsk"},
    note={"ru": "Армения отсутствовала. Решения, принятые без неё, считаются легитимными; Армения может "
                "присоединиться к ним позднее.",
          "en": "Armenia was absent. The decisions taken without it are held legitimate; Armenia may accede to "
                "them later."})
MINSK_DECISIONS = {"ru": "Решения сессии (их названия в демонстрации не приводятся)",
                   "en": "The session's decisions (their titles are not recorded in the demo)"}
MINSK_WITHOUT_ARMENIA = {"ru": "Приняты без Армении; Армения может присоединиться к ним позднее",
                         "en": "Taken without Armenia; Armenia may accede to them later"}


def _minsk(console: Actor) -> None:
    """Minsk, 23 November 2023 (SCENARIO.md): Armenia absent; the decisions taken are held legitimate and
    Armenia may accede later. The record names neither the decisions nor why Armenia stayed away, nor who
    represented the others: only Armenia's absence is recorded, without a reason, and the decisions as one
    item (none is tabled in the decisions app, so none is open to a recorded accession yet)."""
    session = actions.convene_session(actor=console, body=CSC, **MINSK)  # type: ignore[arg-type]
    part = actions.add_part(actor=console, session=session.pk, kind="other", is_open=True,
                            title={"ru": "Заседание Совета", "en": "Sitting of the Council"})
    item = actions.add_agenda_item(actor=console, session=session.pk, part=part.pk, title=MINSK_DECISIONS)
    actions.agree_agenda(actor=console, session=session.pk)
    actions.record_attendance(actor=console, part=part.pk, member="ARM", presence="absent")
    actions.open_session(actor=console, session=session.pk)
    actions.record_outcome(actor=console, item=item.pk, outcome="adopted", note=MINSK_WITHOUT_ARMENIA)
    actions.close_session(actor=console, session=session.pk)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    """The meetings' steps of the demo, each made of real actions."""
    found: list[tuple[str, Callable[[], object]]] = [("Moscow summit", partial(_moscow_summit, console))]
    found += [(f"session of {day}", partial(_session, console, **fields))  # type: ignore[arg-type]
              for day, fields in EXTRAORDINARY]
    found.append(("Yerevan session", partial(_session, console, **YEREVAN)))  # type: ignore[arg-type]
    found.append(("Minsk session", partial(_minsk, console)))
    return found
