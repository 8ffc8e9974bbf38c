"""The demo's exercises of 2022, entered through the actions: only the facts of ../shared/seed/SCENARIO.md.

- Interaction-2022 (the Collective Rapid Reaction Forces), Search-2022 and Echelon-2022: Kazakhstan, ground
  Matybulak, 26 September - 8 October 2022, held. Their planned size is given for the three together (over
  6,500 personnel and 850 pieces of equipment), so it is told in each one's stages, not split among them.
  Two published date ranges disagree: the organization's record used here is 26 September - 8 October; the
  press service gave 26 September - 13 October. Both are recorded as date claims with their sources, the
  first marked as the one the organization goes by. Armenia sent
  no contingent: its decision not to take part, citing its border situation, was reported about
  27 September 2022, and is entered as a declared non-participation on that day, marked "reported".
- Rubezh-2022 (the Collective Rapid Deployment Forces of the Central Asian region): Tajikistan, ground
  Kharbmaidon, 10-21 October 2022, about 1,000 personnel and 300 pieces of equipment, active phase
  17-21 October; held.
- Indestructible Brotherhood-2022 (the Collective Peacekeeping Forces): planned in Kyrgyzstan (Balykchy)
  10-14 October 2022, cancelled by the host on 9 October 2022 (its Deputy Prime Minister, citing the
  Kyrgyz-Tajik border clashes of September 2022); the delegate of Kyrgyzstan records it for the host.
- Cobalt-2022 (special forces): Kyrgyzstan, the Edelweiss centre, 2-5 August 2022, over 500 personnel; held.

- 2023: on 10 January 2023 Armenia declined to host the year's joint exercises; Kyrgyzstan hosted them,
  9-13 October 2023. The scenario names neither the exercises nor their ground nor the days first planned in
  Armenia: the demo records one entry named as what it is ("The joint exercises of 2023"), planned in Armenia
  on the days they were held (said so on the page), moved by Armenia on 10 January with its reason, and held.

The scenario gives no annual plan, no day of confirmation, no other member's participation, and the kind
of only Cobalt-2022 (special forces): none of these is made up. The other exercises' kind is "not
recorded"; each one is led by the Joint Staff, which the scenario says runs the exercises.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from accord.core.acting import Actor
from accord.exercises import actions
from accord.exercises.models import Exercise
from accord.forces.models import Force
from accord.members.models import Person

KAZAKHSTAN_STAGES = {
    "ru": "Активная фаза 3-7 октября 2022 г. Плановая численность трёх учений вместе: более 6500 военнослужащих и "
          "850 единиц техники.",
    "en": "Active phase 3-7 October 2022. Planned size of the three exercises together: over 6,500 personnel and "
          "850 pieces of equipment.",
}
# The two published date ranges of the Kazakhstan exercises, each with its source (a conflict of sources).
THE_ORGANIZATION = {"ru": "Данные Организации", "en": "The Organization's record"}
PRESS_SERVICE = {"ru": "Пресс-служба ОДКБ", "en": "The CSTO press service"}
RUBEZH_STAGES = {
    "ru": "Активная фаза 17-21 октября 2022 г. Около 1000 военнослужащих и 300 единиц техники.",
    "en": "Active phase 17-21 October 2022. About 1,000 personnel and 300 pieces of equipment.",
}
COBALT_STAGES = {"ru": "Более 500 военнослужащих.", "en": "Over 500 personnel."}
# The Russian of the grounds' names and of the reasons is our translation of our English notes (SCENARIO.md gives
# them in English only); the grounds' names in their usual Russian spelling.
ARMENIA_REASON = {
    "ru": "По сообщениям, около 27 сентября 2022 г. Армения решила не участвовать, сославшись на обстановку "
          "на своей границе",
    "en": "Reported about 27 September 2022: Armenia decided not to take part, citing the situation on its "
          "border"}
CANCELLED = {
    "ru": "Отменено заместителем Председателя Кабинета министров Кыргызстана со ссылкой на кыргызско-таджикские "
          "пограничные столкновения сентября 2022 г.",
    "en": "Cancelled by Kyrgyzstan's Deputy Prime Minister, citing the Kyrgyz-Tajik border clashes of "
          "September 2022"}
MATYBULAK = {"ru": "Матыбулак", "en": "Matybulak"}
KHARBMAIDON = {"ru": "Харбмайдон", "en": "Kharbmaidon"}
BALYKCHY = {"ru": "Балыкчы", "en": "Balykchy"}
EDELWEISS = {"ru": "Центр «Эдельвейс»", "en": "Edelweiss centre"}

EXERCISES_2023 = {"ru": "Совместные учения 2023 года", "en": "The joint exercises of 2023"}
NOT_GIVEN = {"ru": "не указан в источниках демонстрации", "en": "not given in the demo's sources"}
STAGES_2023 = {
    "ru": "Названия учений 2023 года, их полигон и дни, первоначально планировавшиеся в Армении, в источниках "
          "демонстрации не указаны: плановыми показаны дни, в которые учения прошли в Кыргызстане.",
    "en": "The 2023 exercises' names, ground and the days first planned in Armenia are not given in the demo's "
          "sources: the planned days shown are the days they were held in Kyrgyzstan.",
}
DECLINED_2023 = {
    "ru": "Армения отказалась принимать совместные учения 2023 года; их провёл Кыргызстан (день, когда он взял их "
          "на себя, в источниках не указан)",
    "en": "Armenia declined to host the joint exercises of 2023; Kyrgyzstan hosted them (the day it took them on "
          "is not given in the sources)",
}

RAPID_REACTION = "Collective Rapid Reaction Forces"
RAPID_DEPLOYMENT = "Collective Rapid Deployment Forces of the Central Asian region"
PEACEKEEPING = "Collective Peacekeeping Forces"


def _force(name_en: str) -> int:
    return next(force.pk for force in Force.objects.all() if force.name.get("en") == name_en)


def _exercise(name_en: str) -> int:
    return next(found.pk for found in Exercise.objects.all() if found.name.get("en") == name_en)


def _plan(console: Actor, *, name: dict[str, str], host: str, ground: dict[str, str], start: str, end: str,
          force: str | None = None, kind: str = "not_recorded", stages: dict[str, str] | None = None) -> None:
    actions.plan_exercise(actor=console, name=name, kind=kind, host=host, ground=ground, planned_start=start,
                          planned_end=end, forces_exercised=[_force(force)] if force else [], stages=stages,
                          lead="JS", classification="public")


def _then(act: Callable[..., object], name_en: str, **arguments: Any) -> None:
    """An act on a demo exercise named by its English name (its id is known only once it is planned)."""
    act(exercise=_exercise(name_en), **arguments)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    kazakhstan: dict[str, Any] = {"host": "KAZ", "ground": MATYBULAK, "start": "2022-09-26", "end": "2022-10-08",
                  "stages": KAZAKHSTAN_STAGES}
    held_in_kazakhstan = {"actual_start": "2022-09-26", "actual_end": "2022-10-08"}
    result: list[tuple[str, Callable[[], object]]] = [
        ("Cobalt-2022", partial(_plan, console, name={"ru": "Кобальт-2022", "en": "Cobalt-2022"}, kind="special",
                                host="KGZ", ground=EDELWEISS, start="2022-08-02", end="2022-08-05",
                                stages=COBALT_STAGES)),
        ("Cobalt-2022 held", partial(_then, actions.record_held, "Cobalt-2022", actor=console,
                                     actual_start="2022-08-02", actual_end="2022-08-05")),
        ("Interaction-2022", partial(_plan, console, name={"ru": "Взаимодействие-2022", "en": "Interaction-2022"},
                                     force=RAPID_REACTION, **kazakhstan)),
        ("Search-2022", partial(_plan, console, name={"ru": "Поиск-2022", "en": "Search-2022"}, **kazakhstan)),
        ("Echelon-2022", partial(_plan, console, name={"ru": "Эшелон-2022", "en": "Echelon-2022"}, **kazakhstan)),
        ("Rubezh-2022", partial(_plan, console, name={"ru": "Рубеж-2022", "en": "Rubezh-2022"}, host="TJK",
                                ground=KHARBMAIDON, start="2022-10-10", end="2022-10-21", force=RAPID_DEPLOYMENT,
                                stages=RUBEZH_STAGES)),
        ("Indestructible Brotherhood-2022", partial(
            _plan, console, name={"ru": "Нерушимое братство-2022", "en": "Indestructible Brotherhood-2022"},
            host="KGZ", ground=BALYKCHY, start="2022-10-10", end="2022-10-14", force=PEACEKEEPING)),
    ]
    for name in ("Interaction-2022", "Search-2022", "Echelon-2022"):
        result.append((f"{name}: the dates as the Organization recorded them", partial(
            _then, actions.record_date_claim, name, actor=console, source=THE_ORGANIZATION, first="2022-09-26",
            last="2022-10-08", used=True)))
        result.append((f"{name}: the dates the press service gave", partial(
            _then, actions.record_date_claim, name, actor=console, source=PRESS_SERVICE, first="2022-09-26",
            last="2022-10-13")))
        result.append((f"Armenia does not take part in {name}", partial(
            _then, actions.declare_participation, name, actor=console, member="ARM",
            participation="not_participating", reason=ARMENIA_REASON, on="2022-09-27")))
        result.append((f"{name} held", partial(_then, actions.record_held, name, actor=console,
                                               **held_in_kazakhstan)))
    result += [
        ("Indestructible Brotherhood-2022 cancelled by the host", lambda: _then(
            actions.cancel_exercise, "Indestructible Brotherhood-2022",
            actor=Actor(person=Person.objects.get(username="kgz.delegate")), reason=CANCELLED, on="2022-10-09")),
        ("Rubezh-2022 held", partial(_then, actions.record_held, "Rubezh-2022", actor=console,
                                     actual_start="2022-10-10", actual_end="2022-10-21")),
        ("The joint exercises of 2023", partial(_plan, console, name=EXERCISES_2023, host="ARM", ground=NOT_GIVEN,
                                                start="2023-10-09", end="2023-10-13", stages=STAGES_2023)),
        ("Armenia declines to host the 2023 exercises", lambda: _then(
            actions.move_exercise, EXERCISES_2023["en"],
            actor=Actor(person=Person.objects.get(username="arm.head")), host="KGZ", ground=NOT_GIVEN,
            reason=DECLINED_2023, on="2023-01-10")),
        ("The 2023 exercises held in Kyrgyzstan", partial(
            _then, actions.record_held, EXERCISES_2023["en"], actor=console, actual_start="2023-10-09",
            actual_end="2023-10-13")),
    ]
    return result
