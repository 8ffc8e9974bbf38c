"""The demo's standing forces, entered through the actions: only the facts of ../shared/seed/SCENARIO.md.

The scenario gives the three forces' names and approximate sizes. It gives neither their founding days
nor the decisions that established them nor any member's declared contribution, so none is entered: each
force says that its establishing decision is not given in the demo's sources, and its day shows as not
known. The contingents of the Kazakhstan operation of January 2022 were pledged to that operation (the
crises demo), which is not a declaration to the standing force.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from accord.core.acting import Actor
from accord.forces import actions

# In both languages: our words, the Russian our translation of our English.
NOT_GIVEN = {
    "ru": "Созданы решением Организации; это решение в источниках демонстрации не приводится",
    "en": "Established by a decision of the Organization; the decision is not given in the demo's sources",
}
SOURCE = {
    "ru": "Открытые источники в изложении справочного сценария (SCENARIO.md): численность приблизительная",
    "en": "Public sources as summarized in the reference scenario (SCENARIO.md): the size is approximate",
}

# (Russian name, English name, approximate size), as SCENARIO.md gives them.
FORCES = (
    ("Коллективные силы оперативного реагирования", "Collective Rapid Reaction Forces", 18_000),
    ("Коллективные миротворческие силы", "Collective Peacekeeping Forces", 3_600),
    ("Коллективные силы быстрого развёртывания Центрально-Азиатского региона",
     "Collective Rapid Deployment Forces of the Central Asian region", 5_000),
)


def steps(console: Actor) -> list[tuple[str, Callable[[], object]]]:
    return [(f"standing force: {name_en}", partial(
        actions.establish_force, actor=console, name={"ru": name_ru, "en": name_en}, size=size,
        decision_reference=NOT_GIVEN, source=SOURCE, classification="public"))
        for name_ru, name_en, size in FORCES]
