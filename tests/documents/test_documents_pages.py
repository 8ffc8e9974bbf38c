"""The documents' pages, in English and Russian, and their access."""

from __future__ import annotations

import documents_org as org
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from nacl.signing import SigningKey

from accord.documents import actions, pdf
from accord.documents.models import Version


def _login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=org.PASSWORD)
    return client


def test_it_lists_the_documents(head_keys: dict[str, SigningKey]) -> None:
    org.statement()
    page = Client().get("/documents/")
    assert page.status_code == 200
    assert "Joint statement" in page.content.decode()


def test_it_draws_the_status_grid_with_each_signature(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    org.sign("BLR", head_keys["BLR"], document, digest)
    html = Client().get(f"/documents/{document}/").content.decode()
    assert '<svg role="img"' in html
    assert 'data-member="BLR" data-stage="in_force"' in html
    assert 'data-member="RUS" data-stage="open"' in html
    assert "Authentic text" in html
    assert "Translation" in html


def test_it_offers_signing_only_to_a_head_whose_member_has_not_signed(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    assert 'id="sign-form"' in _login("rus.head").get(f"/documents/{document}/").content.decode()
    assert 'id="sign-form"' not in _login("rus.delegate").get(f"/documents/{document}/").content.decode()
    assert 'id="sign-form"' not in Client().get(f"/documents/{document}/").content.decode()
    org.sign("RUS", head_keys["RUS"], document, digest)
    assert 'id="sign-form"' not in _login("rus.head").get(f"/documents/{document}/live/").content.decode()


def test_it_shows_an_amendment_as_a_word_diff(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    actions.propose_amendment(actor=org.person("arm.delegate"), document=document, version=1, language="en",
                              paragraph=1, text="We, the heads of state, declare our firm commitment to peace.")
    html = Client().get(f"/documents/{document}/").content.decode()
    assert "firm</ins>" in html


def test_it_hides_a_document_from_whoever_may_not_see_it(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement(classification="participants", audience=["RUS"])
    assert Client().get(f"/documents/{document}/").status_code == 404
    assert _login("kaz.delegate").get(f"/documents/{document}/live/").status_code == 404
    assert _login("rus.delegate").get(f"/documents/{document}/").status_code == 200


def test_it_speaks_russian(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    client = Client()
    client.cookies["django_language"] = "ru"
    html = client.get(f"/documents/{document}/").content.decode()
    assert "Совместное заявление" in html
    assert "Аутентичный текст" in html


@pytest.mark.parametrize("good", [True, False])
def test_the_verify_page_checks_an_upload(head_keys: dict[str, SigningKey], good: bool) -> None:
    document, digest = org.adopted_statement()
    org.sign("KGZ", head_keys["KGZ"], document, digest)
    version = Version.objects.get(document_id=document)
    data = pdf.render(version.document, version) if good else b"%PDF-1.4 nothing"
    page = Client().post("/documents/verify/", {"file": SimpleUploadedFile("d.pdf", data)})
    html = page.content.decode()
    assert ("The document verifies" in html) is good
    assert ("The document does not verify" in html) is not good


def test_the_verify_page_asks_for_a_file(db: None) -> None:
    page = Client().post("/documents/verify/", {})
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.content.decode()


def test_the_dashboard_lists_who_has_not_signed_yet(head_keys: dict[str, SigningKey]) -> None:
    document, digest = org.adopted_statement()
    org.sign("RUS", head_keys["RUS"], document, digest)
    html = Client().get("/").content.decode()
    assert "Documents awaiting signature" in html
    assert "1 of 6 signed; not yet: ARM, BLR, KAZ, KGZ, TJK" in html
