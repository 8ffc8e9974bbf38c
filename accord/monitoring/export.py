"""A theme's series as CSV and as JSON, streamed: each indicator the viewer may see, its values read from the
database in chunks (QuerySet.iterator), each row written as it is read, so that no export holds a whole series
in memory.
A value's certainty mark (its act's provenance), a missing source, corrected and late values say so in
their own columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef

from accord.core.policy import Viewer
from accord.monitoring import queries
from accord.monitoring.models import Indicator, Theme, Value

# `certainty`: the value's mark from its act's provenance (illustrative, uncertain, reported), empty for a fact.
HEADER = ("indicator", "indicator_name", "unit", "member", "as_of", "value", "source", "no_source",
          "certainty", "corrects", "corrected", "reported_on", "late", "entry")
Row = tuple[Any, ...]
CHUNK = 500  # rows read from the database at a time: what the export holds in memory at most


class _Line:
    """A file-like object that hands back what the CSV writer writes (Django's streaming CSV pattern)."""

    def write(self, value: str) -> str:
        return value


def records(viewer: Viewer, found: Theme, only: Indicator | None = None) -> Iterator[dict[str, Any]]:
    """Every value of every indicator of the theme the viewer may see, or of `only` (one the caller has found
    among them), one at a time, under the names of HEADER: what the CSV and the JSON export write."""
    for indicator in [only] if only is not None else queries.indicators(viewer, found):
        name = indicator.name.pick().text
        rows = (Value.objects.filter(indicator=indicator)
                .annotate(corrected=Exists(Value.objects.filter(corrects=OuterRef("pk"))))
                .order_by("as_of", "member_id", "entry_seq")
                .values_list("member_id", "as_of", "value", "source", "corrects_id",
                             "corrected", "reported_on", "entry_seq"))
        for chunk in _chunks(rows.iterator(chunk_size=CHUNK)):
            # Each chunk's certainties (its acts' provenance) read with it: never the whole series' at once.
            marks = queries.certainties(Value.objects.filter(entry_seq__in=[row[-1] for row in chunk]))
            for member, as_of, value, source, corrects, corrected, reported_on, seq in chunk:
                yield {"indicator": indicator.pk, "indicator_name": name, "unit": indicator.unit, "member": member,
                       "as_of": as_of.isoformat(), "value": format(value.normalize(), "f"), "source": source,
                       "no_source": not source, "certainty": marks.get(seq, ""), "corrects": corrects,
                       "corrected": bool(corrected), "reported_on": reported_on.isoformat(),
                       "late": queries.is_late_on(indicator.frequency, as_of, reported_on), "entry": seq}


def csv_rows(viewer: Viewer, found: Theme, only: Indicator | None = None) -> Iterator[str]:
    """The CSV's lines: its header, then a row a value (`records`); a yes/no column says "yes" or nothing."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
    for record in records(viewer, found, only):
        yield writer.writerow((
            record["indicator"], record["indicator_name"], record["unit"], record["member"], record["as_of"],
            record["value"], record["source"], "yes" if record["no_source"] else "", record["certainty"],
            record["corrects"] or "", "yes" if record["corrected"] else "", record["reported_on"],
            "late" if record["late"] else "", record["entry"]))


def json_parts(viewer: Viewer, found: Theme, only: Indicator | None = None) -> Iterator[str]:
    """The JSON export, streamed as the CSV is: one array, an object a value (`records`, the value a text so
    that no float rounds it), written as each is read."""
    yield "["
    for number, record in enumerate(records(viewer, found, only)):
        yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

