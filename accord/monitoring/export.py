"""A theme's series as CSV, streamed: each indicator the viewer may see, its values read from the database in
chunks (QuerySet.iterator), each row written as it is read, so that no export holds a whole series in memory.
A value's certainty mark (its act's provenance), a missing source, corrected and late values say so in
their own columns."""

from __future__ import annotations

import csv
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


def csv_rows(viewer: Viewer, found: Theme, only: Indicator | None = None) -> Iterator[str]:
    """The rows of every indicator of the theme the viewer may see, or of `only` (one the caller has found
    among them)."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
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
                late = queries.is_late_on(indicator.frequency, as_of, reported_on)
                yield writer.writerow((
                    indicator.pk, name, indicator.unit, member, as_of.isoformat(), format(value.normalize(), "f"),
                    source, "yes" if not source else "", marks.get(seq, ""),
                    corrects or "", "yes" if corrected else "", reported_on.isoformat(), "late" if late else "",
                    seq))


def _chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

