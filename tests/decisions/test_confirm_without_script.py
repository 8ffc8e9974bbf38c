"""An irreversible act asks first even without script: a POST without `confirmed` answers a page saying what
cannot be undone, with a Confirm button re-posting the same fields under a fresh CSRF token (issue #21)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import reference_org
from decisions_helpers import decisions_actor
from django.test import Client
from django.utils import timezone

from accord.decisions import actions
from accord.decisions.models import Position
from accord.ledger import log

pytestmark = pytest.mark.usefixtures("decisions_org")


@pytest.fixture
def silence() -> int:
    proposal = actions.propose(actor=decisions_actor("arm.delegate"), body="CSC",
                               title={"ru": "О плане учений", "en": "On the exercise plan"}, sponsors=["ARM"]).pk
    actions.open_procedure(actor=decisions_actor("secretariat"), proposal=proposal, kind="silence",
                           deadline=timezone.now() + dt.timedelta(days=2))
    return proposal


def _strict_client(handle: str) -> Client:
    """A browser without script that sends what its pages' forms hold, CSRF checked as in production."""
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=handle, password=reference_org.PASSWORD)
    return client


def _form_fields(page: str, action: str) -> dict[str, list[str]]:
    form = re.search(rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None, f"no form posting to {action}"
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1)):
        fields.setdefault(name, []).append(value)
    return fields


def test_a_position_sent_without_script_is_asked_for_first_and_lodged_once_confirmed(silence: int) -> None:
    client = _strict_client("kaz.delegate")
    page = client.get(f"/decisions/{silence}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    action = f"/decisions/{silence}/position/"
    size = log.size()
    asked = client.post(action, {"csrfmiddlewaretoken": token.group(1), "member": "KAZ", "stance": "abstain"},
                        HTTP_ACCEPT_LANGUAGE="ru")
    assert asked.status_code == 200
    text = asked.content.decode()
    assert "Позиция окончательна" in text  # the form's own sentence, in the reader's language
    assert log.size() == size
    assert not Position.objects.exists()
    fields = _form_fields(text, action)
    assert fields["member"] == ["KAZ"]
    assert fields["stance"] == ["abstain"]
    assert fields["confirmed"] == ["1"]
    assert fields["csrfmiddlewaretoken"]
    done = client.post(action, {name: values[0] for name, values in fields.items()})
    assert done.status_code == 302
    assert Position.objects.get(member_id="KAZ").stance == "abstain"


def test_the_confirmation_page_sends_back_only_to_this_site(silence: int) -> None:
    client = Client()
    assert client.login(username="kaz.delegate", password=reference_org.PASSWORD)
    elsewhere = client.post(f"/decisions/{silence}/close/", {}, HTTP_REFERER="https://evil.example/x")
    assert 'href="/"' in elsewhere.content.decode()
    here = client.post(f"/decisions/{silence}/close/", {}, HTTP_REFERER=f"http://testserver/decisions/{silence}/")
    assert f'href="/decisions/{silence}/"' in here.content.decode()
