"""An indicator's part of a theme's page is kept between views (accord.monitoring.views.indicator_views): what
changes it shows at once, a value reported, a value's sources recorded, a member renamed, while a value of another
indicator redraws that one alone and an act of another kind (a session's) redraws none."""

from __future__ import annotations

import pytest
from monitoring_world import actor, afghan_direction, signed_in, summit_statements

from accord.core import actions as core
from accord.core.acting import Actor
from accord.members import actions as registry
from accord.monitoring import actions, views
from accord.monitoring.models import Indicator

pytestmark = pytest.mark.usefixtures("monitoring_organization")


def _indicator() -> Indicator:
    theme = afghan_direction()
    return actions.define_indicator(actor=actor("secretariat"), theme=theme.pk,
                                    name={"ru": "Цена на пшеницу", "en": "Price of wheat"}, unit="USD/t",
                                    frequency="monthly", reporters=["KGZ"], warning="300", alert="400")


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The indicators whose part was drawn, in order: a view that draws none used what was kept."""
    calls: list[int] = []
    draw = views._indicator_html

    def counted(found, row, names, marked):  # type: ignore[no-untyped-def]
        calls.append(row.pk)
        return draw(found, row, names, marked)

    monkeypatch.setattr(views, "_indicator_html", counted)
    return calls


def test_a_value_reported_after_a_view_shows_at_the_next(drawn: list[int]) -> None:
    indicator = _indicator()
    client = signed_in("observer")
    page = f"/monitoring/{indicator.theme_id}/"
    assert "31.5" not in client.get(page).content.decode()
    actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="31.5",
                         as_of="2022-04-01", source="Statistics")
    assert "31.5" in client.get(page).content.decode()
    assert drawn == [indicator.pk, indicator.pk]


def test_sources_recorded_for_a_value_change_its_mark_at_the_next_view(drawn: list[int]) -> None:
    indicator = _indicator()
    value = actions.report_value(actor=actor("kgz.head"), indicator=indicator.pk, member="KGZ", value="31.5",
                                 as_of="2022-04-01", source="Statistics")
    client = signed_in("observer")
    page = f"/monitoring/{indicator.theme_id}/"
    assert 'class="note illustrative"' not in client.get(page).content.decode()
    core.annotate(actor=Actor.console(), entry=value.entry_seq, sources={"fields": {"value": "illustrative"}})
    assert 'class="note illustrative"' in client.get(page).content.decode()


def test_a_member_renamed_is_named_anew_at_the_next_view(drawn: list[int]) -> None:
    indicator = _indicator()
    client = signed_in("observer")
    page = f"/monitoring/{indicator.theme_id}/"
    client.get(page)
    registry.set_official_name(actor=Actor.console(), member="KGZ", name={"en": "Kirghizia"})
    assert "Kirghizia" in client.get(page).content.decode()
    assert drawn == [indicator.pk, indicator.pk]


def test_an_act_of_another_kind_leaves_the_part_kept(drawn: list[int]) -> None:
    indicator = _indicator()
    client = signed_in("observer")
    page = f"/monitoring/{indicator.theme_id}/"
    first = client.get(page).content.decode()
    summit_statements()  # a session convened, opened, its statements delivered: acts of the meetings
    assert client.get(page).content.decode().count("Price of wheat") == first.count("Price of wheat")
    assert drawn == [indicator.pk]


def test_a_value_of_another_indicator_redraws_that_indicator_alone(drawn: list[int]) -> None:
    indicator = _indicator()
    other = actions.define_indicator(actor=actor("secretariat"), theme=indicator.theme_id,
                                     name={"ru": "Цена на муку", "en": "Price of flour"}, unit="USD/t",
                                     frequency="monthly", reporters=["KGZ"])
    client = signed_in("observer")
    page = f"/monitoring/{indicator.theme_id}/"
    client.get(page)
    actions.report_value(actor=actor("kgz.head"), indicator=other.pk, member="KGZ", value="27.25",
                         as_of="2022-04-01", source="Statistics")
    assert "27.25" in client.get(page).content.decode()
    assert drawn == [indicator.pk, other.pk, other.pk]
