"""The drills' figures drawn: each response time as a bar per response (the drill, the earlier drills, the real
operations), the organization's target a dashed mark across them; geometry computed here, in whole numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LEFT, RIGHT, WIDTH = 230, 20, 720
ROW, GAP, HEADING = 22, 6, 28


@dataclass(frozen=True)
class Bar:
    label: str
    kind: str  # drill, earlier, real
    y: int
    width: int  # 0: not reached (no bar)
    hours: str  # the value, "—" when not reached


@dataclass(frozen=True)
class Group:
    title: str
    y: int
    bars: list[Bar]
    target_x: int | None  # where the target's mark stands, None without a target
    target_hours: str
    bottom: int  # where the group's last bar ends


@dataclass(frozen=True)
class Chart:
    groups: list[Group]
    height: int
    width: int = WIDTH
    left: int = LEFT


def _hours(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else max(delta.total_seconds() / 3600, 0.0)


def _shown(hours: float | None) -> str:
    return "—" if hours is None else f"{hours:.1f}"


def _short(label: str, most: int = 30) -> str:
    """A response's name as the drawing's label column holds it (the table beside it gives it whole)."""
    return label if len(label) <= most else label[:most - 1].rstrip() + "…"


def chart(figures: Sequence[tuple[str, str, Mapping[str, dt.timedelta | None]]], titles: Sequence[tuple[str, str]],
          targets: Mapping[str, int]) -> Chart:
    """`figures`: (label, kind, {figure code: interval}) per response; `titles`: (figure code, title)."""
    longest = max([h for _l, _k, values in figures for v in values.values() if (h := _hours(v)) is not None]
                  + [float(hours) for hours in targets.values()] + [1.0])
    scale = (WIDTH - LEFT - RIGHT) / longest
    groups, y = [], 0
    for code, title in titles:
        top = y
        y += HEADING
        bars = []
        for label, kind, values in figures:
            hours = _hours(values.get(code))
            width = 0 if hours is None else max(round(hours * scale), 1)
            bars.append(Bar(_short(label), kind, y, width, _shown(hours)))
            y += ROW + GAP
        target = targets.get(code)
        groups.append(Group(title, top, bars, None if target is None else LEFT + round(target * scale),
                            _shown(None if target is None else float(target)), y))
        y += GAP * 2
    return Chart(groups, y)
