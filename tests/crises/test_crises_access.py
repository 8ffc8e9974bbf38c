"""A request classified for members is invisible to observers and the public everywhere: API, pages,
the ledger's content and live events; outsiders cannot act on it."""

from __future__ import annotations

import pytest
from crises_fixtures import REQUEST, T0, actor, call, page, texts_in

from accord.core.events import Event
from accord.core.history import events_after
from accord.core.policy import ANONYMOUS, viewer_of
from accord.crises import actions
from accord.crises.models import Crisis

SECRET = "armed attacks on public buildings"


@pytest.fixture
def request_filed(organization: None) -> Crisis:
    return actions.file_request(actor=actor("kaz.head"), at=T0, **REQUEST)


@pytest.mark.parametrize("handle", ["kaz.head", "arm.delegate", "secretariat"])
def test_members_and_the_secretariat_see_it(request_filed: Crisis, handle: str) -> None:
    assert [c["id"] for c in call(handle, "GET", "/crises").json()] == [request_filed.pk]
    assert call(handle, "GET", f"/crises/{request_filed.pk}").json()["happened"] == {"ru": REQUEST["happened"]}
    assert SECRET in page(handle, f"/crises/{request_filed.pk}/").content.decode()
    assert REQUEST["area"] in page(handle, "/").content.decode()


@pytest.mark.parametrize("handle", [None, "observer"])
def test_observers_and_the_public_see_nothing_of_it(request_filed: Crisis, handle: str | None) -> None:
    assert call(handle, "GET", "/crises").json() == []
    assert call(handle, "GET", f"/crises/{request_filed.pk}").status_code == 404
    assert call(handle, "GET", "/crises/999999").status_code == 404  # missing looks the same
    for path in (f"/crises/{request_filed.pk}/", f"/crises/{request_filed.pk}/live/"):
        assert page(handle, path).status_code == 404
    for path in ("/", "/crises/", "/crises/open/"):
        body = page(handle, path).content.decode()
        assert SECRET not in body
        assert REQUEST["area"] not in body


def test_its_live_event_reaches_observers_sealed(request_filed: Crisis) -> None:
    event: Event = next(e for e in events_after(-1) if e.type == "crises.request_filed")
    for viewer in (ANONYMOUS, viewer_of(actor("observer").person)):
        data = event.for_viewer(viewer)
        # That a request was filed, and when: not by whom, for which member, or what it says.
        assert set(data) == {"id", "type", "time", "classification", "sealed"}
        assert data["sealed"] is True
    assert event.for_viewer(viewer_of(actor("rus.head").person))["body"]["happened"] == {"ru": REQUEST["happened"]}


def test_a_public_request_is_seen_by_all(organization: None) -> None:
    crisis = actions.file_request(actor=actor("kaz.head"), classification="public", at=T0, **REQUEST)
    assert call(None, "GET", f"/crises/{crisis.pk}").status_code == 200
    assert SECRET in page("observer", f"/crises/{crisis.pk}/").content.decode()


@pytest.mark.parametrize(("handle", "status"), [(None, 401), ("observer", 404), ("secretariat", 403)])
def test_outsiders_cannot_act_on_it(request_filed: Crisis, handle: str | None, status: int) -> None:
    response = call(handle, "POST", f"/crises/{request_filed.pk}/acknowledgements", {})
    assert response.status_code == status
    assert not request_filed.acknowledgements.exists()


@pytest.mark.parametrize(("handle", "status"), [(None, 401), ("observer", 403), ("secretariat", 403)])
def test_outsiders_cannot_file(organization: None, handle: str | None, status: int) -> None:
    assert call(handle, "POST", "/crises", texts_in(REQUEST)).status_code == status
    assert not Crisis.objects.exists()


@pytest.mark.parametrize("handle", [None, "observer", "kaz.head"])
def test_outsiders_cannot_answer_it(request_filed: Crisis, handle: str | None) -> None:
    for path, payload in (("no-response", {"outcome": "declined"}), ("response", {"response": "consultations"})):
        assert call(handle, "POST", f"/crises/{request_filed.pk}/{path}", payload).status_code in (401, 403, 404)
    request_filed.refresh_from_db()
    assert request_filed.outcome == ""
