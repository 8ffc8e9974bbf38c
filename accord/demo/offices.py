# ruff: noqa: E501 - the demo quotes the record's sentences whole; breaking them mid-phrase reads worse
"""The demo's offices: the Secretaries General since 2003 as ../shared/seed/SCENARIO.md gives them.

Where the record gives only a year (Bordyuzha from 2003, Zas 2020–2022, Tasmagambetov 2023–2025,
Masadykov from 2026) the appointment says so and the pages print the year alone; where it gives only
"before and after" (Semerikov acting), the days are those between the terms beside it, marked so too. No
appointing decision is recorded but the one the record names (Yerevan, 23 November 2022). The record names
the Chief of the Joint Staff as an office, with no holder: none is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from accord.core import provenance
from accord.core.acting import Actor
from accord.members import actions

SG = "SG"
OFFICES = (
    (SG, {"ru": "Генеральный секретарь", "en": "Secretary General"}, 3,
     {"ru": "Устав Организации", "en": "Charter of the Organization"}),
    ("CJS", {"ru": "Начальник Объединённого штаба", "en": "Chief of the Joint Staff"}, None,
     {"ru": "Устав Организации", "en": "Charter of the Organization"}),
)

_BETWEEN = {"en": "The record says acting before and after Khachaturov; the days shown are those between the terms.",
            "ru": "Источник говорит: исполнял обязанности до и после Хачатурова; указаны дни между сроками."}


def _marked(note: dict[str, str], *fields: str) -> dict[str, Any]:
    return {"fields": {name: {"certainty": "uncertain", "note": note} for name in fields}}


# (holder, member, start, end, acting, decision, provenance or None, which days are known only by their year)
SECRETARIES_GENERAL: tuple[tuple[dict[str, str], str | None, str, str | None, bool, dict[str, str],
                                 dict[str, Any] | None, tuple[str, ...]], ...] = (
    ({"ru": "Николай Бордюжа", "en": "Nikolai Bordyuzha"}, None, "2003-01-01", "2016-12-31", False, {}, None, ("start",)),
    ({"ru": "Валерий Семериков", "en": "Valery Semerikov"}, None, "2017-01-01", "2017-05-01", True, {},
     _marked(_BETWEEN, "start", "end"), ()),
    ({"ru": "Юрий Хачатуров", "en": "Yuri Khachaturov"}, "ARM", "2017-05-02", "2018-11-02", False, {}, None, ()),
    ({"ru": "Валерий Семериков", "en": "Valery Semerikov"}, None, "2018-11-03", "2019-12-31", True, {},
     _marked(_BETWEEN, "start", "end"), ()),
    ({"ru": "Станислав Зась", "en": "Stanislav Zas"}, "BLR", "2020-01-01", "2022-12-31", False, {}, None, ("start", "end")),
    ({"ru": "Имангали Тасмагамбетов", "en": "Imangali Tasmagambetov"}, "KAZ", "2023-01-01", "2025-12-31", False,
     {"ru": "Решение Совета коллективной безопасности, Ереван, 23 ноября 2022 г.",
      "en": "Decision of the Collective Security Council, Yerevan, 23 November 2022"}, None, ("start", "end")),
    ({"ru": "Таалатбек Масадыков", "en": "Taalatbek Masadykov"}, "KGZ", "2026-01-01", None, False, {}, None, ("start",)),
)


def _appoint(console: Actor, holder: dict[str, str], member: str | None, start: str, end: str | None,
             acting: bool, decision: dict[str, str], marks: dict[str, Any] | None, years: tuple[str, ...]) -> object:
    with provenance.given(marks):
        return actions.record_appointment(actor=console, office=SG, holder=holder, member=member, start=start,
                                          end=end, acting=acting, decision=decision,
                                          start_year_only="start" in years, end_year_only="end" in years)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    result: list[tuple[str, Callable[[], object]]] = [
        (f"office {code}", partial(actions.establish_office, actor=console, code=code, name=name, term_years=term,
                                   reference=reference))
        for code, name, term, reference in OFFICES]
    for holder, member, start, end, acting, decision, marks, years in SECRETARIES_GENERAL:
        result.append((f"Secretary General from {start}", partial(
            _appoint, console, holder, member, start, end, acting, decision, marks, years)))
    return result
