"""The documents' policies: an adopted document takes no decision on its amendments, history is dated
no later than today, and the page offers a form exactly where the action would take it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import documents_org as org
import pytest
from django.test import Client
from django.utils import timezone
from nacl.signing import SigningKey

from accord.core.errors import AccordError, Conflict, InvalidInput, NotFound
from accord.documents import actions, signing
from accord.ledger import log
from accord_verify import entries


def refused(act: Any, error: type[AccordError], field: str) -> None:
    before = log.size()
    with pytest.raises(error) as caught:
        act()
    assert caught.value.field == field
    assert log.size() == before


def test_it_takes_no_rejection_of_an_amendment_once_the_document_is_adopted(
        head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    amendment = actions.propose_amendment(actor=org.person("kaz.delegate"), document=document, version=1,
                                          language="ru", paragraph=1, text="Новый текст.")
    actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                          decision=org.decision("Joint statement"), adopted_on="2022-05-16")
    refused(lambda: actions.reject_amendment(actor=org.person("secretariat"), amendment=amendment.pk),
            Conflict, "document")


def test_it_refuses_an_adoption_a_signature_or_a_step_dated_after_today(
        head_keys: dict[str, SigningKey]) -> None:
    tomorrow = (timezone.now().date() + dt.timedelta(days=1)).isoformat()
    document = org.statement()
    decision = org.decision("Joint statement")
    refused(lambda: actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                          decision=decision, adopted_on="9999-12-31"), InvalidInput, "adopted_on")
    document, digest = org.adopted_statement()
    key = head_keys["KAZ"]
    key_id = entries.key_id_of(bytes(key.verify_key))
    refused(lambda: actions.sign_document(
        actor=org.person("kaz.head"), document=document, version=1, key_id=key_id,
        signature=signing.sign_hash(key, digest), signed_on=tomorrow, place="Moscow"), InvalidInput, "signed_on")
    treaty = org.statement(kind="agreement", force_rule="after_instruments", force_count=2)
    refused(lambda: actions.record_step(actor=org.person("secretariat"), document=treaty, member="KAZ",
                                        kind="ratification", on="9999-12-31"), InvalidInput, "on")
    # The member's real instrument is not blocked.
    actions.record_step(actor=org.person("secretariat"), document=treaty, member="KAZ", kind="ratification",
                        on=timezone.now().date().isoformat())


def test_an_amendment_to_a_document_one_may_not_see_is_as_missing(head_keys: dict[str, SigningKey]) -> None:
    closed = actions.create_document(actor=org.person("kaz.delegate"), kind="joint_statement",
                                     title={"ru": "Между нами", "en": "Between us"}, texts={"ru": org.TEXT_RU},
                                     authentic=["ru"], classification="participants", audience=["KAZ", "RUS"])
    hidden = actions.propose_amendment(actor=org.person("rus.delegate"), document=closed.pk, version=1,
                                       language="ru", paragraph=1, text="Новый текст.")
    answers = []
    for amendment in (hidden.pk, 999_999):
        for act in (actions.accept_amendment, actions.reject_amendment):
            with pytest.raises(NotFound) as caught:
                act(actor=org.person("secretariat"), amendment=amendment)
            answers.append(caught.value.as_dict())
    assert all(answer == answers[0] for answer in answers)


def _page(login: Any, username: str, document: int) -> str:
    client: Client = login(username)
    return client.get(f"/documents/{document}/").content.decode()


def test_the_page_offers_only_what_the_actions_accept(login: Any, head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    amendment = actions.propose_amendment(actor=org.person("kaz.delegate"), document=document, version=1,
                                          language="ru", paragraph=1, text="Новый текст.")
    secretariat = _page(login, "secretariat", document)
    for form in ('id="amend"', 'id="version"', 'id="adopt"', 'id="notify"', f'id="amendment-{amendment.pk}"'):
        assert form in secretariat
    delegate = _page(login, "kaz.delegate", document)
    assert 'id="amend"' in delegate
    for form in ('id="adopt"', 'id="notify"', f'id="amendment-{amendment.pk}"'):
        assert form not in delegate
    actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                          decision=org.decision("Joint statement"), adopted_on="2022-05-16")
    secretariat = _page(login, "secretariat", document)
    for form in ('id="amend"', 'id="version"', 'id="adopt"', f'id="amendment-{amendment.pk}"'):
        assert form not in secretariat
    assert 'id="notify"' in secretariat
    assert 'id="step"' not in secretariat  # takes effect on signature: no instruments
