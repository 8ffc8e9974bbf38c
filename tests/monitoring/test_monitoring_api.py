"""The monitoring API: reads as the viewer may see, writes through the actions, errors naming fields."""

from __future__ import annotations

import pytest
from monitoring_world import afghan_direction, call, summit_statements

from accord.ledger.models import Entry
from accord.monitoring.models import Assessment, Following, Theme

pytestmark = pytest.mark.usefixtures("monitoring_organization")

THEME = {"name": {"ru": "Биологическая безопасность", "en": "Biological security"}, "kind": "cross_cutting",
         "classification": "members"}
SUMMARY = {"ru": "Обстановка спокойная", "en": "The situation is calm"}


def test_the_secretariat_configures_a_theme_and_members_read_it() -> None:
    created = call("secretariat", "POST", "/monitoring/themes", THEME)
    assert created.status_code == 201
    theme = created.json()
    assert theme["owner_body"] is None
    assert theme["followers"] == []
    assert [row["id"] for row in call("kaz.head", "GET", "/monitoring/themes").json()] == [theme["id"]]
    assert call(None, "GET", "/monitoring/themes").json() == []
    assert call("observer", "GET", f"/monitoring/themes/{theme['id']}").status_code == 404


@pytest.mark.parametrize(("handle", "payload", "status", "field"), [
    ("kaz.head", {}, 403, "actor"),
    ("secretariat", {"kind": "global"}, 400, "kind"),
    ("secretariat", {"name": {"en": "No Russian"}}, 400, "name.ru"),
    ("secretariat", {"owner_body": "ZZZ"}, 400, "owner_body"),
])
def test_a_refused_theme_names_its_field(handle: str, payload: dict[str, object], status: int, field: str) -> None:
    before = Entry.objects.count()
    answer = call(handle, "POST", "/monitoring/themes", {**THEME, **payload})
    assert answer.status_code == status
    assert answer.json()["errors"][0]["field"] == field
    assert Entry.objects.count() == before
    assert not Theme.objects.exists()


def test_members_follow_report_and_the_detail_gives_them_in_order() -> None:
    theme = afghan_direction()
    followed = call("kaz.head", "POST", f"/monitoring/themes/{theme.pk}/followers", {"member": "KAZ"})
    assert followed.status_code == 201
    assessed = call("secretariat", "POST", f"/monitoring/themes/{theme.pk}/assessments", {
        "author": "owner_body", "level": "elevated", "summary": SUMMARY, "assessed_on": "2022-04-01",
        "sources": "Working group\nJoint Staff"})
    assert assessed.status_code == 201
    assert assessed.json()["sources"] == ["Working group", "Joint Staff"]
    reported = call("kaz.delegate", "POST", f"/monitoring/themes/{theme.pk}/reports", {
        "member": "KAZ", "level": "low", "summary": SUMMARY,
        "provenance": {"fields": {"summary": {"certainty": "reported"}}}})
    assert reported.status_code == 201
    assert reported.json()["provenance"] == {"summary": {"certainty": "reported", "note": {}, "sources": []}}
    assert "certainty" not in reported.json()
    assert reported.json()["level_change"] == "lowered"
    detail = call("kaz.head", "GET", f"/monitoring/themes/{theme.pk}").json()
    assert detail["followers"] == ["KAZ"]
    assert [row["author"] for row in detail["assessments"]] == ["owner_body", "member"]
    assert detail["allowed"] == ["follow", "report", "request_consultations"]
    assert call(None, "GET", f"/monitoring/themes/{theme.pk}").json()["allowed"] == []


def test_a_tagged_statement_reaches_only_those_who_may_see_it() -> None:
    theme = afghan_direction()
    open_statement, closed_statement = summit_statements()
    for said in (open_statement, closed_statement):
        answer = call("secretariat", "POST", f"/monitoring/themes/{theme.pk}/statements", {"statement": said.pk})
        assert answer.status_code == 201
    assert [row["delegation"] for row in call("rus.head", "GET", f"/monitoring/themes/{theme.pk}").json()[
        "statements"]] == ["KAZ", "RUS"]
    public = call(None, "GET", f"/monitoring/themes/{theme.pk}").json()
    assert [row["id"] for row in public["statements"]] == [open_statement.pk]


def test_writes_on_a_hidden_or_missing_theme_are_refused_alike() -> None:
    hidden = afghan_direction("members")
    for pk in (hidden.pk, 987654):
        answer = call("observer", "POST", f"/monitoring/themes/{pk}/followers", {"member": "KAZ"})
        assert answer.status_code == 404
        assert answer.json()["errors"][0]["field"] == "theme"
    refused = call("rus.head", "POST", f"/monitoring/themes/{hidden.pk}/reports",
                   {"member": "KAZ", "level": "low", "summary": SUMMARY})
    assert refused.status_code == 403
    assert call(None, "POST", f"/monitoring/themes/{hidden.pk}/followers", {"member": "KAZ"}).status_code == 401
    assert not Following.objects.exists()
    assert not Assessment.objects.exists()


def test_indicators_are_defined_and_reported_through_the_api_and_hidden_ones_stay_hidden() -> None:
    theme = afghan_direction()
    defined = call("secretariat", "POST", f"/monitoring/themes/{theme.pk}/indicators", {
        "name": {"ru": "Цена на пшеницу"}, "unit": "USD/t", "frequency": "monthly", "reporters": ["KGZ"],
        "warning": "300", "alert": "400", "classification": "members"})
    assert defined.status_code == 201
    pk = defined.json()["id"]
    first = call("kgz.head", "POST", f"/monitoring/indicators/{pk}/values",
                 {"member": "KGZ", "value": "310.5", "as_of": "2022-05-01"})
    assert first.status_code == 201
    fixed = call("kgz.head", "POST", f"/monitoring/indicators/{pk}/values",
                 {"member": "KGZ", "value": "305", "as_of": "2022-05-01", "source": "Stat",
                  "corrects": first.json()["id"]})
    assert fixed.status_code == 201
    detail = call("kaz.head", "GET", f"/monitoring/indicators/{pk}").json()
    assert [row["corrected"] for row in detail["values"]] == [True, False]
    assert call("kaz.head", "GET", f"/monitoring/themes/{theme.pk}").json()["indicators"][0]["id"] == pk
    assert call("observer", "GET", f"/monitoring/themes/{theme.pk}").json()["indicators"] == []
    for handle in (None, "observer"):
        assert call(handle, "GET", f"/monitoring/indicators/{pk}").status_code == 404
    refused = call("kaz.head", "POST", f"/monitoring/indicators/{pk}/values",
                   {"member": "KGZ", "value": "1", "as_of": "2022-05-01"})
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "member"
