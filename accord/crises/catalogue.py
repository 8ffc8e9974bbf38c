"""The crisis workflow's configurable lists: legal bases, responses, capabilities, deployment phases.

An organization sets its own in Django settings (CRISIS_LEGAL_BASES, CRISIS_CAPABILITIES, as
(code, English, Russian) triples); the defaults are the reference scenario's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

Entry = tuple[str, str, str]

LEGAL_BASES: tuple[Entry, ...] = (
    ("consultations", "Joint consultations (Treaty, Art. 2)", "Совместные консультации (Договор, ст. 2)"),
    ("aggression", "Assistance against aggression (Treaty, Art. 4)",
     "Помощь в отражении агрессии (Договор, ст. 4)"),
    ("peacekeeping", "Peacekeeping", "Миротворческая деятельность"),
    ("relief", "Emergency relief", "Помощь в чрезвычайной ситуации"),
)

CAPABILITIES: tuple[Entry, ...] = (
    ("peacekeeping_contingent", "Peacekeeping contingent", "Миротворческий контингент"),
    ("infantry_company", "Infantry company", "Пехотная рота"),
    ("airborne_unit", "Airborne unit", "Воздушно-десантное подразделение"),
    ("military_police", "Military police", "Военная полиция"),
    ("transport_aircraft", "Transport aircraft", "Военно-транспортный самолёт"),
    ("medical_team", "Medical team", "Медицинская группа"),
    ("engineers", "Engineer unit", "Инженерное подразделение"),
)

RESPONSES: tuple[Entry, ...] = (
    ("consultations", "Joint consultations", "Совместные консультации"),
    ("mission", "Monitoring or fact-finding mission", "Мониторинговая или ознакомительная миссия"),
    ("operation", "Collective operation", "Коллективная операция"),
)

# A contingent's phases in the order they happen.
PHASES: tuple[Entry, ...] = (
    ("alerted", "Alerted", "Поднят по тревоге"),
    ("authorized", "Nationally authorized", "Разрешён национальным актом"),
    ("departed", "Departed", "Убыл"),
    ("arrived", "Arrived", "Прибыл"),
    ("operational", "Operational", "Приступил к задачам"),
    ("handing_over", "Handing over", "Передаёт объекты"),
    ("withdrawing", "Withdrawing", "Выводится"),
    ("home", "Home", "Вернулся"),
)
PHASE_CODES: tuple[str, ...] = tuple(code for code, _, _ in PHASES)


def legal_bases() -> tuple[Entry, ...]:
    return tuple(getattr(settings, "CRISIS_LEGAL_BASES", LEGAL_BASES))


def capabilities() -> tuple[Entry, ...]:
    return tuple(getattr(settings, "CRISIS_CAPABILITIES", CAPABILITIES))


def codes(entries: tuple[Entry, ...]) -> list[str]:
    return [code for code, _, _ in entries]


def label(entries: tuple[Entry, ...], code: str) -> str:
    """The entry's name in the active language; an unknown code shows as itself."""
    russian = (get_language() or "en")[:2] == "ru"
    for entry_code, english, russian_name in entries:
        if entry_code == code:
            return russian_name if russian else english
    return code
