"""Sources that disagree on an exercise's days, as data: each claim with its source, the one the organization goes
by marked, on the page ("sources differ: ...; used: ...") in Russian and in the API; only the secretariat records
them, and a refused claim writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from exercises_world import actor, call, planned, signed_in

from accord.core.errors import InvalidInput, NotPermitted
from accord.exercises import actions
from accord.ledger.models import Entry

RECORD = {"ru": "Данные Организации", "en": "The Organization's record"}
PRESS = {"ru": "Пресс-служба", "en": "The press service"}


def test_claims_are_kept_with_their_sources_and_one_is_used(exercises_organization: int) -> None:
    found = planned()
    first = actions.record_date_claim(actor=actor("secretariat"), exercise=found.pk, source=RECORD,
                                      first="2022-09-26", last="2022-10-08", used=True)
    second = actions.record_date_claim(actor=actor("secretariat"), exercise=found.pk, source=PRESS,
                                       first="2022-09-26", last="2022-10-13")
    assert [(claim.pk, claim.used) for claim in found.date_claims.all()] == [(first.pk, True), (second.pk, False)]
    # Marking another as used: the organization goes by one at a time.
    third = actions.record_date_claim(actor=actor("secretariat"), exercise=found.pk, source=PRESS,
                                      first="2022-09-27", last="2022-10-13", used=True)
    assert [claim.pk for claim in found.date_claims.filter(used=True)] == [third.pk]
    html = signed_in("observer", "ru").get(f"/exercises/{found.pk}/").content.decode()
    assert "Источники расходятся:" in html
    claims = html[html.index('class="date-claims"'):html.index("</dd>", html.index('class="date-claims"'))]
    assert "Пресс-служба" in claims
    assert (': <span class="date">27 сентября 2022 г.</span> – <span class="date">13 октября 2022 г.</span>'
            in claims)
    assert "принято Организацией" in html
    answer = call("observer", "GET", f"/exercises/{found.pk}").json()
    assert [(claim["source"]["en"], claim["first"], claim["used"]) for claim in answer["date_claims"]] == [
        ("The Organization's record", "2022-09-26", False), ("The press service", "2022-09-26", False),
        ("The press service", "2022-09-27", True)]


@pytest.mark.parametrize(("handle", "arguments", "error", "field"), [
    ("kgz.head", {}, NotPermitted, "actor"),
    ("secretariat", {"last": "2022-09-01"}, InvalidInput, "last"),
    ("secretariat", {"source": {"en": "Only English"}}, InvalidInput, "source.ru"),
])
def test_a_refused_claim_names_its_field_and_writes_nothing(exercises_organization: int, handle: str,
                                                              arguments: dict[str, Any], error: type[Exception],
                                                              field: str) -> None:
    found = planned()
    before = Entry.objects.count()
    given: dict[str, Any] = {"source": RECORD, "first": "2022-09-26", "last": "2022-10-08", **arguments}
    with pytest.raises(error) as refused:
        actions.record_date_claim(actor=actor(handle), exercise=found.pk, **given)
    assert getattr(refused.value, "field", None) == field
    assert Entry.objects.count() == before
    assert not found.date_claims.exists()


def test_the_secretariat_records_a_claim_through_the_form_and_the_api(exercises_organization: int) -> None:
    found = planned()
    actions.record_held(actor=actor("secretariat"), exercise=found.pk, actual_start="2022-10-10",
                        actual_end="2022-10-14")
    client = signed_in("secretariat")
    assert 'id="record_date_claim-form"' in client.get(f"/exercises/{found.pk}/").content.decode()
    refused = signed_in("secretariat", "ru").post(f"/exercises/{found.pk}/dates/", {
        "source_ru": "Агентство", "first": "2022-10-14", "last": "2022-10-10"})
    assert refused.status_code == 400
    assert 'value="Агентство"' in refused.content.decode()
    assert client.post(f"/exercises/{found.pk}/dates/", {
        "source_ru": "Агентство", "source_en": "An agency", "first": "2022-10-10", "last": "2022-10-15",
        "used": "on"}).status_code == 302
    answer = call("secretariat", "POST", f"/exercises/{found.pk}/dates", {
        "source": {"ru": "Газета"}, "first": "2022-10-11", "last": "2022-10-14"})
    assert answer.status_code == 200
    assert [claim["used"] for claim in answer.json()["date_claims"]] == [True, False]
    assert found.date_claims.get(used=True).first == dt.date(2022, 10, 10)
    host = signed_in("kgz.head").get(f"/exercises/{found.pk}/").content.decode()
    assert 'id="record_date_claim-form"' not in host
