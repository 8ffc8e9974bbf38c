"""The documents' acts: drafting, amendments, adoption, signatures, the treaty's steps."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import documents_org as org
import pytest
from django.utils import translation
from nacl.signing import SigningKey

from accord.core.acting import Actor
from accord.core.errors import Conflict, InvalidInput, NotFound, NotPermitted, SignatureRefused
from accord.decisions.models import Decision
from accord.documents import actions, queries, signing
from accord.documents.models import Document, Signature, Version
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members import actions as members
from accord_verify import entries, printed, texts


def test_it_records_one_entry_per_act(head_keys: dict[str, SigningKey]) -> None:
    before = log.size()
    document = org.statement()
    assert log.size() == before + 1
    entry = Entry.objects.get(seq=before)
    assert entry.type == "documents.created"
    version = Version.objects.get(document_id=document, number=1)
    assert version.hash.startswith("sha256:")
    assert version.authentic == ["ru"]


def test_the_hash_covers_the_text_and_which_language_is_authentic(head_keys: dict[str, SigningKey]) -> None:
    one = Version.objects.get(document_id=org.statement(), number=1)
    two = Version.objects.get(document_id=org.statement(authentic=["ru", "en"]), number=1)
    assert one.hash != two.hash
    assert texts.hash_of(texts.content_of(document=one.document_id, kind="joint_statement",
                                          title={"en": "Joint statement", "ru": "Совместное заявление"},
                                          number=1, texts=one.texts, authentic=["ru"])) == one.hash


def test_an_authentic_language_needs_its_text(head_keys: dict[str, SigningKey]) -> None:
    before = log.size()
    with pytest.raises(InvalidInput) as error:
        org.statement(texts={"en": org.TEXT_EN}, authentic=["ru"])
    assert error.value.field == "authentic"
    assert log.size() == before


def test_an_accepted_amendment_makes_the_next_version(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    amendment = actions.propose_amendment(actor=org.person("kaz.delegate"), document=document, version=1,
                                          language="en", paragraph=2,
                                          text="We reaffirm our commitment to the Collective Security Treaty.")
    assert [p.op for p in texts.word_diff(org.TEXT_EN.split("\n\n")[1], amendment.text)].count("added") == 1
    accepted = actions.accept_amendment(actor=org.person("secretariat"), amendment=amendment.pk)
    assert accepted.result is not None
    assert accepted.result.number == 2
    assert "commitment to the Collective" in accepted.result.texts["en"]
    with pytest.raises(Conflict):
        actions.reject_amendment(actor=org.person("secretariat"), amendment=amendment.pk)


def test_a_delegate_may_not_accept_amendments(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    amendment = actions.propose_amendment(actor=org.person("kaz.delegate"), document=document, version=1,
                                          language="ru", paragraph=1, text="Новый текст.")
    with pytest.raises(NotPermitted):
        actions.accept_amendment(actor=org.person("kaz.delegate"), amendment=amendment.pk)


def test_all_six_heads_sign_the_adopted_version(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    for code, key in head_keys.items():
        org.sign(code, key, document, digest)
    table = queries.status(Document.objects.get(pk=document))
    assert {row.stage for row in table.rows} == {"in_force"}
    assert Signature.objects.filter(version__document_id=document).count() == 6


def test_a_draft_not_adopted_is_not_signed(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    digest = Version.objects.get(document_id=document).hash
    with pytest.raises(InvalidInput) as error:
        org.sign("RUS", head_keys["RUS"], document, digest)
    assert error.value.field == "version"


def _refused(call: Callable[[], object]) -> None:
    before = log.size()
    with pytest.raises((SignatureRefused, Conflict, NotPermitted)):
        call()
    assert log.size() == before


def test_a_replayed_signature_is_refused_and_nothing_written(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    org.sign("KAZ", head_keys["KAZ"], document, digest)
    _refused(lambda: org.sign("KAZ", head_keys["KAZ"], document, digest))


def test_an_altered_signature_is_refused(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    key = head_keys["KGZ"]
    altered = bytearray(entries.unb64(signing.sign_hash(key, digest)))
    altered[0] ^= 1
    before = log.size()
    with pytest.raises(SignatureRefused) as error:
        actions.sign_document(actor=org.person("kgz.head"), document=document, version=1,
                              key_id=entries.key_id_of(bytes(key.verify_key)),
                              signature=entries.b64(bytes(altered)),
                              signed_on="2022-05-16", place="Moscow")
    assert error.value.field == "signature"
    assert log.size() == before


def test_a_signature_over_another_hash_is_refused(head_keys: dict[str, SigningKey]) -> None:
    document, _ = org.adopted_statement()
    _refused(lambda: org.sign("KGZ", head_keys["KGZ"], document, "sha256:" + "0" * 64))


def test_a_revoked_key_is_refused(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    key_id = entries.key_id_of(bytes(head_keys["TJK"].verify_key))
    members.revoke_key(actor=Actor.console(), key_id=key_id, reason="lost")
    _refused(lambda: org.sign("TJK", head_keys["TJK"], document, digest))


def test_a_head_never_signs_for_another_member(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    # Armenia's head, with Russia's key (not its own), cannot sign: the key is not Armenia's.
    before = log.size()
    with pytest.raises(SignatureRefused):
        actions.sign_document(actor=org.person("arm.head"), document=document, version=1,
                              key_id=entries.key_id_of(bytes(head_keys["RUS"].verify_key)),
                              signature=signing.sign_hash(head_keys["RUS"], digest),
                              signed_on="2022-05-16", place="Moscow")
    assert log.size() == before
    assert not Signature.objects.filter(member_id="RUS").exists()


def test_a_delegate_does_not_sign(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    _refused(lambda: actions.sign_document(
        actor=org.person("rus.delegate"), document=document, version=1,
        key_id=entries.key_id_of(bytes(head_keys["RUS"].verify_key)),
        signature=signing.sign_hash(head_keys["RUS"], digest), signed_on="2022-05-16", place="Moscow"))


def test_a_treaty_enters_into_force_after_its_instruments(head_keys: dict[str, SigningKey]) -> None:
    treaty = org.statement(kind="agreement", force_rule="after_instruments", force_count=2)
    secretariat = org.person("secretariat")
    actions.adopt_version(actor=secretariat, document=treaty, version=1, decision=org.decision("Treaty"),
                          adopted_on="2022-05-16")
    actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="ratification", on="2022-06-01")
    doc = Document.objects.get(pk=treaty)
    assert queries.status(doc).in_force_on is None
    actions.record_step(actor=secretariat, document=treaty, member="KAZ", kind="ratification", on="2022-07-01")
    table = queries.status(doc)
    assert str(table.in_force_on) == "2022-07-01"
    with pytest.raises(Conflict):
        actions.record_step(actor=secretariat, document=treaty, member="KAZ", kind="approval", on="2022-07-02")
    notification = actions.notify(actor=secretariat, document=treaty, on="2022-07-02",
                                  subject="Entry into force")
    assert Entry.objects.get(seq=notification.seq).type == "documents.notified"


def test_a_statement_has_no_instruments(head_keys: dict[str, SigningKey]) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.record_step(actor=org.person("secretariat"), document=org.statement(), member="RUS",
                            kind="ratification", on="2022-06-01")
    assert error.value.field == "kind"


def test_a_hidden_document_is_as_missing(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement(classification="participants", audience=["RUS", "KAZ"])
    with pytest.raises(NotFound):
        actions.add_version(actor=org.person("kgz.delegate"), document=document, texts={"ru": "x"},
                            authentic=["ru"])


@pytest.mark.parametrize(("identifier", "reason"), [
    ("Collective Security Council, 1 January 2022, No such statement", "identifies no decision"),
    ("", "is required"),
])
def test_a_document_is_adopted_only_by_an_adopted_decision(
    head_keys: dict[str, SigningKey], identifier: str, reason: str
) -> None:
    document = org.statement()
    org.decision("A draft returned for revision", returned=True)  # returned: it has no identifier to name
    before = log.size()
    with pytest.raises(InvalidInput) as error:
        actions.adopt_version(actor=org.person("secretariat"), document=document, version=1, decision=identifier,
                              adopted_on="2022-05-16")
    assert error.value.field == "decision"
    assert reason in error.value.reason
    assert log.size() == before


def _sign_on(key: SigningKey, document: int, digest: str, day: str) -> object:
    return actions.sign_document(
        actor=org.person("kaz.head"), document=document, version=1,
        key_id=entries.key_id_of(bytes(key.verify_key)), signature=signing.sign_hash(key, digest),
        signed_on=day, place="Astana")


@pytest.mark.parametrize(("day", "reason"), [("2022-05-15", "before its adoption (16 May 2022)"),
                                             ("2030-01-01", "after today")])
def test_a_signature_is_dated_between_the_adoption_and_today(head_keys: dict[str, SigningKey], day: str,
                                                             reason: str) -> None:
    document, digest = org.adopted_statement()
    before = log.size()
    with pytest.raises(InvalidInput) as error:
        _sign_on(head_keys["KAZ"], document, digest, day)
    assert error.value.field == "signed_on"
    assert reason in str(error.value)
    assert log.size() == before
    assert not Signature.objects.filter(member_id="KAZ").exists()


def test_a_signature_date_refused_in_russian(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    with translation.override("ru"), pytest.raises(InvalidInput) as error:
        _sign_on(head_keys["KAZ"], document, digest, "2020-01-01")
    assert "раньше его принятия (16 мая 2022 г.)" in str(error.value)


def test_treaty_steps_follow_what_they_depend_on(head_keys: dict[str, SigningKey]) -> None:
    treaty = org.statement(kind="agreement", force_rule="after_instruments", force_count=2)
    secretariat = org.person("secretariat")
    actions.adopt_version(actor=secretariat, document=treaty, version=1, decision=org.decision("Treaty"),
                          adopted_on="2022-05-16")
    before = log.size()
    with pytest.raises(InvalidInput, match="before its adoption"):
        actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="signed", on="2022-05-01")
    actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="signed", on="2022-06-01")
    with pytest.raises(InvalidInput, match="before the signature of Russia"):
        actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="ratification", on="2022-05-20")
    actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="ratification", on="2022-07-01")
    with pytest.raises(InvalidInput, match="before the instrument of Russia"):
        actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="denounced", on="2022-06-15")
    assert log.size() == before + 2


def test_an_adoption_is_not_dated_before_its_decision(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    with pytest.raises(InvalidInput, match="before the decision that adopts it"):
        actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                              decision=org.decision("Early"), adopted_on="2022-05-01")


def test_authentic_texts_in_any_iso_639_language(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement(texts={"ru": org.TEXT_RU, "hy": "Մենք՝ պետությունների ղեկավարներս։"},
                             authentic=["ru", "hy"])
    assert Version.objects.get(document_id=document, number=1).authentic == ["hy", "ru"]
    with pytest.raises(InvalidInput) as error:
        org.statement(texts={"ru": org.TEXT_RU, "qq": "Text"}, authentic=["ru"])
    assert error.value.field == "texts.qq"


def test_the_pdf_prints_names_in_the_organizations_order() -> None:
    def facts(languages: list[str]) -> printed.Facts:
        created = {"type": printed.CREATED, "body": {"document": 1, "version": 1, "signatories": ["FJI"],
                                                     "languages": languages}}
        signed = {"type": printed.SIGNED, "actor": {"person": "fji.head"},
                  "body": {"document": 1, "version": 1, "member": "FJI",
                           "member_name": {"ru": "Фиджи", "en": "Fiji", "fr": "Fidji"}}}
        return printed.facts_of(document=1, version=1, content={"texts": {}, "authentic": []},
                                statements={1: created, 2: signed}, origin="o", log_key="k", checkpoint="")

    def member_line(languages: list[str]) -> str:
        lines = printed.lines_of(printed.layout(facts(languages)))
        return next(line.text for line in lines if line.role == "member")

    assert member_line(["en", "fr"]) == "Fiji / Fidji / Фиджи (FJI)"
    assert member_line(["fr", "en", "ru"]) == "Fidji / Fiji / Фиджи (FJI)"
    # A document created before its entry recorded the languages prints as it did: Russian first.
    assert member_line([]) == "Фиджи / Fiji / Fidji (FJI)"


def test_a_version_is_adopted_by_its_decision_as_the_reader_saw_it_and_the_log_keeps_the_stable_one(
    head_keys: dict[str, SigningKey]
) -> None:
    document = org.statement()
    stable = org.decision("On a joint statement")
    decision = Decision.objects.get(identifier=stable)
    in_russian = decision.identifier_texts["ru"]
    assert in_russian != stable
    assert "16 мая 2022 г." in in_russian
    adoption = actions.adopt_version(actor=org.person("secretariat"), document=document, version=1,
                                     decision=in_russian, adopted_on="2022-05-16")
    assert adoption.decision == stable
    logged = json.loads(Entry.objects.get(seq=adoption.seq).data)
    assert logged["statement"]["body"]["decision"] == stable


def test_a_recorded_entry_into_force_puts_a_signatory_in_force_once(head_keys: dict[str, SigningKey],
                                                                     login: Callable[[str], Any]) -> None:
    treaty = org.statement(kind="agreement", force_rule="on_date", force_date="2022-07-01")
    secretariat = org.person("secretariat")
    actions.adopt_version(actor=secretariat, document=treaty, version=1, decision=org.decision("Treaty"),
                          adopted_on="2022-05-16")
    actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="signed", on="2022-05-16")
    doc = Document.objects.get(pk=treaty)
    assert [row.stage for row in queries.status(doc).rows if row.member == "RUS"] == ["signed"]
    with pytest.raises(InvalidInput) as early:  # before the state's signature: refused by the field
        actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="in_force", on="2022-05-01")
    assert early.value.field == "on"
    actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="in_force", on="2022-07-01")
    assert [row.stage for row in queries.status(doc).rows if row.member == "RUS"] == ["in_force"]
    with pytest.raises(Conflict):
        actions.record_step(actor=secretariat, document=treaty, member="RUS", kind="in_force", on="2022-07-02")
    listed = login("secretariat").get("/documents/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "In force" in listed
