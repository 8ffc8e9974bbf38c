"""The monitoring pages in English, Russian and French: configuring, following, assessing, reporting and
tagging through the forms, refusals beside their fields with nothing written, the live part, and what an
outsider sees."""

from __future__ import annotations

import pytest
from django.test import Client
from monitoring_world import actor, afghan_direction, signed_in, summit_statements

from accord.ledger.models import Entry
from accord.monitoring import actions
from accord.monitoring.models import Assessment, StatementTag, Theme

pytestmark = pytest.mark.usefixtures("monitoring_organization")

THEME = {"name_ru": "Афганское направление", "name_en": "The Afghan direction", "kind": "regional",
         "owner_body": "WGA", "classification": "public"}
ASSESSMENT = {"author": "owner_body", "level": "elevated", "summary_ru": "Напряжённо", "summary_en": "Tense",
              "changes_en": "", "assessed_on": "2022-04-01", "sources": "Working group, 1 April",
              "certainty": "confirmed"}


def test_the_secretariat_configures_a_theme_through_the_form() -> None:
    client = signed_in("secretariat")
    assert 'action="/monitoring/configure/"' in client.get("/monitoring/").content.decode()
    response = client.post("/monitoring/configure/", THEME)
    theme = Theme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/monitoring/{theme.pk}/"
    body = client.get(f"/monitoring/{theme.pk}/").content.decode()
    assert "The Afghan direction" in body
    assert "Working Group on Afghanistan" in body
    assert "Regional direction" in body


def test_a_refused_theme_shows_the_field_in_russian_and_keeps_what_was_typed() -> None:
    before = Entry.objects.count()
    response = signed_in("secretariat", "ru").post("/monitoring/configure/", {**THEME, "name_ru": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "обязательно" in body.lower()
    assert 'value="The Afghan direction"' in body
    assert Entry.objects.count() == before


def test_a_member_is_not_offered_the_theme_form_and_its_post_is_refused() -> None:
    client = signed_in("kaz.head")
    assert 'action="/monitoring/configure/"' not in client.get("/monitoring/").content.decode()
    assert client.post("/monitoring/configure/", THEME).status_code == 403
    assert not Theme.objects.exists()


def test_the_secretariat_assesses_and_a_member_reports_and_the_live_part_shows_what_changed() -> None:
    theme = afghan_direction()
    assert signed_in("secretariat").post(f"/monitoring/{theme.pk}/assessments/", ASSESSMENT).status_code == 302
    client = signed_in("kaz.head")
    page = client.get(f"/monitoring/{theme.pk}/").content.decode()
    assert 'id="report"' in page
    assert 'id="assess"' not in page
    response = client.post(f"/monitoring/{theme.pk}/reports/", {
        **ASSESSMENT, "member": "KAZ", "level": "high", "summary_ru": "Хуже", "changes_en": "Two new groups",
        "assessed_on": "2022-05-16", "sources": "", "certainty": "reported"})
    assert response.status_code == 302
    live = client.get(f"/monitoring/{theme.pk}/live/").content.decode()
    assert "raised from Elevated since the last assessment" in live
    assert "Two new groups" in live
    assert "No source given." in live
    assert "Report of Kazakhstan" in live


def test_a_refused_assessment_names_its_field_in_russian_and_keeps_what_was_typed() -> None:
    theme = afghan_direction()
    response = signed_in("secretariat", "ru").post(f"/monitoring/{theme.pk}/assessments/",
                                                   {**ASSESSMENT, "sources": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "назовите источники подтверждённой оценки" in body
    assert "Напряжённо</textarea>" in body
    assert not Assessment.objects.exists()


def test_a_member_follows_and_the_page_offers_to_stop() -> None:
    theme = afghan_direction()
    client = signed_in("tjk.delegate")
    assert client.post(f"/monitoring/{theme.pk}/follow/", {"member": "TJK", "following": "yes"}).status_code == 302
    page = client.get(f"/monitoring/{theme.pk}/").content.decode()
    assert 'data-member="TJK"' in page
    assert '<option value="no" selected>' in page
    again = client.post(f"/monitoring/{theme.pk}/follow/", {"member": "TJK", "following": "yes"})
    assert again.status_code == 409
    refused = client.post(f"/monitoring/{theme.pk}/follow/", {"member": "RUS", "following": "yes"})
    assert refused.status_code in (400, 403)


def test_the_secretariat_tags_a_statement_and_the_page_lists_what_was_said() -> None:
    theme = afghan_direction()
    open_statement, _closed = summit_statements()
    client = signed_in("secretariat")
    assert f'<option value="{open_statement.pk}">' in client.get(f"/monitoring/{theme.pk}/").content.decode()
    assert client.post(f"/monitoring/{theme.pk}/statements/", {"statement": open_statement.pk}).status_code == 302
    assert StatementTag.objects.filter(statement=open_statement).exists()
    public = signed_in(None).get(f"/monitoring/{theme.pk}/").content.decode()
    assert "Statement of KAZ on the Afghan direction" in public
    assert "Statement of RUS" not in public


def test_the_pages_speak_russian_and_french() -> None:
    theme = afghan_direction()
    actions.report_on_theme(actor=actor("arm.head"), theme=theme.pk, member="ARM", level="low",
                            summary={"ru": "Спокойно"}, sources="A source")
    assert "Мониторинг" in signed_in("arm.head", "ru").get("/monitoring/").content.decode()
    russian = signed_in("arm.head", "ru").get(f"/monitoring/{theme.pk}/").content.decode()
    assert "Оценки и доклады государств-членов" in russian
    french = signed_in("arm.head", "fr").get(f"/monitoring/{theme.pk}/").content.decode()
    assert "Évaluations et rapports des États membres" in french


def test_a_members_only_theme_is_missing_to_the_public_and_an_observer() -> None:
    theme = afghan_direction("members")
    for handle in (None, "observer"):
        client = signed_in(handle)
        assert client.get(f"/monitoring/{theme.pk}/").status_code == 404
        assert client.get(f"/monitoring/{theme.pk}/live/").status_code == 404
        assert client.get("/monitoring/987654/").status_code == 404
        assert "The Afghan direction" not in client.get("/monitoring/").content.decode()
    assert signed_in("kaz.delegate").get(f"/monitoring/{theme.pk}/").status_code == 200


def test_an_anonymous_post_is_sent_to_sign_in_alike_for_a_theme_and_a_missing_one() -> None:
    theme = afghan_direction("members")
    paths = (f"/monitoring/{theme.pk}/follow/", "/monitoring/987654/follow/", f"/monitoring/{theme.pk}/reports/",
             "/monitoring/configure/")
    answers = [Client().post(path, {}) for path in paths]
    assert {answer.status_code for answer in answers} == {303}
    assert len({answer["Location"].split("?")[0] for answer in answers}) == 1
