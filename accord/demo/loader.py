"""The demo organization: the reference scenario's facts, entered through the real actions only.

Every fact comes from ../shared/seed/SCENARIO.md; where that file calls a fact uncertain, the demo
says "reported" or names the uncertainty in the act's reference instead of presenting it as fact.
Each person gets an Ed25519 key whose private half is written under var/demo-keys/, so that the
demo's heads and delegates can sign acts from the command line as a real delegation would from its
own machines.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from nacl.signing import SigningKey
from tqdm import tqdm

from accord.core import keyfile, provenance
from accord.core.acting import Actor
from accord.demo import crises as crises_demo
from accord.demo import decisions as decisions_demo
from accord.demo import documents as documents_demo
from accord.demo import drills as drills_demo
from accord.demo import exercises as exercises_demo
from accord.demo import forces as forces_demo
from accord.demo import meetings as meetings_demo
from accord.demo import monitoring as monitoring_demo
from accord.demo import offices as offices_demo
from accord.demo import sources
from accord.demo.people import DELEGATIONS, HEADS
from accord.meetings import actions as meetings_actions
from accord.members import actions
from accord_verify import entries

PASSWORD = "accord-demo"  # noqa: S105 - the demo's published password, printed by `accord demo`

ORGANIZATION: dict[str, Any] = {
    "name": {"ru": "Организация Договора о коллективной безопасности",
             "en": "Collective Security Treaty Organization"},
    "abbreviation": {"ru": "ОДКБ", "en": "CSTO"},
    "headquarters": {"ru": "Москва", "en": "Moscow"},
    "working_languages": ["ru"],
    # Russian is the one working language (SCENARIO.md); Accord keeps the content in English as well.
    "languages": ["ru", "en"],
    "treaty_name": {"ru": "Договор о коллективной безопасности", "en": "Collective Security Treaty"},
    "treaty_signed_on": "1992-05-15",
    "treaty_signed_at": {"ru": "Ташкент", "en": "Tashkent"},
    "treaty_in_force_on": "1994-04-20",
    "charter_signed_on": "2002-10-07",
    "charter_signed_at": {"ru": "Кишинёв", "en": "Chisinau"},
    "charter_in_force_on": "2003-09-18",
    # Beside regular and extraordinary sessions: the Moscow summit of 16 May 2022 marked the Treaty's 30th and
    # the Organization's 20th anniversary (SCENARIO.md).
    "session_kinds": [{"code": "anniversary", "name": {"ru": "Юбилейная сессия", "en": "Anniversary session"}}],
    # Observer at the UN General Assembly since 2 December 2004, resolution 59/50 (SCENARIO.md).
    "statuses": [{"body": {"ru": "Генеральная Ассамблея ООН", "en": "United Nations General Assembly"},
                  "status": {"ru": "Наблюдатель", "en": "Observer"}, "since": "2004-12-02",
                  "reference": {"ru": "Резолюция 59/50 Генеральной Ассамблеи ООН",
                                "en": "UN General Assembly resolution 59/50"}}],
}

# References in Russian and English (the Russian is our translation of our English notes).
TREATY = {"ru": "Договор о коллективной безопасности, Ташкент, 15 мая 1992 г.",
          "en": "Collective Security Treaty, Tashkent, 15 May 1992"}
ACCESSION = {"ru": "Присоединение к Договору о коллективной безопасности",
             "en": "Accession to the Collective Security Treaty"}
# (code, accession date, reference), in the order the states joined.
ACCESSIONS = (
    ("ARM", "1992-05-15", TREATY),
    ("KAZ", "1992-05-15", TREATY),
    ("KGZ", "1992-05-15", TREATY),
    ("RUS", "1992-05-15", TREATY),
    ("TJK", "1992-05-15", TREATY),
    ("UZB", "1992-05-15", TREATY),
    ("AZE", "1993-09-24", ACCESSION),
    ("GEO", "1993-12-09", ACCESSION),
    ("BLR", "1993-12-31", ACCESSION),
)
NOT_EXTENDED = {"ru": "Это государство не продлило действие Договора по истечении его первого пятилетнего срока "
                      "(1999 г.)",
                "en": "This state did not extend the Treaty when its first five-year term ended (1999)"}
HISTORY = (
    ("AZE", "did_not_extend", "1999-04-20", NOT_EXTENDED),
    ("GEO", "did_not_extend", "1999-04-20", NOT_EXTENDED),
    ("UZB", "did_not_extend", "1999-04-20", NOT_EXTENDED),
    ("UZB", "acceded", "2006-06-23", {"ru": "Вновь вступил в Организацию", "en": "Rejoined the Organization"}),
    ("UZB", "suspended", "2012-12-19",
     {"ru": "Решение Совета коллективной безопасности о приостановлении членства от 19 декабря 2012 г., после "
            "ноты Узбекистана от 28 июня 2012 г.",
      "en": "The Collective Security Council's decision of 19 December 2012 suspending its membership, after "
            "Uzbekistan's note of 28 June 2012"}),
    ("ARM", "participation_frozen", "2024-02-22",
     {"ru": "Заявлено премьер-министром Армении 22–23 февраля 2024 г. (интервью), без официального уведомления",
      "en": "Declared by Armenia's Prime Minister on 22-23 February 2024 (an interview), without formal notice"}),
    ("ARM", "contributions_stopped", "2024-05-01",
     {"ru": "Армения прекратила уплату взносов в мае 2024 г.",
      "en": "Armenia stopped paying its contributions in May 2024"}),
)
# The history events whose values the record does not fully establish, with their provenance.
HISTORY_MARKS = {("ARM", "contributions_stopped"): sources.ARMENIA_CONTRIBUTIONS,
                 **{(code, "did_not_extend"): sources.NOT_EXTENDED_1999 for code in ("AZE", "GEO", "UZB")}}
# In 2009 the Council decided that Russia chair "for the period of Belarus' absence" (SCENARIO.md).
OVERRIDE_2009: dict[str, Any] = dict(
    member="RUS", start="2009-01-01", end="2009-12-31",
    reason={"ru": "Председательствует Россия «на период отсутствия Беларуси»",
            "en": "Russia chairs \"for the period of Belarus' absence\""},
    reference={"ru": "Решение Совета коллективной безопасности, 2009 г.",
               "en": "Decision of the Collective Security Council, 2009"})

# The states' names where the record names them otherwise than ISO's short names (pycountry gives every
# other name, in every language): SCENARIO.md says "Kyrgyzstan", in Russian "Кыргызстан" (as the
# delegation's own name, "Делегат Кыргызстана", has it) and not ISO's "Киргизия": one name per state.
OFFICIAL_NAMES = {
    "KGZ": {"ru": "Кыргызстан", "en": "Kyrgyzstan"},
}

REGULAR_SESSION = {"ru": "Очередная сессия Совета коллективной безопасности",
                   "en": "Regular session of the Collective Security Council"}
# Chairmanship: yearly, in Russian alphabetical order of the members' names.
ROTATION = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
# The regular sessions at which the chair passed, until the rule changed for 2024.
HANDOVERS = ((2019, "2018-11-08"), (2020, "2019-11-28"), (2021, "2020-12-02"),
             (2022, "2021-09-16"), (2023, "2022-11-23"))  # fmt: skip

# The Organization's bodies as the record lists them: (code, English, Russian, who sits, decides).
BODIES = (
    ("CSC", "Collective Security Council", "Совет коллективной безопасности",
     "Heads of state (since 2021 a head of government may sit instead)",
     "Главы государств (с 2021 года вместо главы государства может участвовать глава правительства)", True),
    ("CMFA", "Council of Foreign Ministers", "Совет министров иностранных дел",
     "Ministers of foreign affairs", "Министры иностранных дел", True),
    ("CMD", "Council of Defence Ministers", "Совет министров обороны",
     "Ministers of defence", "Министры обороны", True),
    ("CSSC", "Committee of Secretaries of Security Councils", "Комитет секретарей советов безопасности",
     "Secretaries of the security councils", "Секретари советов безопасности", True),
    ("PC", "Permanent Council", "Постоянный совет",
     "One plenipotentiary representative per member, chaired by the chairing member's representative",
     "По одному полномочному представителю от каждого государства-члена; председательствует представитель "
     "председательствующего государства", True),
    ("SEC", "Secretary General and Secretariat", "Генеральный секретарь и Секретариат",
     "The Organization's staff", "Сотрудники Организации", False),
    ("JS", "Joint Staff", "Объединённый штаб",
     "Runs exercises and the Crisis Response Centre", "Проводит учения; Центр кризисного реагирования", False),
)


def keys_dir() -> Path:
    return Path(settings.VAR_DIR) / "demo-keys"


def _save_private_key(username: str, key: SigningKey) -> None:
    """Write a demo person's private key where `accord` commands on "its own machine" find it."""
    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{username}.key"
    path.unlink(missing_ok=True)  # a new demo's key replaces the last demo's
    keyfile.write(path, keyfile.KeyFile(person=username, key=key))


def _person_with_key(console: Actor, **person: Any) -> None:
    actions.add_person(actor=console, password=PASSWORD, **person)
    key = SigningKey.generate()
    actions.register_key(actor=console, person=person["username"],
                         public_key=entries.b64(bytes(key.verify_key)))  # no label: one string, in no language
    _save_private_key(person["username"], key)


def _marked(marks: dict[str, Any] | None, act: Callable[[], object]) -> object:
    """Make the act with its provenance (its sources and certainties), where it has one."""
    with provenance.given(marks):
        return act()


def _budget_session(console: Actor) -> None:
    """The Council's 2024 regular session, at which the budget was adopted in a limited format (SCENARIO.md:
    Armenia neither joined nor blocked). The record gives neither its day, nor its place, nor how it met: the
    day shown is illustrative, and its mark says so wherever it is shown (accord.demo.sources), as the marks of
    the days derived from it do (the budget decision's procedure and identifier: decisions demo)."""
    with provenance.given(sources.BUDGET_SESSION_DAY):
        session = meetings_actions.convene_session(
            actor=console, body="CSC", kind="regular", mode="not_recorded",
            starts_on=decisions_demo.BUDGET_SESSION,
            title={"ru": "Очередная сессия Совета коллективной безопасности, 2024",
                   "en": "Regular session of the Collective Security Council, 2024"})
    meetings_actions.open_session(actor=console, session=session.pk)
    decisions_demo.decide_at(console, session.pk)
    meetings_actions.close_session(actor=console, session=session.pk)


def _steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    steps: list[tuple[str, Callable[[], object]]] = [
        ("charter settings", partial(actions.configure_organization, actor=console, **ORGANIZATION)),
    ]
    for code, on, reference in ACCESSIONS:
        steps.append((f"member {code}", partial(actions.add_member, actor=console, code=code, acceded_on=on,
                                                reference=reference, name=OFFICIAL_NAMES.get(code))))
    for code, kind, on, reference in HISTORY:
        steps.append((f"history of {code}", partial(_marked, HISTORY_MARKS.get((code, kind)), partial(
            actions.record_membership_event, actor=console, member=code, kind=kind, on=on, reference=reference))))
    steps.append(("rotation", partial(actions.configure_organization, actor=console,
                                      rotation_order=list(ROTATION), term_years=1, anchor_member="KGZ",
                                      anchor_term=2019)))
    for term, on in HANDOVERS:
        steps.append((f"chair {term}", partial(actions.record_handover, actor=console, term=term, on=on,
                                               reference=REGULAR_SESSION)))
    steps.append(("chair override 2009", partial(_marked, sources.CHAIR_OVERRIDE_2009, partial(
        actions.record_chair_override, actor=console, **OVERRIDE_2009))))
    steps.append(("handover rule", partial(actions.change_handover_rule, actor=console, rule="on_january_1",
                                           from_term=2024,
                                           reference={"ru": "С 2024 г. председательство переходит 1 января",
                                                      "en": "Since 2024 the chair passes on 1 January"})))
    steps.append(("secretariat", partial(
        _person_with_key, console, username="secretariat",
        full_name={"ru": "Дежурный сотрудник Секретариата", "en": "Secretariat duty officer"},
        role="secretariat_officer", title={"ru": "Секретариат", "en": "Secretariat"})))
    steps.append(("observer", partial(
        actions.add_person, actor=console, username="observer", full_name={"ru": "Наблюдатель", "en": "Observer"},
        role="observer", password=PASSWORD)))
    for code, head in HEADS.items():
        lower = code.lower()
        country_en, country_ru = DELEGATIONS[code]
        steps.append((f"head of {code}", partial(
            _person_with_key, console, username=f"{lower}.head", full_name=head.name,
            title=head.title, role="head", member=code, delegation_admin=True)))
        steps.append((f"delegate of {code}", partial(
            _person_with_key, console, username=f"{lower}.delegate",
            full_name={"ru": f"Делегат {country_ru}", "en": f"Delegate of {country_en}"}, role="delegate",
            member=code)))
    for code, name_en, name_ru, composition_en, composition_ru, decides in BODIES:
        steps.append((f"body {code}", partial(
            actions.establish_body, actor=console, code=code, name={"ru": name_ru, "en": name_en},
            composition={"ru": composition_ru, "en": composition_en}, decides=decides,
            reference={"ru": "Устав Организации", "en": "Charter of the Organization"})))
    steps.extend(offices_demo.steps(console))
    for code in HEADS:
        steps.append((f"{code} on the Council", partial(actions.seat_person, actor=console, body="CSC",
                                                        person=f"{code.lower()}.head")))
        steps.append((f"{code} on the Permanent Council", partial(
            actions.seat_person, actor=console, body="PC", person=f"{code.lower()}.delegate")))
    # Drafts are tabled and documents drafted first; the sessions then take the decisions (consensus is
    # reached at a session that is open), and only then is the statement adopted by its decision signed.
    documents = documents_demo.steps(console, keys=keys_dir())
    adopted = [step for step in documents if step[0].startswith(("statement adopted", "statement signed"))]
    steps.extend(decisions_demo.steps(console))
    steps.extend(step for step in documents if step not in adopted)
    steps.extend(meetings_demo.steps(console))
    steps.append(("2024 regular session", partial(_budget_session, console)))
    steps.extend(adopted)
    steps.extend(forces_demo.steps(console))
    steps.extend(exercises_demo.steps(console))
    steps.extend(crises_demo.steps())
    steps.extend(drills_demo.steps())
    steps.extend(monitoring_demo.steps(console))
    return steps


def load_demo(*, progress: bool = False) -> int:
    """Enter the reference organization through the actions; returns the number of acts made."""
    console = Actor.console()
    steps = _steps(console)
    bar = tqdm(steps, desc="demo", unit="step", disable=not progress, leave=False)
    for name, step in bar:
        bar.set_postfix_str(name)
        step()
    return len(steps)


def logins() -> list[tuple[str, str]]:
    """The demo's logins and who they are, for the command to print."""
    result = [("secretariat", "Secretariat officer"), ("observer", "Observer")]
    for code, head in HEADS.items():
        lower = code.lower()
        result += [(f"{lower}.head", f"Head of delegation: {head.name_en}"),
                   (f"{lower}.delegate", f"Delegate of {DELEGATIONS[code][0]}")]
    return result
