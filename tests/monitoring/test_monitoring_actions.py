"""The monitoring acts: who may configure a theme, follow it, assess it, report on it and tag a statement to
it; what each refusal names, and that a refused act writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from monitoring_world import AFGHAN, actor, afghan_direction, summit_statements

from accord.core import provenance
from accord.core.acting import Actor
from accord.core.errors import AccordError, Conflict, InvalidInput, NotFound, NotPermitted
from accord.core.policy import viewer_of
from accord.ledger.models import Entry
from accord.members.models import Person
from accord.monitoring import actions, queries
from accord.monitoring.models import Assessment, Following, StatementTag, Theme

pytestmark = pytest.mark.usefixtures("monitoring_organization")

SUMMARY = {"ru": "Вооружённые группировки активны у границы", "en": "Armed groups remain active near the border"}


def _statement(seq: int) -> Any:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]


def test_it_configures_a_theme_with_its_owner_body_and_entry() -> None:
    theme = actions.configure_theme(actor=actor("secretariat"), name=AFGHAN, kind="regional", owner_body="wga")
    statement = _statement(theme.entry_seq)
    assert statement["type"] == "monitoring.theme_configured"
    assert statement["body"]["name"] == AFGHAN
    assert statement["body"]["owner_body"] == "WGA"
    assert theme.owner_body_id == "WGA"


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {}, NotPermitted, "actor"),
    ("secretariat", {"name": {"de": "Thema"}}, InvalidInput, "name.de"),
    ("secretariat", {"kind": "global"}, InvalidInput, "kind"),
    ("secretariat", {"owner_body": "ZZZ"}, InvalidInput, "owner_body"),
    ("secretariat", {"classification": "participants"}, InvalidInput, "classification"),
])
def test_it_refuses_a_theme_naming_the_field(handle: str, arguments: dict[str, object], error: type[AccordError],
                                             field: str) -> None:
    before = Entry.objects.count()
    given: dict[str, object] = {"name": AFGHAN, "kind": "regional", **arguments}
    with pytest.raises(error) as refused:
        actions.configure_theme(actor=actor(handle), **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Theme.objects.exists()


def test_a_member_follows_for_itself_and_may_stop() -> None:
    theme = afghan_direction()
    actions.follow_theme(actor=actor("kaz.delegate"), theme=theme.pk, member="KAZ")
    actions.follow_theme(actor=actor("tjk.head"), theme=theme.pk, member="tjk")
    assert queries.followers(theme) == ["KAZ", "TJK"]
    left = actions.follow_theme(actor=actor("tjk.head"), theme=theme.pk, member="TJK", following=False)
    assert queries.followers(theme) == ["KAZ"]
    assert _statement(left.entry_seq)["body"] == {"theme": theme.pk, "member": "TJK", "following": False}
    assert Following.objects.count() == 3  # every choice stays


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {"member": "RUS"}, NotPermitted, "member"),
    ("observer", {"member": "KAZ"}, NotPermitted, "member"),
    ("secretariat", {"member": "ZZZ"}, InvalidInput, "member"),
    ("kaz.head", {"member": "KAZ", "following": False}, Conflict, "member"),
])
def test_it_refuses_a_following_naming_the_field(handle: str, arguments: dict[str, object],
                                                 error: type[AccordError], field: str) -> None:
    theme = afghan_direction()
    before = Entry.objects.count()
    with pytest.raises(error) as refused:
        actions.follow_theme(actor=actor(handle), theme=theme.pk, **arguments)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Following.objects.exists()


def test_assessments_and_reports_come_in_order_with_what_changed() -> None:
    theme = afghan_direction()
    actions.assess_theme(actor=actor("secretariat"), theme=theme.pk, author="owner_body", level="elevated",
                         summary=SUMMARY, assessed_on="2022-04-01", sources="Working group, meeting of 1 April")
    # Reported, not confirmed (its act's provenance): no source needed.
    with provenance.given({"fields": {"summary": "reported"}}):
        report = actions.report_on_theme(actor=actor("kaz.head"), theme=theme.pk, member="KAZ", level="high",
                                         summary={"ru": "Больше инцидентов"}, changes={"en": "Two new groups"},
                                         assessed_on="2022-05-16")
    actions.assess_theme(actor=actor("secretariat"), theme=theme.pk, author="joint_staff", level="high",
                         summary=SUMMARY, assessed_on="2022-12-09", sources="Joint Staff")
    shown = queries.assessments(theme)
    assert [item.level_change for item in shown] == ["first", "raised", "same"]
    assert [item.assessment.author for item in shown] == ["owner_body", "member", "joint_staff"]
    assert shown[0].sources == ["Working group, meeting of 1 April"]
    statement = _statement(report.entry_seq)
    assert statement["type"] == "monitoring.member_reported"
    assert statement["body"]["member"] == "KAZ"
    assert statement["body"]["changes"] == {"en": "Two new groups"}
    assert Entry.objects.get(seq=report.entry_seq).member == "KAZ"
    assert "certainty" not in statement["body"]
    assert provenance.label(report.entry_seq, "summary") == "reported"


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kaz.head", {}, NotPermitted, "actor"),
    ("secretariat", {"author": "member"}, InvalidInput, "author"),
    ("secretariat", {"level": "severe"}, InvalidInput, "level"),
    ("secretariat", {"summary": {}}, InvalidInput, "summary.ru"),
    ("secretariat", {"assessed_on": "2999-01-01"}, InvalidInput, "assessed_on"),
    ("secretariat", {"sources": ""}, InvalidInput, "sources"),
    ("secretariat", {"provenance": {"fields": {"summary": "sure"}}}, InvalidInput,
     "provenance.fields.summary.certainty"),
    # An assessment confirmed (no mark on its summary) names its sources, whatever else its provenance marks.
    ("secretariat", {"sources": "", "provenance": {"fields": {"level": "uncertain"}}}, InvalidInput, "sources"),
])
def test_it_refuses_an_assessment_naming_the_field(handle: str, arguments: dict[str, object],
                                                   error: type[AccordError], field: str) -> None:
    theme = afghan_direction()
    before = Entry.objects.count()
    given: dict[str, object] = {"author": "secretariat", "level": "low", "summary": SUMMARY,
                                "sources": "A source", **arguments}
    sourced = given.pop("provenance", None)
    with pytest.raises(error) as refused, provenance.given(sourced):  # type: ignore[arg-type]
        actions.assess_theme(actor=actor(handle), theme=theme.pk, **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert Entry.objects.count() == before
    assert not Assessment.objects.exists()


def test_the_owner_body_assesses_only_a_theme_that_has_one() -> None:
    theme = afghan_direction(owner_body="")
    with pytest.raises(InvalidInput) as refused:
        actions.assess_theme(actor=actor("secretariat"), theme=theme.pk, author="owner_body", level="low",
                             summary=SUMMARY, sources="A source")
    assert refused.value.field == "author"


@pytest.mark.parametrize(("handle", "member", "error"), [
    ("secretariat", "KAZ", NotPermitted),  # a member's report is its own
    ("rus.head", "KAZ", NotPermitted),
    ("observer", "KAZ", NotPermitted),
])
def test_only_a_members_own_officials_report_for_it(handle: str, member: str, error: type[AccordError]) -> None:
    theme = afghan_direction()
    with pytest.raises(error) as refused:
        actions.report_on_theme(actor=actor(handle), theme=theme.pk, member=member, level="low", summary=SUMMARY,
                                sources="A source")
    assert refused.value.field == "member"
    assert not Assessment.objects.exists()


def test_a_members_only_theme_is_missing_to_an_observer_and_its_entries_are_sealed() -> None:
    theme = afghan_direction("members")
    for pk in (theme.pk, 987654):
        with pytest.raises(NotFound) as refused:
            actions.follow_theme(actor=actor("observer"), theme=pk, member="KAZ")
        assert refused.value.field == "theme"
    assert Entry.objects.get(seq=theme.entry_seq).classification == "members"
    row = actions.report_on_theme(actor=actor("kaz.head"), theme=theme.pk, member="KAZ", level="low",
                                  summary=SUMMARY, sources="A source")
    assert Entry.objects.get(seq=row.entry_seq).classification == "members"


def test_a_tagged_statement_is_listed_as_its_reader_may_see_it() -> None:
    theme = afghan_direction()
    open_statement, closed_statement = summit_statements()
    for said in (open_statement, closed_statement):
        actions.tag_statement(actor=actor("secretariat"), theme=theme.pk, statement=said.pk)
    closed_tag = StatementTag.objects.get(statement=closed_statement)
    entry = Entry.objects.get(seq=closed_tag.entry_seq)
    assert entry.classification == "participants"  # never more open than the statement
    def seen(handle: str) -> list[int]:
        viewer = viewer_of(Person.objects.get(username=handle))
        return [item.statement.pk for item in queries.statements(viewer, theme)]

    assert seen("rus.head") == [open_statement.pk, closed_statement.pk]
    assert seen("tjk.head") == [open_statement.pk]
    assert seen("observer") == [open_statement.pk]


@pytest.mark.parametrize(("handle", "which", "error", "field"), [
    ("kaz.head", "open", NotPermitted, "actor"),
    ("secretariat", "missing", NotFound, "statement"),
    ("secretariat", "tagged", Conflict, "statement"),
])
def test_it_refuses_a_tag_naming_the_field(handle: str, which: str, error: type[AccordError], field: str) -> None:
    theme = afghan_direction()
    open_statement, _closed = summit_statements()
    actions.tag_statement(actor=Actor.console(), theme=theme.pk, statement=open_statement.pk)
    before = Entry.objects.count()
    pk = 987654 if which == "missing" else open_statement.pk
    with pytest.raises(error) as refused:
        actions.tag_statement(actor=actor(handle), theme=theme.pk, statement=pk)
    assert refused.value.field == field
    assert Entry.objects.count() == before
