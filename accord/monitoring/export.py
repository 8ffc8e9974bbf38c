"""A theme's series as CSV, streamed: each indicator the viewer may see, its values read from the database in
chunks (QuerySet.iterator), each row written as it is read, so that no export holds a whole series in memory.
Illustrative values, values without a source, corrected and late values say so in their own columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from accord.core.policy import Viewer
from accord.monitoring import queries
from accord.monitoring.models import Indicator, Theme, Value

HEADER = ("indicator", "indicator_name", "unit", "member", "as_of", "value", "source", "no_source",
          "illustrative", "corrects", "corrected", "reported_on", "late", "entry")
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
                .values_list("member_id", "as_of", "value", "source", "illustrative", "corrects_id",
                             "corrected", "reported_on", "entry_seq"))
        for member, as_of, value, source, illustrative, corrects, corrected, reported_on, seq in rows.iterator(
                chunk_size=CHUNK):
            late = queries.is_late_on(indicator.frequency, as_of, reported_on)
            yield writer.writerow((
                indicator.pk, name, indicator.unit, member, as_of.isoformat(), format(value.normalize(), "f"),
                source, "yes" if not source else "", "illustrative" if illustrative else "",
                corrects or "", "yes" if corrected else "", reported_on.isoformat(), "late" if late else "",
                seq))

