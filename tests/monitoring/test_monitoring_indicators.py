"""Indicators: the Secretariat defines one on a theme, its reporting members report and correct values as acts,
the theme's page draws the series with its thresholds and a table, and says who has not reported this period;
a members-only indicator's values never reach an observer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from monitoring_world import actor, afghan_direction, signed_in
from svg_numbers import svg_numbers, unreadable_svg_numbers

from accord.core.errors import AccordError, Conflict, InvalidInput, NotFound, NotPermitted
from accord.ledger.models import Entry
from accord.monitoring import actions, queries
from accord.monitoring.models import Indicator, Value

pytestmark = pytest.mark.usefixtures("monitoring_organization")

NAME = {"ru": "Цена на пшеницу", "en": "Price of wheat"}


def _indicator(classification: str = "public") -> Indicator:
    theme = afghan_direction()
    return actions.define_indicator(actor=actor("secretariat"), theme=theme.pk, name=NAME, unit="USD/t",
                                    frequency="monthly", reporters=["KGZ", "KAZ"], warning="300", alert="400",
                                    classification=classification)


def test_it_defines_an_indicator_and_members_report_and_correct_values() -> None:
    indicator = _indicator()
    assert indicator.reporters == ["KAZ", "KGZ"]
    first = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="310.5",
                                 as_of="2022-05-01", source="National statistics committee")
    corrected = actions.report_value(actor=actor("kgz.delegate"), indicator=indicator.pk, member="KGZ", value=305,
                                     as_of="2022-05-01", source="National statistics committee, revised",
                                     corrects=first.pk)
    rows = queries.values(indicator)
    assert queries.standing(rows) == [corrected]
    assert first in rows  # the earlier value stays in the history
    assert Entry.objects.get(seq=corrected.entry_seq).member == "KGZ"
    assert queries.not_reported(indicator, queries.standing(rows), first.as_of) == ["KAZ"]
    with pytest.raises(Conflict) as refused:
        actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value=1,
                             as_of="2022-05-01", corrects=first.pk)
    assert refused.value.field == "corrects"


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {}, NotPermitted, "actor"),
    ("secretariat", {"reporters": []}, InvalidInput, "reporters"),
    ("secretariat", {"reporters": ["ZZZ"]}, InvalidInput, "member"),
    ("secretariat", {"frequency": "hourly"}, InvalidInput, "frequency"),
    ("secretariat", {"warning": "400", "alert": "300"}, InvalidInput, "alert"),
    ("secretariat", {"warning": "many"}, InvalidInput, "warning"),
    ("secretariat", {"unit": ""}, InvalidInput, "unit"),
])
def test_it_refuses_an_indicator_naming_the_field(handle: str, arguments: dict[str, object],
                                                  error: type[AccordError], field: str) -> None:
    theme = afghan_direction()
    before = Entry.objects.count()
    given: dict[str, object] = {"name": NAME, "unit": "USD/t", "frequency": "monthly", "reporters": ["KGZ"],
                                **arguments}
    with pytest.raises(error) as refused:
        actions.define_indicator(actor=actor(handle), theme=theme.pk, **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("rus.head", {"member": "RUS"}, NotPermitted, "member"),  # not among the reporters
    ("kaz.head", {"member": "KGZ"}, NotPermitted, "member"),
    ("secretariat", {}, NotPermitted, "member"),
    ("kgz.head", {"value": "a lot"}, InvalidInput, "value"),
    ("kgz.head", {"as_of": "2999-01-01"}, InvalidInput, "as_of"),
    ("kgz.head", {"corrects": 987654}, NotFound, "corrects"),
])
def test_it_refuses_a_value_naming_the_field(handle: str, arguments: dict[str, object], error: type[AccordError],
                                             field: str) -> None:
    indicator = _indicator()
    before = Entry.objects.count()
    given: dict[str, object] = {"member": "KGZ", "value": "1", "as_of": "2022-05-01", **arguments}
    with pytest.raises(error) as refused:
        actions.report_value(actor=actor(handle), indicator=indicator.pk, **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Value.objects.exists()


def test_the_page_draws_the_series_with_its_bands_and_a_table_in_every_language() -> None:
    indicator = _indicator()
    first = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="250.5",
                                 as_of="2022-04-01")
    actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="420",
                         as_of="2022-05-01", source="Statistics")
    actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="260",
                         as_of="2022-04-01", source="Statistics", corrects=first.pk)
    body = signed_in("observer").get(f"/monitoring/{indicator.theme_id}/").content.decode()
    assert body.count('class="band band--') == 2
    assert 'class="corrected"' in body
    assert "no source given" in body
    assert "corrected by a later report" in body
    assert "Not reported this period:" in body
    russian = signed_in("observer", "ru").get(f"/monitoring/{indicator.theme_id}/").content.decode()
    assert {element for element, _, _ in svg_numbers(russian)} >= {"rect", "circle", "line", "text"}
    assert not unreadable_svg_numbers(russian)
    assert "Показатели" in russian
    french = signed_in("observer", "fr").get(f"/monitoring/{indicator.theme_id}/").content.decode()
    assert "Indicateurs" in french


def test_a_member_reports_through_the_form_and_a_refusal_keeps_what_was_typed() -> None:
    indicator = _indicator()
    client = signed_in("kgz.head", "ru")
    page = client.get(f"/monitoring/{indicator.theme_id}/").content.decode()
    assert 'id="report-value"' in page
    refused = client.post(f"/monitoring/{indicator.theme_id}/values/", {
        "indicator": indicator.pk, "member": "KGZ", "value": "310", "as_of": "2999-01-01", "source": "Stat"})
    assert refused.status_code == 400
    assert 'value="Stat"' in refused.content.decode()
    done = client.post(f"/monitoring/{indicator.theme_id}/values/", {
        "indicator": indicator.pk, "member": "KGZ", "value": "310", "as_of": "2022-05-01", "source": "Stat"})
    assert done.status_code == 302
    assert Value.objects.get().value == Decimal("310")


def test_a_members_only_indicators_values_never_reach_an_observer_or_the_public_log() -> None:
    indicator = _indicator("members")
    row = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="31337.5",
                               as_of="2022-05-01", source="Secret source")
    assert Entry.objects.get(seq=row.entry_seq).classification == "members"
    for handle in (None, "observer"):
        body = signed_in(handle).get(f"/monitoring/{indicator.theme_id}/").content.decode()
        assert "31337" not in body
        assert "Price of wheat" not in body
    assert "31337" in signed_in("kaz.delegate").get(f"/monitoring/{indicator.theme_id}/").content.decode()
    public_entry = signed_in(None).get(f"/api/v1/log/entries/{row.entry_seq}").content.decode()
    assert "31337" not in public_entry
    assert "Secret source" not in public_entry


def test_the_theme_draws_its_indicators_as_small_multiples_linking_to_each_chart() -> None:
    indicator = _indicator()
    other = actions.define_indicator(actor=actor("secretariat"), theme=indicator.theme_id,
                                     name={"ru": "Цена на муку", "en": "Price of flour"}, unit="USD/t",
                                     frequency="monthly", reporters=["KGZ"])
    actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="250.5",
                         as_of="2022-04-01", source="Statistics")
    body = signed_in("observer", "ru").get(f"/monitoring/{indicator.theme_id}/").content.decode()
    tiles = body[body.index('class="small-multiples"'):body.index("</ul>", body.index('class="small-multiples"'))]
    assert f'href="#indicator-{indicator.pk}"' in tiles
    assert f'<use href="#chart-drawing-{indicator.pk}"/>' in tiles
    assert f'id="chart-drawing-{indicator.pk}"' in body  # the drawing the tile shows again
    assert f'href="#indicator-{other.pk}"' in tiles
    assert f"#chart-drawing-{other.pk}" not in tiles  # no value: nothing drawn to show
    assert "Значений пока нет" in tiles
    assert "Цена на муку" in tiles
