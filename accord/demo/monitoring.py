"""The demo's monitoring themes, entered through the actions: only the facts of ../shared/seed/SCENARIO.md.

At the 16 May 2022 summit each head named a standing concern (the seed's statements): the Afghan direction
(Kazakhstan), the wave of sanctions and food and energy security (Kyrgyzstan), NATO's build-up near the
western border (Belarus; Russia in the closed part, reported), and the Organization's role, its crisis
response and collective security in its area (Russia, Tajikistan, Armenia). The scenario names two standing
bodies on such themes: the Working Group on Afghanistan (under the Council of Foreign Ministers, since 2005;
met 1 April and 9 December 2022) and the Coordination Council on biological security (created 15 September
2021; first meeting St Petersburg, 15 December 2022). They own their themes here, and their 2022 meetings
are sessions. No assessment is entered: the scenario gives none, and an assessment's level and content
would be invented. No member is entered as following a theme, for the same reason.

Kyrgyzstan's proposal (common approaches to the effects of sanctions on food and energy security) implies
indicators the members would report on that theme: two are defined, reported monthly by every member, with
no warning or alert level (none is established) and no value (the scenario gives none; the page says so).
The proposal itself is recorded as Kyrgyzstan's proposal for consultations on that theme, made on the day of
the summit by its president; nothing followed it in the scenario, so it stays requested.

Armenia's request for consultations under Art. 2 of May 2021 is on this path (it was a crisis before): the
day is not established (shown as 1 May, and the request says so), and it ended without a joint statement,
on a day that is not established either. No acknowledgement or scheduling is recorded: the scenario gives
none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from accord.core import provenance
from accord.core.acting import Actor
from accord.demo import sources
from accord.meetings import actions as meetings
from accord.meetings.models import Statement
from accord.members import actions as registry
from accord.members.models import Person
from accord.monitoring import actions
from accord.monitoring.models import Theme

# (code, Russian, English, what the scenario says of it, in Russian and English)
BODIES = (
    ("WGA", "Рабочая группа по Афганистану", "Working Group on Afghanistan",
     "При Совете министров иностранных дел, с 2005 года", "Under the Council of Foreign Ministers, since 2005"),
    ("CCBS", "Координационный совет по биологической безопасности", "Coordination Council on biological security",
     "Создан 15 сентября 2021 года", "Created 15 September 2021"),
)

# The bodies' 2022 meetings the scenario gives: (body, day, Russian place, English place). How each met is
# not recorded beyond the place.
MEETINGS = (
    ("WGA", "2022-04-01", "", ""),
    ("WGA", "2022-12-09", "", ""),
    ("CCBS", "2022-12-15", "Санкт-Петербург", "St Petersburg"),
)

# (key, kind, Russian, English, owner body, the summit's speakers whose statement speaks of it)
THEMES = (
    ("afghan", "regional", "Афганское направление", "The Afghan direction", "WGA", ("KAZ",)),
    ("sanctions", "cross_cutting", "Экономические последствия санкций; продовольственная и энергетическая "
     "безопасность", "The economic effects of sanctions; food and energy security", "", ("KGZ",)),
    ("east", "regional", "Восточноевропейское направление: расширение НАТО",
     "The East European direction: NATO's enlargement", "", ("BLR",)),
    ("biosecurity", "cross_cutting", "Биологическая безопасность", "Biological security", "CCBS", ()),
    ("area", "cross_cutting", "Коллективная безопасность в зоне ответственности и реагирование на кризисы",
     "Collective security in the area of responsibility and crisis response", "", ("RUS", "TJK", "ARM")),
)
# Russia's statement in the closed part (reported: NATO's expansion to Finland and Sweden) is read under the
# East European direction; its tag stays as closed as the statement.
CLOSED_PART_THEME = "east"
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
# (Russian, English, unit) of the indicators the sanctions proposal implies.
INDICATORS = (
    ("Продовольственные цены: изменение индекса потребительских цен на продовольствие за год",
     "Food prices: annual change of the consumer price index for food", "%"),
    ("Энергетическая безопасность: изменение цен на топливо и энергию для потребителей за год",
     "Energy security: annual change of consumer prices for fuel and energy", "%"),
)


def _bodies_and_meetings(console: Actor) -> None:
    for code, name_ru, name_en, reference_ru, reference_en in BODIES:
        registry.establish_body(actor=console, code=code, name={"ru": name_ru, "en": name_en}, decides=False,
                                reference={"ru": reference_ru, "en": reference_en})
    names = {code: (name_ru, name_en) for code, name_ru, name_en, _ru, _en in BODIES}
    for body, day, place_ru, place_en in MEETINGS:
        name_ru, name_en = names[body]
        session = meetings.convene_session(
            actor=console, body=body, kind="regular", mode="not_recorded", starts_on=day,
            title={"ru": f"Заседание: {name_ru}", "en": f"Meeting of the {name_en}"},
            place={"ru": place_ru, "en": place_en} if place_en else {})
        meetings.open_session(actor=console, session=session.pk)
        meetings.close_session(actor=console, session=session.pk)


def _summit_statements() -> list[Statement]:
    """The 16 May 2022 summit's delivered statements, in the order they were recorded."""
    return list(Statement.objects.filter(part__session__starts_on="2022-05-16", delivered=True)
                .select_related("part").order_by("entry_seq"))


def _themes(console: Actor) -> None:
    said = _summit_statements()
    for key, kind, name_ru, name_en, owner, speakers in THEMES:
        theme = actions.configure_theme(actor=console, name={"ru": name_ru, "en": name_en}, kind=kind,
                                        owner_body=owner, classification="public")
        for statement in said:
            open_part = statement.part.is_open
            if (open_part and statement.delegation_id in speakers) or (not open_part and key == CLOSED_PART_THEME):
                actions.tag_statement(actor=console, theme=theme.pk, statement=statement.pk)
        if key == "sanctions":
            for name_ru, name_en, unit in INDICATORS:
                actions.define_indicator(actor=console, theme=theme.pk, name={"ru": name_ru, "en": name_en},
                                         unit=unit, frequency="monthly", reporters=SIX)


KYRGYZSTAN_PROPOSAL = {
    "ru": "Президент Кыргызстана С. Жапаров на саммите 16 мая 2022 г. указал на «волну санкций» и угрозу "
          "продовольственной и энергетической безопасности и предложил обсудить и выработать общие подходы к "
          "смягчению последствий санкций.",
    "en": "At the summit of 16 May 2022 Kyrgyzstan's President Sadyr Zhaparov warned of a \"wave of sanctions\" "
          "threatening food and energy security, and proposed to discuss and develop common approaches to "
          "mitigate the effects of sanctions.",
}
ARMENIA_2021_GROUNDS = {
    "ru": "Армения обратилась за консультациями по ст. 2 Договора в мае 2021 г. (день не установлен; показано "
          "1 мая).",
    "en": "Armenia asked for consultations under Art. 2 of the Treaty in May 2021 (the day is not established; "
          "shown as 1 May).",
}
ARMENIA_2021_OUTCOME = {
    "ru": "Совместного заявления не последовало. Дата этого исхода не установлена (показано 1 мая 2021 г.).",
    "en": "No joint statement followed. The date of this outcome is not established (shown as 1 May 2021).",
}


def _theme(name_en: str) -> int:
    return next(theme.pk for theme in Theme.objects.all() if theme.name.get("en") == name_en)


def _person(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def _consultations(console: Actor) -> None:
    names = {key: name_en for key, _kind, _ru, name_en, _owner, _speakers in THEMES}
    actions.request_consultations(actor=_person("kgz.head"), theme=_theme(names["sanctions"]), member="KGZ",
                                  kind="proposal", grounds=KYRGYZSTAN_PROPOSAL, requested_on="2022-05-16")
    with provenance.given(sources.ARMENIA_2021_REQUEST):  # the day's certainty, shown by the core mark
        armenia = actions.request_consultations(
            actor=_person("arm.head"), theme=_theme(names["area"]), member="ARM", grounds=ARMENIA_2021_GROUNDS,
            requested_on="2021-05-01")
    actions.conclude_consultations(actor=console, consultation=armenia.pk, outcome="no_joint_statement",
                                   text=ARMENIA_2021_OUTCOME, concluded_on="2021-05-01")


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    return [("monitoring: standing bodies and their 2022 meetings", partial(_bodies_and_meetings, console)),
            ("monitoring: themes and the summit's statements", partial(_themes, console)),
            ("monitoring: Kyrgyzstan's proposal and Armenia's request for consultations (May 2021)",
             partial(_consultations, console))]
