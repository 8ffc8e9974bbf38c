"""The English–French compact walked through a decision, a signed statement, a session with a closed part
and a crisis, and its pages read in French (issue #16): nothing of it is Russian, nothing refuses it."""

from __future__ import annotations

import html

import compact_org as org
import pytest
from django.test import Client

from accord.core.acting import Actor
from accord.crises import actions as crises
from accord.decisions import actions as decisions
from accord.documents import actions as documents
from accord.documents import signing
from accord.ledger import log
from accord.ledger.sources import DatabaseSource
from accord.meetings import actions as meetings
from accord.members import queries as registry
from accord.members.models import Person
from accord_verify import entries
from accord_verify.verify import verify

DAY = "2026-11-02"


@pytest.fixture
def compact(db: None) -> None:
    org.build()


def _french(client: Client, url: str) -> str:
    answer = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert answer.status_code == 200, url
    page = html.unescape(answer.content.decode())
    assert '<html lang="fr"' in page
    return page


def _no_russian(text: str) -> None:
    assert not any("\u0400" <= char <= "\u04ff" for char in text)


def test_the_compact_keeps_its_content_in_english_and_french(compact: None) -> None:
    assert registry.content_languages() == ["en", "fr"]
    organization = registry.organization()
    assert organization is not None
    assert organization.name.pick("fr").text == "Pacte d'assistance mutuelle du Pacifique"
    page = _french(Client(), "/")
    assert "Pacte d'assistance mutuelle du Pacifique" in page
    assert "Fidji" in _french(Client(), "/members/")  # ISO 3166's French name for Fiji
    _no_russian(page)


def test_a_decision_at_a_session_and_a_statement_signed_by_the_four_leaders(compact: None) -> None:
    console = Actor.console()
    session = meetings.convene_session(
        actor=console, body=org.COUNCIL, kind="regular", mode="in_person", starts_on=DAY, chair="FJI",
        title={"en": "Leaders' meeting, Apia", "fr": "Réunion des dirigeants, Apia"},
        place={"en": "Apia", "fr": "Apia"})
    meetings.open_session(actor=console, session=session.pk)
    proposal = decisions.propose(actor=org.person("fji.leader"), body=org.COUNCIL, sponsors=["FJI"],
                                 title={"en": "Joint statement on disaster relief",
                                        "fr": "Déclaration commune sur les secours en cas de catastrophe"},
                                 classification="public")
    decisions.open_procedure(actor=console, proposal=proposal.pk, kind="consensus", session=session.pk,
                             opened_at=f"{DAY}T09:00:00+00:00")
    decided = decisions.close_procedure(actor=console, proposal=proposal.pk, on=DAY)
    assert decided.identifier

    document = documents.create_document(
        actor=console, kind="statement",
        title={"en": "Apia statement", "fr": "Déclaration d'Apia"},
        texts={"en": "The parties will assist one another.", "fr": "Les parties se prêteront assistance."},
        authentic=["en", "fr"], signatories=list(org.STATES))
    adoption = documents.adopt_version(actor=console, document=document.pk, version=1,
                                       decision=decided.identifier, adopted_on=DAY)
    for code in org.STATES:
        handle = f"{code.lower()}.leader"
        key = org.key_of(handle)
        documents.sign_document(actor=org.person(handle), document=document.pk, version=1,
                                key_id=entries.key_id_of(bytes(key.verify_key)),
                                signature=signing.sign_hash(key, adoption.version.hash),
                                signed_on=DAY, place="Apia")
    page = _french(Client(), f"/documents/{document.pk}/")
    assert "Déclaration d'Apia" in page
    _no_russian(page)
    assert "Déclaration commune sur les secours" in _french(Client(), f"/decisions/{proposal.pk}/")


def test_a_session_with_a_closed_part_shows_the_closed_item_only_to_its_participants(compact: None) -> None:
    console = Actor.console()
    session = meetings.convene_session(
        actor=console, body=org.COUNCIL, kind="regular", mode="in_person", starts_on=DAY, chair="FJI",
        title={"en": "Leaders' retreat", "fr": "Retraite des dirigeants"}, place={"en": "Suva", "fr": "Suva"})
    open_part = meetings.add_part(actor=console, session=session.pk, kind="expanded", is_open=True)
    closed_part = meetings.add_part(actor=console, session=session.pk, kind="restricted", is_open=False,
                                    participants=["FJI", "NZL"])
    meetings.add_agenda_item(actor=console, session=session.pk, part=open_part.pk,
                             title={"en": "Regional outlook", "fr": "Perspectives régionales"})
    meetings.add_agenda_item(actor=console, session=session.pk, part=closed_part.pk,
                             title={"en": "Reserved matter", "fr": "Question réservée"})
    public = _french(Client(), f"/meetings/sessions/{session.pk}/")
    assert "Perspectives régionales" in public
    assert "Question réservée" not in public
    inside = Client()
    inside.force_login(Person.objects.get(username="nzl.leader"))
    assert "Question réservée" in _french(inside, f"/meetings/sessions/{session.pk}/")
    outside = Client()
    outside.force_login(Person.objects.get(username="png.leader"))
    assert "Question réservée" not in _french(outside, f"/meetings/sessions/{session.pk}/")


def test_a_request_for_assistance_is_filed_and_acknowledged(compact: None) -> None:
    crisis = crises.file_request(actor=org.person("wsm.leader"), legal_basis="relief",
                                 happened="Cyclone damage across Upolu", area="Upolu",
                                 asks_for="Engineers and medical teams")
    for code in ("FJI", "NZL", "PNG"):
        crises.acknowledge_request(actor=org.person(f"{code.lower()}.leader"), crisis=crisis.pk)
    leader = Client()
    leader.force_login(Person.objects.get(username="fji.leader"))
    page = _french(leader, f"/crises/{crisis.pk}/")
    assert "Cyclone damage across Upolu" in page
    _no_russian(page)


def test_the_log_of_the_compact_verifies(compact: None) -> None:
    assert log.size() > 0
    report = verify(DatabaseSource())
    assert report.size == log.size()


def test_a_leaders_name_without_a_french_text_is_marked_in_the_header(compact: None) -> None:
    """The name of the person signed in is a text like any other: where it has none in the page's language,
    the English stand-in says so beside it, as every other untranslated text does."""
    client = Client()
    client.force_login(Person.objects.get(username="fji.leader"))
    page = _french(client, "/")
    header = page.split("</header>", 1)[0]
    assert '<span lang="en">Leader of FJI</span> <small class="untranslated">(non traduit' in header
