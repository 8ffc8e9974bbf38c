"""Situation reports, letters to the UN Security Council in English and Russian, the after-action review."""

from __future__ import annotations

import datetime as dt

import pytest
from crises_fixtures import T0, actor, call, page
from test_crises_deployment import H, accepted, move, operation

from accord.core.errors import Conflict, InvalidInput, NotPermitted
from accord.crises import actions


def test_reports_are_numbered_and_the_latest_picture_shows_each_source(organization: None) -> None:
    crisis = operation()
    accepted(crisis, "RUS")
    first = actions.file_situation_report(actor=actor("secretariat"), crisis=crisis.pk, from_commander=True,
                                          text="Forces arriving", at=T0 + 20 * H)
    second = actions.file_situation_report(actor=actor("rus.delegate"), crisis=crisis.pk, text="Sites guarded",
                                           at=T0 + 30 * H)
    third = actions.file_situation_report(actor=actor("secretariat"), crisis=crisis.pk, from_commander=True,
                                          text="Situation stable", at=T0 + 40 * H)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    with pytest.raises(NotPermitted):
        actions.file_situation_report(actor=actor("blr.head"), crisis=crisis.pk, text="Not ours")
    with pytest.raises(InvalidInput):
        actions.file_situation_report(actor=actor("rus.head"), crisis=crisis.pk, text=" ")
    body = page("arm.head", f"/crises/{crisis.pk}/live/").content.decode()
    assert "Situation stable" in body
    assert "Sites guarded" in body
    assert body.index("Situation stable") < body.index("Sites guarded")


def test_the_letter_says_what_the_acts_record_in_each_language_and_is_recorded_when_sent(
        organization: None) -> None:
    crisis = operation()
    accepted(crisis, "RUS")
    accepted(crisis, "ARM", "transport_aircraft")
    draft = call("secretariat", "GET", f"/crises/{crisis.pk}/letters/notification").json()
    for fragment in ("Kazakhstan requested assistance", "CSC decision", "Assistance against aggression",
                     "Protect important facilities", "Armenia, Russia", "until 4 February 2022"):
        assert fragment in draft["text"]["en"]
    for fragment in ("Казахстан", "Помощь в отражении агрессии", "Армения, Российская Федерация",
                     "по 4 февраля 2022 г.", "Срок: с 6 января 2022 г."):
        assert fragment in draft["text"]["ru"]
    assert list(draft["text"]) == ["ru", "en"]  # the organization's languages, its default first
    english = call("secretariat", "GET", f"/crises/{crisis.pk}/letters/notification?lang=en").json()
    assert english["text"] == {"en": draft["text"]["en"]}
    sent = actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification",
                                      reference="S/2022/0000")
    assert sent.text == draft["text"]
    with pytest.raises(Conflict):
        actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="completion")
    with pytest.raises(NotPermitted):
        actions.record_letter_sent(actor=actor("kaz.head"), crisis=crisis.pk, kind="report")
    assert "S/2022/0000" in page("rus.head", f"/crises/{crisis.pk}/live/").content.decode()
    letter_page = page("secretariat", f"/crises/{crisis.pk}/letters/report/").content.decode()
    assert 'lang="ru"' in letter_page
    assert "Russian" in letter_page


def test_no_letter_before_the_decision(organization: None) -> None:
    crisis = operation(decided=False)
    with pytest.raises(Conflict):
        actions.record_letter_sent(actor=actor("secretariat"), crisis=crisis.pk, kind="notification")


def test_the_review_is_computed_from_the_acts_and_lessons_go_raw_then_validated(organization: None) -> None:
    crisis = operation()
    actions.acknowledge_request(actor=actor("rus.head"), crisis=crisis.pk, at=T0 + dt.timedelta(minutes=30))
    russia = accepted(crisis, "RUS")
    move(russia, "rus.head", ("alerted", 11), ("authorized", 12), ("departed", 13), ("arrived", 16),
         ("operational", 18))
    review = call("arm.head", "GET", f"/crises/{crisis.pk}/review").json()
    assert review["to_decision_seconds"] == 12 * 3600
    assert review["to_first_arrival_seconds"] == 16 * 3600
    assert review["to_full_capability_seconds"] == 18 * 3600
    assert review["to_withdrawal_seconds"] is None
    assert review["acknowledgement_seconds"] == {"RUS": 1800}
    raw = actions.record_lesson(actor=actor("rus.delegate"), crisis=crisis.pk, text="airlift slots late")
    with pytest.raises(NotPermitted):
        actions.validate_lesson(actor=actor("rus.head"), lesson=raw.pk)
    with pytest.raises(NotPermitted):
        actions.record_lesson(actor=actor("observer"), crisis=crisis.pk, text="x")
    done = actions.validate_lesson(actor=actor("secretariat"), lesson=raw.pk,
                                   text="Airlift slots are to be agreed before the decision")
    assert done.validated
    body = page("kaz.head", f"/crises/{crisis.pk}/live/").content.decode()
    assert "Airlift slots are to be agreed" in body
    assert "airlift slots late" in body


@pytest.mark.parametrize("handle", [None, "observer"])
def test_outsiders_get_nothing_of_reports_letters_or_review(organization: None, handle: str | None) -> None:
    crisis = operation()
    for path in ("letters/notification", "review"):
        assert call(handle, "GET", f"/crises/{crisis.pk}/{path}").status_code == 404
    assert page(handle, f"/crises/{crisis.pk}/letters/notification/").status_code == 404
    for path, payload in (("reports", {"text": {"ru": "x"}}), ("letters", {"kind": "notification"}),
                          ("lessons", {"text": {"ru": "x"}})):
        assert call(handle, "POST", f"/crises/{crisis.pk}/{path}", payload).status_code in (401, 404)
    assert not crisis.reports.exists()
    assert not crisis.lessons.exists()


def test_each_letter_gives_the_mandate_and_the_latest_report_in_its_own_language(organization: None) -> None:
    from accord.core.translations import Texts
    from accord.crises import letters

    facts = letters.Facts(
        organization=Texts({"ru": "Организация", "en": "Organization"}), requester=Texts({"ru": "Казахстан",
                                                                                         "en": "Kazakhstan"}),
        requested_at=T0, legal_basis="aggression", purpose=Texts({"ru": "Охрана объектов", "en": "Protect sites"}),
        area=Texts({"ru": "Алматы"}), decision_identifier="CSC decision", decision_at=T0, ends_at=None,
        latest_number=2, latest_report=Texts({"ru": "Обстановка стабильна", "en": "Situation stable"}))
    notification, report = (letters.compose(kind, facts, ["ru", "en"]) for kind in ("notification", "report"))
    assert "Охрана объектов" in notification["ru"]
    assert "Protect sites" in notification["en"]
    assert "Protect sites" not in notification["ru"]
    assert "Алматы" in notification["en"]  # no English text of the area: the default language's
    assert "Обстановка стабильна" in report["ru"]
    assert "Situation stable" in report["en"]
