"""A theme's alerts and consultations served a page at a time by the API (`?limit=&offset=`, newest first, with
`X-Total-Count` and `Link`), only the window read in full; the theme's page reads whether its alerts are open
in two queries, not two per alert. Each costs the same queries for few rows or many."""

from __future__ import annotations

import datetime as dt

import pytest
from monitoring_world import actor, afghan_direction, call, signed_in
from paging_checks import OUT_OF_BOUNDS, assert_refused_naming
from pytest_django import Settings
from query_counts import assert_queries_do_not_grow

from accord.monitoring import actions
from accord.monitoring.models import Alert, Indicator, Theme

pytestmark = pytest.mark.usefixtures("monitoring_organization")

FIRST_DAY = dt.date(2020, 1, 1)


def _theme(classification: str = "public") -> Theme:
    theme = afghan_direction(classification)
    for code in ("KGZ", "KAZ"):
        actions.follow_theme(actor=actor(f"{code.lower()}.head"), theme=theme.pk, member=code)
    return theme


def _indicator(theme: Theme, classification: str = "public", name: str = "Price of wheat") -> Indicator:
    return actions.define_indicator(actor=actor("secretariat"), theme=theme.pk, name={"ru": name, "en": name},
                                    unit="USD/t", frequency="monthly", reporters=["KGZ"], warning="300",
                                    alert="400", classification=classification)


def _raise(indicator: Indicator, start: int, count: int) -> list[Alert]:
    """`count` alerts numbered from `start`: each a value past the alert level after one below the warning."""
    raised = []
    for n in range(start, start + count):
        for value, days in (("250", 0), ("410", 1)):
            row = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value=value,
                                       as_of=FIRST_DAY + dt.timedelta(days=2 * n + days), source="Statistics")
        raised.append(Alert.objects.get(value=row))
    return raised


def _request(theme: Theme, start: int, count: int) -> list[str]:
    """`count` requests for consultations numbered from `start`; their English grounds."""
    grounds = []
    for n in range(start, start + count):
        text = f"Grounds number {n:03d}"
        actions.request_consultations(actor=actor("kgz.head"), theme=theme.pk, member="KGZ",
                                      grounds={"ru": f"Основания {n:03d}", "en": text})
        grounds.append(text)
    return grounds


def test_the_alerts_answer_a_window_newest_first_and_say_where_the_rest_is() -> None:
    theme = _theme()
    raised = [row.pk for row in _raise(_indicator(theme), 0, 7)]
    path = f"/monitoring/themes/{theme.pk}/alerts"
    answer = call("kaz.head", "GET", f"{path}?limit=3&offset=2")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == raised[4:1:-1]
    assert [row["open"] for row in answer.json()] == [True, True, True]
    assert answer["X-Total-Count"] == "7"
    assert answer["Link"] == (f'</api/v1{path}?limit=3&offset=5>; rel="next", '
                              f'</api/v1{path}?limit=3&offset=0>; rel="prev"')
    last = call("kaz.head", "GET", f"{path}?limit=3&offset=5")
    assert [row["id"] for row in last.json()] == [raised[1], raised[0]]
    assert last["Link"] == f'</api/v1{path}?limit=3&offset=2>; rel="prev"'
    everything = call("kaz.head", "GET", path)
    assert [row["id"] for row in everything.json()] == raised[::-1]
    assert "Link" not in everything


def test_an_alert_closed_by_a_correction_or_a_concluded_consultation_reads_closed() -> None:
    theme = _theme()
    indicator = _indicator(theme)
    corrected, concluded, standing = _raise(indicator, 0, 3)
    actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="405",
                         as_of=FIRST_DAY + dt.timedelta(days=1), source="Statistics", corrects=corrected.value_id)
    asked = actions.request_consultations(actor=actor("kgz.head"), theme=theme.pk, member="KGZ",
                                          alert=concluded.pk, grounds={"ru": "Цены", "en": "Prices"})
    actions.conclude_consultations(actor=actor("secretariat"), consultation=asked.pk, outcome="no_joint_statement")
    opened = {row["id"]: row["open"] for row in call("kaz.head", "GET", f"/monitoring/themes/{theme.pk}/alerts")
              .json()}
    assert (opened[corrected.pk], opened[concluded.pk], opened[standing.pk]) == (False, False, True)


def test_the_consultations_answer_a_window_newest_first() -> None:
    theme = _theme()
    _request(theme, 0, 5)
    path = f"/monitoring/themes/{theme.pk}/consultations"
    answer = call("kaz.head", "GET", f"{path}?limit=2&offset=1")
    assert answer.status_code == 200
    assert [row["grounds"]["en"] for row in answer.json()] == ["Grounds number 003", "Grounds number 002"]
    assert [len(row["history"]) for row in answer.json()] == [1, 1]
    assert answer["X-Total-Count"] == "5"
    assert answer["Link"] == (f'</api/v1{path}?limit=2&offset=3>; rel="next", '
                              f'</api/v1{path}?limit=2&offset=0>; rel="prev"')


@pytest.mark.parametrize("listed", ["alerts", "consultations"])
@pytest.mark.parametrize(("query", "field", "reason"), OUT_OF_BOUNDS)
def test_a_window_out_of_bounds_is_refused_naming_its_field(listed: str, query: str, field: str,
                                                            reason: str) -> None:
    theme = _theme()
    answer = call("kaz.head", "GET", f"/monitoring/themes/{theme.pk}/{listed}?{query}")
    assert_refused_naming(answer, field, reason)


def test_the_count_and_the_window_hold_only_what_the_viewer_may_see() -> None:
    theme = _theme()
    _raise(_indicator(theme), 0, 3)
    _raise(_indicator(theme, "members", "Armed groups' strength"), 3, 2)
    for reader, total in (("kaz.head", 5), (None, 3)):
        answer = call(reader, "GET", f"/monitoring/themes/{theme.pk}/alerts?limit=2")
        assert answer["X-Total-Count"] == str(total)
        assert len(answer.json()) == 2
    hidden = _theme("members")
    _request(hidden, 0, 2)
    assert call(None, "GET", f"/monitoring/themes/{hidden.pk}/consultations").status_code == 404
    assert call("kaz.head", "GET", f"/monitoring/themes/{hidden.pk}/consultations")["X-Total-Count"] == "2"


def test_the_api_lists_cost_the_same_queries_for_few_or_many() -> None:
    theme = _theme()
    indicator = _indicator(theme)

    def add(start: int, count: int) -> list[str]:
        _request(theme, start, count)
        return [f'"id": {row.pk},' for row in _raise(indicator, start, count)]

    assert_queries_do_not_grow(signed_in("kaz.head"), [f"/api/v1/monitoring/themes/{theme.pk}/alerts"], add)
    assert_queries_do_not_grow(signed_in("kaz.head"), [f"/api/v1/monitoring/themes/{theme.pk}/consultations"],
                               lambda start, count: _request(theme, start + 10, count))


def test_the_themes_page_reads_its_alerts_in_the_same_queries_for_few_or_many(settings: Settings) -> None:
    # An indicator's drawn part is kept until a value is reported: without the cache both reads draw it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    theme = _theme()
    indicator = _indicator(theme)
    assert_queries_do_not_grow(signed_in("kaz.head"), [f"/monitoring/{theme.pk}/"], lambda start, count: [
        f'data-alert="{row.pk}"' for row in _raise(indicator, start, count)])
