"""A signature's place as each organization language names it (issue #16): kept in the act, read in the
reader's language on the page and through the API, printed in every language on the signed PDF, and read
from an older log that wrote it as one plain text."""

from __future__ import annotations

import json
from collections.abc import Mapping

import documents_org as org
import pytest
from django.db import connection
from django.test import Client
from nacl.signing import SigningKey

from accord.core.audit import audit
from accord.core.errors import InvalidInput
from accord.documents import actions, pdf, signing, verification
from accord.documents.models import Signature, Version
from accord.ledger.models import Entry
from accord_verify import checking, entries, printed

MOSCOW = {"en": "Moscow", "ru": "Москва"}


def _signed(head_keys: dict[str, SigningKey], place: Mapping[str, str] | str = MOSCOW) -> int:
    document, digest = org.adopted_statement()
    key = head_keys["RUS"]
    actions.sign_document(actor=org.person("rus.head"), document=document, version=1,
                          key_id=entries.key_id_of(bytes(key.verify_key)),
                          signature=signing.sign_hash(key, digest), signed_on="2022-05-16", place=place)
    return document


def _page(document: int, language: str) -> str:
    client = Client()
    client.cookies["django_language"] = language
    return client.get(f"/documents/{document}/").content.decode()


def test_it_keeps_the_place_in_each_language_and_the_reader_reads_its_own(
    head_keys: dict[str, SigningKey],
) -> None:
    document = _signed(head_keys)
    signature = Signature.objects.get(version__document_id=document)
    assert list(signature.place.items()) == [("ru", "Москва"), ("en", "Moscow")]  # the organization's order
    body = json.loads(Entry.objects.get(seq=signature.seq).data)["statement"]["body"]
    assert body["place"] == {"ru": "Москва", "en": "Moscow"}
    assert '<span lang="ru">Москва</span>' in _page(document, "ru")
    english = _page(document, "en")
    assert '<span lang="en">Moscow</span>' in english
    assert "Москва" not in english
    every = Client().get(f"/api/v1/documents/{document}").json()["signatures"][0]["place"]
    assert every == {"ru": "Москва", "en": "Moscow"}
    asked = Client().get(f"/api/v1/documents/{document}?lang=en").json()["signatures"][0]["place"]
    assert asked == {"en": "Moscow"}


def test_a_plain_place_is_the_default_languages_and_another_language_is_refused_by_name(
    head_keys: dict[str, SigningKey],
) -> None:
    document = _signed(head_keys, place="Москва")
    assert Signature.objects.get(version__document_id=document).place == {"ru": "Москва"}
    with pytest.raises(InvalidInput) as refused:
        _signed(head_keys, place={"ru": "Москва", "fr": "Moscou"})
    assert refused.value.field == "place.fr"
    with pytest.raises(InvalidInput) as missing:
        _signed(head_keys, place={"en": "Moscow"})
    assert missing.value.field == "place.ru"


def test_the_signed_pdf_prints_the_place_in_every_language_and_verifies(head_keys: dict[str, SigningKey]) -> None:
    document = _signed(head_keys)
    version = Version.objects.get(document_id=document, number=1)
    data = pdf.render(version.document, version)
    record, pages = checking.read_pdf(data)
    assert "Москва / Moscow, 2022-05-16" in " ".join(" ".join(pages).split())
    assert record["signatures"][0]["place"] == {"ru": "Москва", "en": "Moscow"}
    report = verification.verify_pdf(data)
    assert report.ok, report.problems


def test_a_log_that_wrote_the_place_as_one_text_replays(head_keys: dict[str, SigningKey]) -> None:
    _signed(head_keys, place={"ru": "Moscow"})
    signed = Entry.objects.get(type="documents.signed")
    data = json.loads(signed.data)
    data["statement"]["body"]["place"] = "Moscow"  # as the entries before this release wrote it
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                       [entries.canonical(data).decode(), signed.seq])

    report = audit()
    assert report.refused is None
    assert report.differences == []


def test_the_verifier_prints_an_older_entrys_one_text_as_it_is_and_takes_it_for_the_records_place() -> None:
    older = printed.signed_from(7, {"body": {"place": "Moscow"}})
    today = printed.signed_from(8, {"body": {"place": {"en": "Moscow", "ru": "Москва", "x!": "?"}}})
    assert printed.place_in(("ru", "en"), older.place) == "Moscow"
    assert printed.place_in(("ru", "en"), today.place) == "Москва / Moscow"
    assert printed.place_in(("en", "ru"), today.place) == "Moscow / Москва"
    # The server's record holds the place its database keeps: the older entry's text in the default language.
    assert checking._same_field({"ru": "Moscow"}, "Moscow")
    assert not checking._same_field({"ru": "Minsk"}, "Moscow")
    assert not checking._same_field("Moscow", {"ru": "Moscow", "en": "Moscow"})
