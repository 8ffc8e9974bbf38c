"""The guard every list page and API list shares: what it costs in queries does not grow with its rows.

A test makes N rows through the real actions, reads each path once (so that one-time reads, a session,
a cache or the person read once per version of the log, are not counted), counts the queries of a second
read, makes N more rows and does the same again: the count with 2N rows may not be higher. Each new row's
label must be in each answer, so that a guard never passes on rows the viewer does not see.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROWS = 3


def queries_of(client: Client, path: str, shown: Sequence[str] = ()) -> list[str]:
    """The SQL of one GET of `path`, which must answer 200 and show every label in `shown`."""
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, (path, answer.status_code)
    body = answer.content.decode()
    missing = [label for label in shown if label not in body]
    assert missing == [], f"{path} does not show {missing}"
    return [str(query["sql"]) for query in captured.captured_queries]


def assert_queries_do_not_grow(client: Client, paths: Sequence[str], add_rows: Callable[[int, int], list[str]],
                               rows: int = ROWS) -> None:
    """`add_rows(start, count)` makes `count` rows numbered from `start` and returns their labels."""
    first = add_rows(0, rows)
    for path in paths:
        queries_of(client, path, first)
    before = {path: queries_of(client, path, first) for path in paths}
    second = add_rows(rows, rows)
    for path in paths:
        queries_of(client, path, [*first, *second])
    for path in paths:
        after = queries_of(client, path, [*first, *second])
        assert len(after) <= len(before[path]), (
            f"{path}: {len(before[path])} queries with {rows} rows, {len(after)} with {2 * rows}:\n"
            + "\n".join(after))
