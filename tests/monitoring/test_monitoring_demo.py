"""The demo's themes: the seed's concerns with the two standing bodies and their 2022 meetings, the summit's
statements tagged to them, and nothing the scenario does not give."""

from __future__ import annotations

import re

from monitoring_world import call, page

from accord.core import provenance
from accord.demo.loader import load_demo
from accord.meetings.models import Session
from accord.monitoring.models import Assessment, Consultation, Following, Indicator, StatementTag, Theme, Value


def test_the_demo_holds_the_seeds_themes_with_their_statements_and_no_invented_facts(db: None) -> None:
    load_demo()
    owners = {theme.name["en"]: theme.owner_body_id for theme in Theme.objects.all()}
    assert owners["The Afghan direction"] == "WGA"
    assert owners["Biological security"] == "CCBS"
    assert sorted(str(day) for day in Session.objects.filter(body__in=["WGA", "CCBS"])
                  .values_list("starts_on", flat=True)) == ["2022-04-01", "2022-12-09", "2022-12-15"]
    tagged = {(tag.theme.name["en"], tag.statement.delegation_id, tag.statement.part.is_open)
              for tag in StatementTag.objects.select_related("theme", "statement__part")}
    assert ("The Afghan direction", "KAZ", True) in tagged
    assert ("The economic effects of sanctions; food and energy security", "KGZ", True) in tagged
    assert ("The East European direction: NATO's enlargement", "RUS", False) in tagged
    # Each of the six heads' statements in the open part is read under a theme.
    assert {code for _theme, code, is_open in tagged if is_open} == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert not Assessment.objects.exists()
    assert not Following.objects.exists()
    assert Indicator.objects.count() == 2
    assert not Indicator.objects.filter(warning__isnull=False).exists()
    consultations = {row.member_id: row for row in Consultation.objects.all()}
    assert (consultations["KGZ"].kind, consultations["KGZ"].status) == ("proposal", "requested")
    assert str(consultations["KGZ"].requested_on) == "2022-05-16"
    armenia = consultations["ARM"]
    assert (armenia.kind, armenia.outcome) == ("request", "no_joint_statement")
    assert provenance.label(armenia.entry_seq, "requested_on") == "uncertain"
    assert [step.step for step in armenia.steps.all()] == ["requested", "concluded"]
    shown = page(None, f"/monitoring/consultations/{armenia.pk}/").content.decode()
    assert "Ended without a joint statement" in shown
    assert "not established" in shown
    # The day's certainty is the act's provenance, shown by the core mark with its note, and only by it.
    assert shown.count("certainty certainty--uncertain") == 1
    assert "certainty__label" in shown
    assert "Only the month is established (May 2021)" in shown
    assert not Value.objects.exists()
    assert len(call(None, "GET", "/monitoring/themes").json()) == 5
    [east] = [theme for theme in Theme.objects.all() if theme.name["en"].startswith("The East European")]
    public = page(None, f"/monitoring/{east.pk}/").content.decode()
    assert "No assessment or report on this theme yet." in public
    # What the theme has none of is said one line each, together: no card whose only content is "none".
    assert public.count('class="card theme-empty"') == 1
    assert 'id="assessments-heading"' not in public
    assert not re.search(r'<section class="card"[^>]*>\s*<h2[^>]*>[^<]*</h2>\s*<p class="empty', public)
    assert "Alexander Lukashenko" in public
    assert "cause a response" not in public  # Russia's statement in the closed part stays closed
    assert "cause a response" in page("rus.head", f"/monitoring/{east.pk}/").content.decode()
    [sanctions] = [theme for theme in Theme.objects.all() if theme.name["en"].startswith("The economic")]
    body = page("observer", f"/monitoring/{sanctions.pk}/").content.decode()
    assert body.count("No value has been reported for this indicator.") == 2
