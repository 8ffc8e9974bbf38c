"""The proposal title's migration (issue #16): the English and Russian columns arrive, in the
organization's language order, in the one `title` value, and go back on reversal."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from migrating import migrate

from accord.core.translations import Texts
from accord.decisions import identifiers
from accord.ledger.guard import acting

# Whatever a test leaves migrated, every app is at its latest migration after it.
pytestmark = pytest.mark.usefixtures("migrations_restored")

BEFORE = [("decisions", "0002_decision_absent"), ("members", "0004_organization_languages")]
AFTER = [("decisions", "0003_proposal_title_texts")]


@pytest.mark.django_db(transaction=True)
def test_every_title_arrives_in_the_organizations_order_and_goes_back() -> None:
    old = migrate(BEFORE)
    Proposal = old.get_model("decisions", "Proposal")
    with acting("test: rows as the old schema held them"):
        old.get_model("members", "Organization").objects.create(
            pk=1, name_en="Org", name_ru="Орг", abbreviation_en="O", abbreviation_ru="О", headquarters_en="Here",
            headquarters_ru="Здесь", working_languages=["ru"], languages=["ru", "en"])
        council = old.get_model("members", "Body").objects.create(code="CSC", name_en="Council", name_ru="Совет",
                                                                   entry_seq=2)
        both = Proposal.objects.create(title_en="On the budget", title_ru="О бюджете", body=council,
                                       classification="members", entry_seq=3)
        english = Proposal.objects.create(title_en="Only English", title_ru="", body=council,
                                          classification="members", entry_seq=4)

    with acting("test: the migration"):
        new = migrate(AFTER).get_model("decisions", "Proposal")
    assert new.objects.get(pk=both.pk).title == {"ru": "О бюджете", "en": "On the budget"}
    assert list(new.objects.get(pk=both.pk).title) == ["ru", "en"]  # the organization's order
    assert new.objects.get(pk=english.pk).title == {"en": "Only English"}  # an empty text is dropped

    with acting("test: the migration reversed"):
        back = migrate(BEFORE).get_model("decisions", "Proposal")
    assert (back.objects.get(pk=both.pk).title_en, back.objects.get(pk=both.pk).title_ru) == (
        "On the budget", "О бюджете")
    assert back.objects.get(pk=english.pk).title_ru == ""
    with acting("test: forward again"):
        migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_a_session_named_by_its_number_stays_named_and_free_text_names_none() -> None:
    """Consensus names its session by id since issue #21: a number carries over, free text named none."""
    before = [("decisions", "0003_proposal_title_texts"), ("members", "0004_organization_languages")]
    after = [("decisions", "0004_procedure_session_id")]
    old = migrate(before)
    with acting("test: rows as the old schema held them"):
        council = old.get_model("members", "Body").objects.create(code="CSC", name_en="Council", name_ru="Совет",
                                                                   entry_seq=1)
        proposal = old.get_model("decisions", "Proposal").objects.create(
            title=[["ru", "Проект"]], body=council, classification="members", entry_seq=2)
        Procedure = old.get_model("decisions", "Procedure")
        numbered, named = (Procedure.objects.create(proposal=proposal, kind="consensus", opened_at=timezone.now(),
                                                    session=text, entry_seq=seq)
                           for seq, text in ((3, " 12 "), (4, "Moscow summit")))
        migrated = migrate(after).get_model("decisions", "Procedure")
    assert migrated.objects.get(pk=numbered.pk).session == 12
    assert migrated.objects.get(pk=named.pk).session is None
    with acting("test: the migration reversed"):
        back = migrate(before).get_model("decisions", "Procedure")
    assert back.objects.get(pk=numbered.pk).session == "12"
    with acting("test: forward again"):
        migrate(after)


@pytest.mark.django_db(transaction=True)
def test_each_decision_reads_its_identifier_in_every_organization_language() -> None:
    """Issue #16: a body-date-title identifier is composed in each language; a numbered one reads alike."""
    before = [("decisions", "0004_procedure_session_id"), ("members", "0007_references_texts")]
    after = [("decisions", "0005_decision_identifier_texts")]
    old = migrate(before)
    with acting("test: rows as the old schema held them"):
        old.get_model("members", "Organization").objects.create(pk=1, working_languages=["en", "fr"],
                                                                languages=["en", "fr"])
        council = old.get_model("members", "Body").objects.create(
            code="PC", name=[["en", "Pacific Council"], ["fr", "Conseil du Pacifique"]], entry_seq=1)
        Proposal, Procedure = old.get_model("decisions", "Proposal"), old.get_model("decisions", "Procedure")
        Decision = old.get_model("decisions", "Decision")
        made = []
        for seq, identifier, outcome in ((2, "Pacific Council, 4 December 2026, On fisheries", "adopted"),
                                         (5, "PC-2026/1", "adopted"), (8, None, "rejected")):
            proposal = Proposal.objects.create(title=[["en", "On fisheries"], ["fr", "Sur la pêche"]],
                                               body=council, classification="public", entry_seq=seq)
            procedure = Procedure.objects.create(proposal=proposal, kind="consensus", opened_at=timezone.now(),
                                                 state="closed", entry_seq=seq + 1)
            made.append(Decision.objects.create(procedure=procedure, proposal=proposal, outcome=outcome,
                                                identifier=identifier, decided_on="2026-12-04", entry_seq=seq + 2))
        migrated = migrate(after).get_model("decisions", "Decision")
    composed, numbered, rejected = (migrated.objects.get(pk=d.pk) for d in made)
    assert list(composed.identifier_texts.items()) == [
        ("en", "Pacific Council, 4 December 2026, On fisheries"),
        ("fr", "Conseil du Pacifique, 4 décembre 2026, Sur la pêche")]
    assert numbered.identifier_texts == {"en": "PC-2026/1", "fr": "PC-2026/1"}
    assert not rejected.identifier_texts
    with acting("test: the migration reversed"):
        back = migrate(before).get_model("decisions", "Decision")
    assert back.objects.get(pk=composed.pk).identifier == "Pacific Council, 4 December 2026, On fisheries"
    with acting("test: forward again"):
        migrate(after)


@pytest.mark.django_db(transaction=True)
def test_a_decision_keeps_the_name_its_body_had_when_it_was_taken_as_a_replay_composes_it() -> None:
    """A database migrated after its body's name changed composes each language's identifier from the name
    the log established (the one the act, and so a replay, composed it with), not from the name today."""
    before = [("decisions", "0008_procedure_kind_circulated"), ("ledger", "0004_node_key_is_the_rowid"),
              ("members", "0013_statuses_contributions_stopped")]
    after = [("decisions", "0009_identifier_texts_name_when_decided")]
    old = migrate(before)
    established = {"statement": {"type": "members.body_established", "body": {
        "code": "PC", "name": {"en": "Pacific Council", "fr": "Conseil du Pacifique"}, "composition": {},
        "decides": True, "reference": {}}}}
    with acting("test: rows as a database renamed after the decision holds them"):
        old.get_model("members", "Organization").objects.create(pk=1, working_languages=["en", "fr"],
                                                                languages=["en", "fr"])
        old.get_model("ledger", "Entry").objects.create(
            seq=1, time=timezone.now(), type="members.body_established", classification="public", nonce="n1",
            data=json.dumps(established))
        council = old.get_model("members", "Body").objects.create(
            code="PC", name=[["en", "Pacific Leaders' Council"], ["fr", "Conseil des dirigeants du Pacifique"]],
            entry_seq=1)
        proposal = old.get_model("decisions", "Proposal").objects.create(
            title=[["en", "On fisheries"], ["fr", "Sur la pêche"]], body=council, classification="public",
            entry_seq=2)
        procedure = old.get_model("decisions", "Procedure").objects.create(
            proposal=proposal, kind="consensus", opened_at=timezone.now(), state="closed", entry_seq=3)
        decision = old.get_model("decisions", "Decision").objects.create(
            procedure=procedure, proposal=proposal, outcome="adopted", decided_on="2026-12-04", entry_seq=4,
            identifier="Pacific Council, 4 December 2026, On fisheries",
            identifier_texts=[["en", "Pacific Council, 4 December 2026, On fisheries"],
                              ["fr", "Pacific Council, 4 December 2026, On fisheries"]])
        migrated = migrate(after).get_model("decisions", "Decision").objects.get(pk=decision.pk)
    # What the act composed when the decision was taken, and a replay of the log composes again:
    then, title = Texts({"en": "Pacific Council", "fr": "Conseil du Pacifique"}), Texts({"en": "On fisheries",
                                                                                       "fr": "Sur la pêche"})
    when_taken = identifiers.per_language(then, dt.date(2026, 12, 4), title, ["en", "fr"])
    assert migrated.identifier_texts == when_taken
    assert migrated.identifier_texts["fr"] == "Conseil du Pacifique, 4 décembre 2026, Sur la pêche"
