"""The provenance tools serve an organization loading its own archive, not only the reference one (issue #19):
the English–French compact records a past decision with its sources and certainty, the secretariat annotates
it later through the API, and the marks read back on the decision's page, in both its languages, and in the API."""

from __future__ import annotations

import html
import json
import re

import compact_org as org
import pytest
from django.test import Client

from accord.core import provenance
from accord.core.acting import Actor
from accord.decisions import actions as decisions
from accord.decisions.models import Decision, Procedure, Proposal
from accord.members.models import Person

# A day of the compact's own archive, known to the month only: recorded as the 1st, marked uncertain.
ARCHIVED = "2021-02-01"
MINUTES = {"title": "Record of the Leaders' Council, 2021", "publisher": "Compact Secretariat", "date": "2021",
           "fields": ["opened_at"]}
NOTE = {"en": "Only the month is established (February 2021).", "fr": "Seul le mois est établi (février 2021)."}
UNCERTAIN_DAY = {"fields": {"opened_at": {"certainty": "uncertain", "note": NOTE}}, "sources": [MINUTES]}


@pytest.fixture
def archived(db: None) -> Proposal:
    """A decision of 2021 loaded from the archive at the console, its circulation's day marked uncertain."""
    org.build()
    console = Actor.console()
    proposal = decisions.propose(actor=console, body=org.COUNCIL,
                                 title={"en": "Decision on the relief fund",
                                        "fr": "Décision sur le fonds de secours"},
                                 classification="public")
    with provenance.given(UNCERTAIN_DAY):
        decisions.open_procedure(actor=console, proposal=proposal.pk, kind="circulated",
                                 opened_at=f"{ARCHIVED}T00:00:00+00:00")
    decisions.close_procedure(actor=console, proposal=proposal.pk, on="2021-02-03")
    return proposal


def _text(client: Client, url: str, language: str) -> str:
    answer = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 200, url
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", answer.content.decode())))


def test_it_shows_an_archived_days_certainty_beside_it_in_english_and_french_and_in_the_api(
        archived: Proposal) -> None:
    english = _text(Client(), f"/decisions/{archived.pk}/", "en")
    assert "Opened 1 February 2021 · uncertain Only the month is established (February 2021)." in english
    assert "Sources: Record of the Leaders' Council, 2021 , Compact Secretariat" in english
    french = _text(Client(), f"/decisions/{archived.pk}/", "fr")
    assert "1 février 2021 · incertain Seul le mois est établi (février 2021)." in french
    given = Client().get(f"/api/v1/decisions/{archived.pk}").json()["procedure"]["provenance"]
    assert given == {"opened_at": {"certainty": "uncertain", "note": NOTE,
                                   "sources": [{**MINUTES, "link": "", "value": None}]}}


def test_the_secretariat_annotates_the_decisions_day_later_and_the_mark_follows_it(archived: Proposal) -> None:
    decision = Decision.objects.get(proposal=archived)
    secretariat = Client()
    secretariat.force_login(Person.objects.get(username="compact.secretariat"))
    source = {"title": "Pacific News, 4 February 2021", "publisher": "Pacific News", "date": "2021-02-04",
              "link": "https://news.example.org/relief-fund", "fields": ["on"], "value": "2021-02-04"}
    answer = secretariat.post("/api/v1/provenance", content_type="application/json", data=json.dumps(
        {"entry": decision.entry_seq, "provenance": {"fields": {"on": {"certainty": "reported"}},
                                                     "sources": [source]}}))
    assert answer.status_code == 201, answer.json()
    french = _text(Client(), f"/decisions/{archived.pk}/", "fr")
    assert "3 février 2021 · signalé" in french
    assert "Pacific News, 4 February 2021" in french  # the conflicting source beside the value used
    given = Client().get(f"/api/v1/decisions/{archived.pk}").json()["procedure"]["decision"]["provenance"]
    assert given["on"]["certainty"] == "reported"
    assert given["on"]["sources"] == [source]
    # The opening act keeps its own mark; the annotation changed the closing act's only.
    assert Client().get(f"/api/v1/decisions/{archived.pk}").json()["procedure"]["provenance"]["opened_at"][
        "certainty"] == "uncertain"


def test_a_delegate_may_not_annotate_the_archive(archived: Proposal) -> None:
    procedure = Procedure.objects.get(proposal=archived)
    leader = Client()
    leader.force_login(Person.objects.get(username="fji.leader"))
    answer = leader.post("/api/v1/provenance", content_type="application/json", data=json.dumps(
        {"entry": procedure.entry_seq, "provenance": {"fields": {"opened_at": {"certainty": "confirmed"}}}}))
    assert answer.status_code == 403, answer.json()
    given = Client().get(f"/api/v1/decisions/{archived.pk}").json()["procedure"]["provenance"]
    assert given["opened_at"]["certainty"] == "uncertain"
