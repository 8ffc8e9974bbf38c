"""A theme page's series at length: each drawn as one path with numeric geometry in every language, the
table under it the latest values only with a summary of the whole series (late, no source, corrected) and a
link to the indicator's whole history as CSV, which shows only an indicator the viewer may see; a crisis
grown from consultations links back to them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.http import StreamingHttpResponse
from monitoring_world import actor, signed_in
from test_monitoring_consultations import _indicator, _report

from accord.core import provenance
from accord.monitoring import actions, views
from accord.monitoring.models import Indicator

pytestmark = pytest.mark.usefixtures("monitoring_organization")
ILLUSTRATIVE = {"fields": {"value": "illustrative"}}


def _series(indicator: Indicator, months: int) -> None:
    for month in range(months):
        day = dt.date(2020 + month // 12, month % 12 + 1, 1)
        with provenance.given(ILLUSTRATIVE):
            actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ",
                                 value=f"{100 + month}.5", as_of=day, source="" if month == 0 else "Statistics")


@pytest.mark.parametrize("language", ["en", "ru", "fr"])
def test_a_long_series_is_one_path_and_the_table_shows_the_latest_values(language: str) -> None:
    indicator = _indicator()
    _series(indicator, 30)
    first = indicator.values.order_by("as_of").first()
    assert first is not None
    with provenance.given(ILLUSTRATIVE):
        actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="99",
                             as_of=first.as_of, source="Statistics", corrects=first.pk)
    body = signed_in("kaz.head", language).get(f"/monitoring/{indicator.theme_id}/").content.decode()
    chart = body[body.index("<svg"):body.index("</svg>")]
    assert chart.count('class="series-line"') == 1
    assert chart.count('class="series-points"') == 1
    line = re.search(r'<path d="([^"]*)"[^>]*class="series-line"', chart)
    assert line is not None
    assert re.fullmatch(r"M[0-9.]+,[0-9.]+( L[0-9.]+,[0-9.]+){29}", line.group(1))  # "." in every language
    assert chart.count('class="corrected"') == 1  # the corrected value, hollow, apart
    table = body[body.index('<table class="table values">'):body.index("</table>")]
    assert table.count("<tr data-value=") == views.SHOWN_ROWS
    assert "<time datetime=\"2022-06-01\">" in table  # the latest first
    assert "2020-02-01" not in table
    assert f"indicators.csv?indicator={indicator.pk}" in body
    summary = body[body.index('class="note series-summary"'):]
    summary = summary[:summary.index("</p>")]
    assert re.search(r"31\D+31\D+1\D+1\.", " ".join(summary.split())), summary
    # all, late (reported now), no source, corrected


def test_the_history_csv_of_one_indicator_and_a_hidden_one_is_missing() -> None:
    indicator = _indicator()
    _report(indicator, "250", "2022-05-01")
    hidden = actions.define_indicator(actor=actor("secretariat"), theme=indicator.theme_id,
                                      name={"ru": "Скрытый", "en": "Hidden"}, unit="t", frequency="monthly",
                                      reporters=["KGZ"], classification="members")
    actions.report_value(actor=actor("kgz.head"), indicator=hidden.pk, member="KGZ", value="7",
                         as_of="2022-05-01", source="Statistics")
    path = f"/monitoring/{indicator.theme_id}/indicators.csv"
    response = signed_in("kaz.head").get(f"{path}?indicator={indicator.pk}")
    assert isinstance(response, StreamingHttpResponse)
    assert f"indicator-{indicator.pk}.csv" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 2
    assert ",250," in lines[1]
    assert signed_in("observer").get(f"{path}?indicator={hidden.pk}").status_code == 404
    assert signed_in("observer").get(f"{path}?indicator=999999").status_code == 404
    assert signed_in("observer").get(f"{path}?indicator=x").status_code == 404


def test_a_crisis_grown_from_consultations_links_back_to_them() -> None:
    indicator = _indicator()
    raised = _report(indicator, "450", "2022-06-01")
    assert raised is not None
    asked = actions.request_consultations(actor=actor("kgz.head"), theme=indicator.theme_id, member="KGZ",
                                          alert=raised.pk, grounds={"ru": "Цены", "en": "Prices"})
    grown = actions.escalate_consultations(actor=actor("kgz.head"), consultation=asked.pk,
                                           happened={"ru": "Обострение"}, area={"ru": "Граница"},
                                           asks_for={"ru": "Помощь"})
    for language, words in (("en", "Grew from the joint consultations"), ("ru", "Выросла из совместных")):
        body = signed_in("kaz.head", language).get(f"/crises/{grown.crisis_id}/").content.decode()
        assert f'href="/monitoring/consultations/{asked.pk}/"' in body
        assert words in body
