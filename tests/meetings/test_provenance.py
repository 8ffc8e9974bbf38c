"""Provenance on acts (accord.core.provenance): carried in the entry, kept beside, annotated later by the
secretariat, replayed, shown beside the value on pages, in the API and on the calendar."""

from __future__ import annotations

import json
from pathlib import Path

import meetings_world as w
import pytest
from django.template import Context, Template
from pytest_django import Settings

from accord.core import provenance
from accord.core.acting import Actor
from accord.core.actions import annotate
from accord.core.audit import audit
from accord.core.errors import InvalidInput, NotFound, NotPermitted
from accord.core.models import Provenance
from accord.ledger.models import Entry
from accord.meetings import actions
from accord.meetings.models import Bilateral
from accord.members.models import Person

SLOT = {"fields": {"starts_at": {"certainty": "illustrative",
                                 "note": {"en": "The time is not established.", "ru": "Время не установлено."}}},
        "sources": [{"title": "The seed article", "fields": ["counterpart"]}]}


def _illustrative_bilateral() -> Bilateral:
    with provenance.given(SLOT):
        return actions.request_bilateral(actor=Actor.console(), session=_summit(), requester="RUS",
                                         counterpart="TJK", starts_at="2022-05-16T15:00:00+00:00",
                                         ends_at="2022-05-16T15:30:00+00:00",
                                         place={"ru": "Кремль", "en": "Kremlin"})


def _summit() -> int:
    return Bilateral.objects.order_by("pk").first().session_id  # type: ignore[union-attr]


def test_it_refuses_a_malformed_provenance_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as bad:
        provenance.normalized({"fields": {"at": "probably"}})
    assert bad.value.field == "provenance.fields.at.certainty"
    with pytest.raises(InvalidInput) as link:
        provenance.normalized({"sources": [{"title": "T", "link": "javascript:alert(1)"}]})
    assert link.value.field == "provenance.sources.0.link"
    with pytest.raises(InvalidInput):
        provenance.normalized({"sources": [{"publisher": "no title"}]})
    kept = provenance.normalized({"sources": [{"title": "A", "fields": ["personnel"], "value": "70"},
                                              {"title": "B", "fields": ["personnel"]}]})
    assert kept["fields"] == {"personnel": {"certainty": "confirmed"}}
    assert [s["title"] for s in kept["sources"]] == ["A", "B"]  # conflicting sources side by side


@pytest.mark.usefixtures("before_the_summit")
def test_an_act_carries_its_provenance_in_its_entry_and_pages_mark_the_value(
        world: w.World, login: w.SignIn) -> None:
    meeting = _illustrative_bilateral()
    logged = json.loads(Entry.objects.get(seq=meeting.entry_seq).data)
    assert logged["statement"]["body"]["provenance"]["fields"]["starts_at"]["certainty"] == "illustrative"
    assert provenance.of_entry(meeting.entry_seq)["starts_at"].marked
    page = login(None).get(f"/meetings/sessions/{world.summit}/bilaterals/").content.decode()
    assert '· <span class="certainty__label" tabindex="0">illustrative</span>' in page
    assert "The time is not established." in page
    assert "<cite>The seed article</cite>" in page
    russian = login(None)
    russian.cookies["django_language"] = "ru"
    in_russian = russian.get(f"/meetings/sessions/{world.summit}/bilaterals/").content.decode()
    assert 'tabindex="0">условно</span>' in in_russian
    answer = login(None).get(f"/api/v1/meetings/bilaterals?session={world.summit}").json()
    shown = next(b for b in answer if b["id"] == meeting.pk)
    assert shown["provenance"]["starts_at"]["certainty"] == "illustrative"
    assert shown["provenance"]["counterpart"]["sources"][0]["title"] == "The seed article"


@pytest.mark.usefixtures("before_the_summit")
def test_the_secretariat_annotates_a_recorded_act_as_restricted_as_it(world: w.World, login: w.SignIn) -> None:
    secret = Bilateral.objects.get(pk=world.secret_bilateral)
    given = {"entry": secret.entry_seq, "provenance": {
        "fields": {"starts_at": {"certainty": "reported"}},
        "sources": [{"title": "Agency report", "date": "2022-05-16", "fields": ["starts_at"], "value": "14:15"}]}}
    refused = login("kaz.delegate").post("/api/v1/provenance", given, content_type="application/json")
    assert refused.status_code in (403, 404)
    made = login("secretariat").post("/api/v1/provenance", given, content_type="application/json")
    assert made.status_code == 201, made.content
    assert Entry.objects.get(seq=made.json()["seq"]).classification == "participants"
    assert login(None).get(f"/api/v1/provenance/{secret.entry_seq}").status_code == 404
    seen = login("secretariat").get(f"/api/v1/provenance/{secret.entry_seq}").json()
    assert seen["fields"]["starts_at"]["certainty"] == "reported"
    assert seen["fields"]["starts_at"]["sources"][0]["value"] == "14:15"
    bad = login("secretariat").post("/api/v1/provenance", {"entry": secret.entry_seq, "provenance": {
        "fields": {"starts_at": {"certainty": "likely"}}}}, content_type="application/json")
    assert bad.status_code == 400
    assert "certainty" in bad.json()["errors"][0]["field"]


def test_only_the_secretariat_annotates_and_a_hidden_entry_is_missing(world: w.World) -> None:
    secret = Bilateral.objects.get(pk=world.secret_bilateral)
    delegate = Actor(person=Person.objects.get(username="kaz.delegate"))
    with pytest.raises(NotPermitted):
        annotate(actor=delegate, entry=Entry.objects.filter(classification="public").first().seq,  # type: ignore[union-attr]
                 sources={"fields": {"place": "reported"}})
    outsider = Actor(person=Person.objects.get(username="arm.delegate"))
    with pytest.raises(NotFound):
        annotate(actor=outsider, entry=secret.entry_seq, sources={"fields": {"place": "reported"}})


@pytest.mark.usefixtures("before_the_summit")
def test_the_calendar_and_the_tag_mark_an_illustrative_slot(world: w.World) -> None:
    meeting = _illustrative_bilateral()
    assert provenance.mark(meeting.entry_seq, "starts_at") == "illustrative: The time is not established."
    printed = Template('{% load provenance %}{% certainty b "starts_at" "print" %}').render(
        Context({"b": meeting}))
    assert "· illustrative (The time is not established.)" in printed
    confirmed = Template('{% load provenance %}[{% certainty b "place" %}]').render(Context({"b": meeting}))
    assert confirmed == "[]"


@pytest.mark.usefixtures("before_the_summit")
def test_the_replay_rebuilds_provenance_and_annotations(
        world: w.World, settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    meeting = _illustrative_bilateral()
    annotate(actor=Actor.console(), entry=meeting.entry_seq,
             sources={"sources": [{"title": "Kremlin press release", "fields": ["place"]}]})
    report = audit()
    assert report.refused is None
    assert report.differences == []


def test_the_public_sees_a_closed_parts_announced_topic_and_public_report_never_its_content(
        world: w.World, login: w.SignIn) -> None:
    path = f"/api/v1/meetings/parts/{world.closed_part}/published"
    given = {"topic": {"en": "Regional security", "ru": "Региональная безопасность"},
             "reported": {"en": "Said to have discussed the border.", "ru": "По сообщениям, обсуждали границу."},
             "provenance": {"fields": {"reported": {"certainty": "reported"}},
                            "sources": [{"title": "Agency wire", "fields": ["reported"]}]}}
    assert login("kaz.delegate").post(path, given, content_type="application/json").status_code in (403, 404)
    made = login("secretariat").post(path, given, content_type="application/json")
    assert made.status_code == 201, made.content
    public = login(None).get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert "Regional security" in public
    assert "Said to have discussed the border." in public
    assert 'tabindex="0">reported</span>' in public
    assert w.CLOSED_TEXT not in public
    answer = login(None).get(f"/api/v1/meetings/sessions/{world.summit}").json()
    closed = next(p for p in answer["parts"] if p["id"] == world.closed_part)
    assert closed["announced_topic"]["en"] == "Regional security"
    assert closed["provenance"]["reported"]["sources"][0]["title"] == "Agency wire"
    assert closed["statements"] == []
    opened = login("secretariat").post(f"/api/v1/meetings/parts/{world.open_part}/published", given,
                                       content_type="application/json")
    assert opened.status_code == 400
    assert opened.json()["errors"][0]["field"] == "part"


@pytest.mark.usefixtures("before_the_summit")
def test_the_annotation_form_offers_the_acts_own_fields_by_their_labels(world: w.World, login: w.SignIn) -> None:
    meeting = _illustrative_bilateral()
    path = f"/ledger/{meeting.entry_seq}/"
    client = login("secretariat")
    page = client.get(path).content.decode()
    # The act's own fields, each by its label on the meetings' forms and its name in the entry.
    for name in ("place", "starts_at", "session", "counterpart"):
        assert f'<option value="{name}">' in page, name
    assert "(starts_at)</option>" in page
    before = Entry.objects.count()
    # A field the act does not have is refused by the form (the server checks the name again).
    refused = client.post(path + "annotate/", {"field": "secret_field", "certainty": "reported"})
    assert refused.status_code == 400
    assert Entry.objects.count() == before
    made = client.post(path + "annotate/", {"field": "place", "certainty": "reported",
                                            "source_title": "Kremlin press release"})
    assert made.status_code == 302
    kept = Provenance.objects.filter(entry_seq=meeting.entry_seq).order_by("recorded_seq").last()
    assert kept is not None
    assert kept.data == {"fields": {"place": {"certainty": "reported"}},
                         "sources": [{"title": "Kremlin press release", "fields": ["place"]}]}


def test_the_console_publishes_what_may_be_known_of_a_closed_part_with_its_source(
        world: w.World, login: w.SignIn) -> None:
    client = login("secretariat")
    console = f"/meetings/sessions/{world.summit}/console/"
    page = client.get(console).content.decode()
    assert 'id="publish"' in page
    assert f'<option value="{world.closed_part}">' in page
    assert f'<option value="{world.open_part}">' not in page  # an open part is public already
    client.cookies["django_language"] = "ru"
    russian = client.get(console).content.decode()
    client.cookies["django_language"] = "en"
    assert "Что может быть известно о закрытой части" in russian
    assert "а запись самой части остаётся у её участников" in russian
    before = Entry.objects.count()
    refused = client.post(console + "publish/", {"part": world.closed_part, "certainty": "reported",
                                                 "source_title": "Agency wire"})
    assert refused.status_code == 400
    assert "give the announced topic, or what was reported publicly, or both" in refused.content.decode()
    assert 'value="Agency wire"' in refused.content.decode()
    assert Entry.objects.count() == before
    made = client.post(console + "publish/", {
        "part": world.closed_part, "topic_en": "Regional security", "topic_ru": "Региональная безопасность",
        "reported_en": "Said to have discussed the border.", "reported_ru": "По сообщениям, обсуждали границу.",
        "certainty": "reported", "source_title": "Agency wire", "source_date": "2022-05-16"})
    assert made.status_code == 302
    public = login(None).get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert "Regional security" in public
    assert "Said to have discussed the border." in public
    assert 'tabindex="0">reported</span>' in public
    assert w.CLOSED_TEXT not in public
    closed = next(p for p in login(None).get(f"/api/v1/meetings/sessions/{world.summit}").json()["parts"]
                  if p["id"] == world.closed_part)
    source = closed["provenance"]["reported"]["sources"][0]
    assert (source["title"], source["date"], source["fields"]) == ("Agency wire", "2022-05-16", ["reported"])
    assert closed["provenance"]["reported"]["certainty"] == "reported"
