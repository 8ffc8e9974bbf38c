"""A log written before content followed the charter's languages, and before the limits added since,
replays and audits sound (docs/ledger.md, "How an act is replayed"): one rule for every app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection

from accord.core.acting import Actor
from accord.core.audit import audit
from accord.core.translations import says_the_same
from accord.decisions import actions as decisions
from accord.ledger.models import Entry
from accord.members import actions as registry
from accord.members.models import Person
from accord_verify import entries


def _older(value: Any) -> Any:
    """A body as the first versions wrote it: a text in one language as a plain string, a text in several
    as `stem_en`, `stem_ru` pairs (git log -S legacy_texts: decisions' titles, meetings' titles and notes,
    members' names, titles and references)."""
    if isinstance(value, list):
        return [_older(item) for item in value]
    if not isinstance(value, dict):
        return value
    written: dict[str, Any] = {}
    for key, inner in value.items():
        if key == "full_name" and isinstance(inner, dict):  # a person's Latin name, and its Russian beside it
            written.update({"full_name": inner.get("en", ""), "full_name_ru": inner.get("ru", "")})
        elif isinstance(inner, dict) and inner and all(isinstance(t, str) and len(c) == 2
                                                       for c, t in inner.items()):
            if len(inner) == 1:
                written[key] = next(iter(inner.values()))
            else:
                written.update({f"{key}_{code}": text for code, text in inner.items()})
        else:
            written[key] = _older(inner)
    return written


def _rewrite_as_older(seq: int | None = None) -> int:
    """Every public, unsigned entry's body rewritten in the older shape (a sealed or signed one is bound to
    its commitment or its signature, as it was logged); how many changed."""
    changed = 0
    rows = Entry.objects.order_by("seq") if seq is None else Entry.objects.filter(seq=seq)
    for entry in rows:
        data = json.loads(entry.data)
        statement = data["statement"]
        if "body" not in statement or data.get("signatures"):
            continue
        older = _older(statement["body"])
        if older == statement["body"]:
            continue
        statement["body"] = older
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                           [entries.canonical(data).decode(), entry.seq])
        changed += 1
    return changed


@pytest.mark.django_db
def test_the_older_shapes_say_the_same_and_nothing_else_does() -> None:
    # No organization yet: the default language is English.
    current = {"title": {"ru": "О бюджете", "en": "On the budget"}, "note": {"en": "A note"}, "body": "CSC"}
    assert says_the_same({"title_ru": "О бюджете", "title_en": "On the budget", "note": "A note", "body": "CSC"},
                         current)
    assert not says_the_same({"title_ru": "О бюджете", "title_en": "On budgets", "note": "A note",
                              "body": "CSC"}, current)
    assert not says_the_same({**current, "title_fr": "Sur le budget"}, current)
    assert not says_the_same({**current, "note": "Another"}, current)
    assert says_the_same({"note": ""}, {"note": {}})
    assert says_the_same({"full_name": "Head", "full_name_ru": "Глава"},
                         {"full_name": {"ru": "Глава", "en": "Head"}})
    assert not says_the_same({"full_name": "Chief", "full_name_ru": "Глава"},
                             {"full_name": {"ru": "Глава", "en": "Head"}})
    assert not says_the_same({"body": "KSC"}, {"body": "CSC"})


def _council() -> None:
    registry.establish_body(actor=Actor.console(), code="CSC", name={
        "ru": "Совет коллективной безопасности", "en": "Collective Security Council"})


def test_a_log_written_before_texts_followed_the_charter_audits_sound(organization: None) -> None:
    console = Actor.console()
    _council()
    proposal = decisions.propose(actor=console, title={"ru": "О бюджете", "en": "On the budget"}, body="CSC",
                                 classification="public")
    decisions.propose(actor=console, title={"ru": "Только по-русски"}, body="CSC", classification="public")
    assert proposal.pk

    rewritten = _rewrite_as_older()

    assert rewritten >= 10
    written = [json.loads(e.data)["statement"]["body"] for e in Entry.objects.filter(type="decisions.proposed")]
    assert {"title_ru": "О бюджете", "title_en": "On the budget"}.items() <= written[-2].items()
    assert written[-1]["title"] == "Только по-русски"
    report = audit()
    assert report.refused is None
    assert report.differences == []


def test_an_act_accepted_before_a_limit_replays_as_it_was_accepted(organization: None) -> None:
    console = Actor.console()
    _council()
    proposal = decisions.propose(actor=console, title={"ru": "О бюджете"}, body="CSC", classification="public")
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="silence",
                             deadline="2099-01-01T00:00:00+00:00")
    head = Actor(person=Person.objects.get(username="arm.head"))
    decisions.lodge_position(actor=head, proposal=proposal.pk, member="ARM", stance="object", reasons="short")
    # Reasons longer than today's limit, as a log from before the limit may hold them, and the state
    # the server built from them then.
    reasons = "x" * (decisions.POSITION_TEXT_LIMIT + 500)
    lodged = Entry.objects.get(type="decisions.position_lodged")
    data = json.loads(lodged.data)
    data["statement"]["body"]["reasons"] = reasons
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                       [entries.canonical(data).decode(), lodged.seq])
        cursor.execute("UPDATE decisions_position SET reasons = %s", [reasons])

    report = audit()

    assert report.refused is None
    assert report.differences == []
