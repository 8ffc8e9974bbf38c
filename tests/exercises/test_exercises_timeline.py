"""The drawn participation timeline on an exercise's page and across the year on the list, read in Russian as SVG
reads its numbers, with the table a screen reader is offered."""

from __future__ import annotations

from exercises_world import actor, planned, signed_in
from svg_numbers import svg_numbers, unreadable_svg_numbers

from accord.core import clock
from accord.exercises import actions


def _held_with_members() -> int:
    found = planned()
    secretariat = actor("secretariat")
    actions.declare_participation(actor=actor("kaz.head"), exercise=found.pk, member="KAZ",
                                  participation="confirmed", units=1, personnel=150, on="2022-10-01")
    actions.declare_participation(actor=actor("rus.delegate"), exercise=found.pk, member="RUS",
                                  participation="pledged", units=2, on="2022-10-01")
    actions.declare_participation(actor=actor("arm.head"), exercise=found.pk, member="ARM",
                                  participation="not_participating", reason="The border", on="2022-10-01")
    actions.record_held(actor=secretariat, exercise=found.pk, actual_start="2022-10-11", actual_end="2022-10-14")
    return found.pk


def test_the_exercise_page_draws_each_member_planned_hollow_and_held_filled(exercises_organization: int) -> None:
    pk = _held_with_members()
    html = signed_in("arm.head", "ru").get(f"/exercises/{pk}/").content.decode()
    assert 'class="exercise-timeline"' in html
    assert unreadable_svg_numbers(html) == []
    assert any("." in value for _, _, value in svg_numbers(html)), "no fractional position drawn"
    start = html.index('class="exercise-timeline"')
    timeline = html[start:html.index("</svg>", start)]
    rows = {part.split('"')[0]: part for part in timeline.split('data-member="')[1:]}
    # The host and the member that confirmed went: planned and held; a pledge alone is planned only.
    for code in ("KGZ", "KAZ"):
        assert "timeline-planned" in rows[code]
        assert "timeline-actual" in rows[code]
    assert "timeline-planned" in rows["RUS"]
    assert "timeline-actual" not in rows["RUS"]
    assert "не участвует" in rows["ARM"]
    assert "timeline-planned" not in rows["ARM"]
    assert "Временная шкала в виде таблицы" in html  # the text alternative, in Russian


def test_the_list_draws_the_year_per_member_state_with_a_cancelled_exercise_dashed(
        exercises_organization: int) -> None:
    _held_with_members()
    later = planned(name={"ru": "Рубеж-2022", "en": "Rubezh-2022"}, host="TJK", ground="Kharbmaidon",
                    planned_start="2022-11-01", planned_end="2022-11-05")
    actions.cancel_exercise(actor=actor("tjk.head"), exercise=later.pk, reason="Border", on=clock.today())
    html = signed_in("observer", "fr").get("/exercises/").content.decode()
    assert 'id="year-timeline-2022-title"' in html
    assert "timeline-planned--cancelled" in html
    assert unreadable_svg_numbers(html) == []
    assert html.count('class="timeline-tick sync-tick"') == 12
