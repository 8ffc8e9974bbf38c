"""A session's timetable as a day grid: pure arithmetic over plain slots, in the reader's time zone.

Each day is a grid of quarter-hour rows (from the hour of its first start to the hour after its last end)
and one column per room (and one for what has no room); a slot takes the rows it covers. The grid's
numbers are whole numbers, the same in every language.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

QUARTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Slot:
    """One thing on the timetable: a part, an agenda item or a bilateral meeting."""

    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: str  # "" when no room is set
    certainty: str = ""  # the time's mark where it is not a fact ("illustrative: ..."; accord.core.provenance)


@dataclass(frozen=True)
class Placed:
    slot: Slot
    starts: dt.datetime  # in the reader's zone
    ends: dt.datetime
    row: int  # the grid's first row (row 1 holds the rooms' names)
    rows: int  # how many quarter-hour rows it spans
    column: int  # the grid's column (column 1 holds the hours)


@dataclass
class Day:
    day: dt.date
    rooms: list[str]
    first_hour: int
    quarters: int
    placed: list[Placed] = field(default_factory=list)

    @property
    def offset(self) -> str:
        """The zone's offset from UTC on that day, "UTC+03:00"."""
        text = self.placed[0].starts.strftime("%z") if self.placed else "+0000"
        return f"UTC{text[:3]}:{text[3:]}"

    @property
    def hours(self) -> list[tuple[int, int]]:
        """Each hour's label and the grid row it starts on."""
        return [(self.first_hour + n, 2 + 4 * n) for n in range(math.ceil(self.quarters / 4))]


def days_of(slots: list[Slot], zone: ZoneInfo, no_room: str) -> list[Day]:
    """The slots laid out day by day in `zone`, earliest first; a slot is on the day it starts."""
    by_day: dict[dt.date, list[Slot]] = {}
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.ends_at)):
        by_day.setdefault(slot.starts_at.astimezone(zone).date(), []).append(slot)
    days = []
    for day, held in sorted(by_day.items()):
        local = [(s, s.starts_at.astimezone(zone), s.ends_at.astimezone(zone)) for s in held]
        first = min(start for _, start, _ in local).replace(minute=0, second=0, microsecond=0)
        midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
        last = min(max(end for _, _, end in local), midnight)
        quarters = max(4, math.ceil((last - first) / QUARTER))
        quarters += (-quarters) % 4  # whole hours
        rooms = sorted({s.room for s in held if s.room})
        if any(not s.room for s in held):
            rooms.append(no_room)
        placed_day = Day(day, rooms, first.hour, quarters)
        for slot, start, end in local:
            row = 2 + int((start - first) / QUARTER)
            span = max(1, math.ceil((min(end, midnight) - start) / QUARTER))
            column = 2 + rooms.index(slot.room or no_room)
            placed_day.placed.append(Placed(slot, start, end, row, span, column))
        days.append(placed_day)
    return days
