"""Issue #16: a crisis's texts in the ledger. An entry written before the texts followed the charter holds one
plain string (the default language's); a new one an object per language. The audit replays both to the
state the database serves, by the one rule for older shapes (docs/ledger.md, "How an act is replayed")."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from crises_fixtures import REQUEST, T0, actor, texts_in
from django.db import connection

from accord.core.audit import audit
from accord.crises import actions
from accord.crises.models import Crisis, Lesson
from accord.ledger.models import Entry
from accord_verify import entries

H = dt.timedelta(hours=1)
FAR = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)  # a mandate's end, after any day the tests run on
MANDATE = {"purpose": "Protect important facilities", "area": "Almaty", "commander": "Commander of the force"}


def _walked(texts: dict[str, str] | None, at: dt.datetime) -> Crisis:
    """A public request to its validated lesson, its texts plain (`texts` None) or as objects per language."""

    def given(values: dict[str, str]) -> dict[str, Any]:
        return dict(values) if texts is None else {name: {**texts, "ru": value} for name, value in values.items()}

    request = given({"happened": REQUEST["happened"], "area": REQUEST["area"], "asks_for": REQUEST["asks_for"]})
    crisis = actions.file_request(actor=actor("kaz.head"), legal_basis="aggression", classification="public",
                                  at=at, **request)
    actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="operation", at=at + H,
                            **given({"note": "Forces sent"}))
    actions.set_mandate(actor=actor("secretariat"), crisis=crisis.pk, ends_at=FAR, commander_body="CMD",
                        requirements={}, **given(MANDATE))
    actions.extend_mandate(actor=actor("secretariat"), crisis=crisis.pk, ends_at=FAR + 30 * 24 * H,
                           **given({"reference": "Protocol decision"}))
    lesson = actions.record_lesson(actor=actor("rus.head"), crisis=crisis.pk, **given({"text": "Airlift early"}))
    actions.validate_lesson(actor=actor("secretariat"), lesson=lesson.pk, text="")
    return crisis


def _body(seq: int) -> Any:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]["body"]


def _as_first_written(first: int) -> None:
    """The entries from `first` on as the code before issue #16 wrote them: a text in the default language
    alone as a plain string (today's actions record an object per language, whatever they are given)."""
    for entry in Entry.objects.filter(seq__gte=first):
        data = json.loads(entry.data)
        body = data["statement"].get("body")
        if body is None or data.get("signatures"):
            continue
        data["statement"]["body"] = {key: value["ru"] if isinstance(value, dict) and list(value) == ["ru"]
                                     else value for key, value in body.items()}
        with connection.cursor() as cursor:
            cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                           [entries.canonical(data).decode(), entry.seq])


def test_plain_texts_of_old_entries_and_objects_of_new_ones_replay_to_the_served_state(organization: None) -> None:
    old = _walked(None, T0)
    _as_first_written(old.entry_seq)
    new = _walked({"en": "In English"}, T0 + 2 * H)
    # The old entry keeps its plain strings; the database reads them as the default language's.
    assert _body(old.entry_seq)["happened"] == REQUEST["happened"]
    assert old.happened == {"ru": REQUEST["happened"]}
    assert _body(new.entry_seq)["happened"] == {"ru": REQUEST["happened"], "en": "In English"}
    mandate_set = Entry.objects.filter(type="crises.mandate_set").order_by("seq")
    assert [json.loads(entry.data)["statement"]["body"]["commander"] for entry in mandate_set] == [
        "Commander of the force", {"ru": "Commander of the force", "en": "In English"}]
    assert Lesson.objects.get(crisis=new).validated_text == {"ru": "Airlift early", "en": "In English"}

    report = audit()

    assert report.sound, (report.refused, report.differences)


def test_a_text_given_as_an_object_is_recorded_as_one(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), classification="public", at=T0, **texts_in(REQUEST))
    assert _body(crisis.entry_seq)["area"] == {"ru": REQUEST["area"]}
