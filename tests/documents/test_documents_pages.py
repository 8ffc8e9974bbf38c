"""The documents' pages, in English and Russian, and their access."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import documents_org as org
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from nacl.signing import SigningKey
from svg_numbers import svg_numbers, unreadable_svg_numbers

from accord.core import policy, provenance
from accord.documents import actions, pdf, queries
from accord.documents.models import Document, Version


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


def test_it_writes_the_status_grids_numbers_as_svg_reads_them_in_russian(
    head_keys: dict[str, SigningKey],
) -> None:
    document, digest = org.adopted_statement()
    org.sign("BLR", head_keys["BLR"], document, digest)
    client = Client()
    client.cookies["django_language"] = "ru"
    for path in (f"/documents/{document}/", f"/documents/{document}/live/"):
        response = client.get(path)
        assert response.headers["Content-Language"] == "ru"
        html = response.content.decode()
        assert {"svg", "rect", "text"} <= {element for element, _, _ in svg_numbers(html)}
        assert unreadable_svg_numbers(html) == []


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


def test_the_verify_page_names_the_page_and_line_of_a_forged_line(head_keys: dict[str, SigningKey],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from accord_verify import printed

    document, digest = org.adopted_statement()
    org.sign("ARM", head_keys["ARM"], document, digest)
    version = Version.objects.get(document_id=document)
    genuine = printed.layout

    def forged(facts: printed.Facts) -> list[printed.Section]:
        sections = genuine(facts)
        body = sections[0].groups[0]
        added = printed.Line("para", "Armenia did not sign the statement", "")
        changed = dataclasses.replace(body, lines=(*body.lines, added))
        return [dataclasses.replace(sections[0], groups=(changed,)), *sections[1:]]

    monkeypatch.setattr(printed, "layout", forged)
    data = pdf.render(version.document, version)
    monkeypatch.undo()
    html = Client().post("/documents/verify/", {"file": SimpleUploadedFile("d.pdf", data)}).content.decode()
    assert "The document does not verify" in html
    assert '<strong class="doc-checks__place">page 1, line 6</strong>' in html
    assert "Armenia did not sign the statement" in html


def test_the_verify_page_asks_for_a_file(db: None) -> None:
    page = Client().post("/documents/verify/", {})
    assert page.status_code == 400
    assert 'aria-invalid="true"' in page.content.decode()


def test_the_dashboard_lists_who_has_not_signed_yet(head_keys: dict[str, SigningKey]) -> None:
    """By name, in the reader's language (the list said ARM, BLR, ... on Russian pages too)."""
    document, digest = org.adopted_statement()
    org.sign("RUS", head_keys["RUS"], document, digest)
    html = Client().get("/").content.decode()
    assert "Documents awaiting signature" in html
    missing = re.search(r"1 of 6 signed; not yet: ([^<]+)</li>", html)
    assert missing is not None
    assert "Armenia" in missing.group(1)
    assert "ARM" not in missing.group(1)
    russian = Client()
    russian.cookies["django_language"] = "ru"
    page = russian.get("/").content.decode()
    assert "ещё не подписали: Армения" in page
    assert "KGZ" not in page.split('id="awaiting-heading"')[1].split("</section>")[0]


def test_a_reported_adoption_awaits_no_signature(head_keys: dict[str, SigningKey]) -> None:
    """An adoption the record holds as reported (the past, loaded from an archive) lacks signatures because none
    is recorded, not because any is due: the dashboard does not list it as awaiting them."""
    document = org.statement()
    decision = org.decision(f"Joint statement {document}")
    note = {"en": "Reported", "ru": "Сообщалось"}
    with provenance.given({"fields": {"adopted_on": {"certainty": "reported", "note": note}}}):
        actions.adopt_version(actor=org.person("secretariat"), document=document, version=1, decision=decision,
                              adopted_on="2022-05-16")
    assert queries.awaiting_signature(policy.ANONYMOUS) == []
    assert "Documents awaiting signature" not in Client().get("/").content.decode()


def _titled(english: str) -> Document:
    return next(document for document in Document.objects.all() if document.title.get("en") == english)


def test_a_document_is_drafted_amended_and_adopted_through_the_pages(head_keys: dict[str, SigningKey]) -> None:
    secretariat, delegate = _login("secretariat"), _login("kgz.delegate")
    made = delegate.post("/documents/new/", {"kind": "statement", "title_en": "Page statement",
                                             "title_ru": "Заявление со страницы", "text_ru": "Первый.\n\nВторой.",
                                             "authentic": ["ru"], "force_rule": "on_signature"})
    assert made.status_code == 302
    url = made["Location"]
    page = delegate.post(f"{url}amend/", {"version": "1", "language": "ru", "paragraph": "2",
                                          "text": "Второй, исправленный."})
    assert page.status_code == 302
    amendment = queries.amendments_of(_titled("Page statement"))[0].amendment
    assert f'id="amendment-{amendment.pk}"' not in delegate.get(url).content.decode()
    assert f'id="amendment-{amendment.pk}"' in secretariat.get(url).content.decode()
    assert secretariat.post(f"{url}amendments/{amendment.pk}/", {"decision": "accept"}).status_code == 302
    refused = secretariat.post(f"{url}adopt/", {"version": "2", "decision": "", "adopted_on": "2022-05-16"})
    assert refused.status_code == 400
    assert 'aria-invalid="true" aria-describedby="adopt-decision_error" id="adopt-decision"' in \
        refused.content.decode()
    adopted = secretariat.post(f"{url}adopt/",
                               {"version": "2", "decision": org.decision("Page statement"),
                                "adopted_on": "2022-05-16"})
    assert adopted.status_code == 302
    second = Version.objects.get(document=_titled("Page statement"), number=2)
    assert "Второй, исправленный." in second.texts["ru"]
    assert queries.adoption_of(_titled("Page statement")) is not None


def test_a_draft_with_a_missing_title_is_refused_at_its_field(head_keys: dict[str, SigningKey]) -> None:
    # The organization's default language is Russian: its title is required, the English one is not.
    page = _login("secretariat").post("/documents/new/", {"kind": "statement", "title_en": "x", "title_ru": "",
                                                          "text_ru": "Текст.", "authentic": ["ru"],
                                                          "force_rule": "on_signature"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="new-title_error_1"' in html
    assert not Document.objects.exists()


def test_the_depositary_records_steps_and_notifications_on_the_page(head_keys: dict[str, SigningKey]) -> None:
    treaty = org.statement(kind="agreement", force_rule="on_deposit")
    secretariat = _login("secretariat")
    assert secretariat.post(f"/documents/{treaty}/steps/", {"member": "KAZ", "kind": "ratification",
                                                            "on": "2023-02-01"}).status_code == 302
    notified = secretariat.post(f"/documents/{treaty}/notify/", {"on": "2023-02-02",
                                                                 "subject_ru": "Сдача грамоты Казахстаном",
                                                                 "subject_en": "Deposit by Kazakhstan"})
    assert notified.status_code == 302
    html = Client().get(f"/documents/{treaty}/").content.decode()
    assert "Deposit by Kazakhstan" in html
    russian = Client().get(f"/documents/{treaty}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Сдача грамоты Казахстаном" in russian
    assert 'data-member="KAZ" data-stage="in_force"' in html
    # A delegate sees no depositary forms, and is refused if it posts anyway.
    delegate = _login("kaz.delegate")
    assert 'id="step"' not in delegate.get(f"/documents/{treaty}/").content.decode()
    assert delegate.post(f"/documents/{treaty}/steps/", {"member": "KAZ", "kind": "denounced",
                                                         "on": "2024-01-01"}).status_code == 403


def test_an_outsider_posting_a_form_is_sent_to_sign_in(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    response = Client().post(f"/documents/{document}/adopt/", {"version": "1", "decision": "x",
                                                               "adopted_on": "2022-01-01"})
    assert response.status_code == 303  # the one answer to an anonymous act (core.pages.acting)
    assert "/login/" in response["Location"]
    missing = Client().post(f"/documents/{document + 1000}/adopt/", {"version": "1", "decision": "x",
                                                                     "adopted_on": "2022-01-01"})
    assert (missing.status_code, missing["Location"]) == (response.status_code, response["Location"])
    assert queries.adoption_of(Document.objects.get(pk=document)) is None


def test_the_list_reads_a_fixed_number_of_queries(head_keys: dict[str, SigningKey],
                                                  django_assert_max_num_queries: Any) -> None:
    for _ in range(5):
        org.adopted_statement()
    with django_assert_max_num_queries(12):
        assert Client().get("/documents/").status_code == 200


def test_a_version_is_added_on_the_page_and_its_changes_shown(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    delegate = _login("tjk.delegate")
    refused = delegate.post(f"/documents/{document}/versions/", {"text_en": "Only English.", "authentic": ["ru"]})
    assert refused.status_code == 400
    assert 'id="version-text_ru_error_1"' not in refused.content.decode()
    assert "no text in it is given" in refused.content.decode()
    added = delegate.post(f"/documents/{document}/versions/",
                          {"text_ru": org.TEXT_RU.replace("миру", "миру и безопасности"), "authentic": ["ru"]})
    assert added.status_code == 302
    html = delegate.get(f"/documents/{document}/").content.decode()
    assert "безопасности.</ins>" in html


def test_a_signature_with_reservations_is_marked_in_the_grid(head_keys: dict[str, SigningKey]) -> None:
    from accord.documents import signing
    from accord_verify import entries

    document, digest = org.adopted_statement()
    key = head_keys["ARM"]
    actions.sign_document(actor=org.person("arm.head"), document=document, version=1,
                          key_id=entries.key_id_of(bytes(key.verify_key)),
                          signature=signing.sign_hash(key, digest), signed_on="2022-05-16", place="Moscow",
                          reservations="Paragraph 2 as interpreted by Armenia")
    html = Client().get(f"/documents/{document}/").content.decode()
    assert "16 May 2022 *</text>" in html
    assert "Paragraph 2 as interpreted by Armenia" in html


def test_its_russian_words_agree_with_documents_and_leave_other_pages_alone(db: None) -> None:
    from django.utils import translation

    with translation.override("ru"):
        assert str(translation.gettext("Adopted")) != "Принят"  # a decision's word, not a document's
        assert str(translation.pgettext("document", "Adopted")) == "Принят"
        assert str(translation.pgettext("amendment", "Accepted")) == "Принята"


def test_a_document_links_the_decision_that_adopted_it(head_keys: dict[str, SigningKey]) -> None:
    document, _ = org.adopted_statement()
    html = Client().get(f"/documents/{document}/").content.decode()
    assert 'href="/decisions/' in html
    assert "The decision and its procedure" in html


def test_a_refused_step_comes_back_in_russian_beside_its_field_with_what_was_typed(
        head_keys: dict[str, SigningKey]) -> None:
    treaty = org.statement(kind="agreement", force_rule="on_deposit")
    response = _login("secretariat").post(f"/documents/{treaty}/steps/", {
        "member": "KAZ", "kind": "ratification", "on": "", "reference_ru": "Нота № 17"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="step-on_error_1">Обязательное поле.' in html
    assert 'value="Нота № 17"' in html  # what was typed stays
    assert '<option value="ratification" selected>' in html
    assert not Document.objects.get(pk=treaty).steps.exists()


def test_an_amendment_is_rejected_on_the_page_with_its_reason(head_keys: dict[str, SigningKey]) -> None:
    document = org.statement()
    _login("kgz.delegate").post(f"/documents/{document}/amend/", {
        "version": "1", "language": "ru", "paragraph": "1", "text": "Иначе."})
    amendment = queries.amendments_of(Document.objects.get(pk=document))[0].amendment
    response = _login("secretariat").post(f"/documents/{document}/amendments/{amendment.pk}/", {
        "decision": "reject", "reason": "Not agreed"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#amendment-{amendment.pk}")
    amendment.refresh_from_db()
    assert amendment.status == "rejected"


def test_a_step_dated_before_the_adoption_is_refused_in_russian_beside_its_field(
        head_keys: dict[str, SigningKey]) -> None:
    treaty = org.statement(kind="agreement", force_rule="on_deposit")
    actions.adopt_version(actor=org.person("secretariat"), document=treaty, version=1,
                          decision=org.decision("Treaty"), adopted_on="2022-05-16")
    response = _login("secretariat").post(f"/documents/{treaty}/steps/", {
        "member": "KAZ", "kind": "ratification", "on": "2020-01-01", "reference_ru": ""},
        HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="step-on_error_1">указано 1 января 2020 г., раньше его принятия (16 мая 2022 г.)' in html
    assert not Document.objects.get(pk=treaty).steps.exists()


def test_the_signing_date_is_bounded_by_the_adoption_and_today(head_keys: dict[str, SigningKey]) -> None:
    document, _ = org.adopted_statement()
    html = _login("rus.head").get(f"/documents/{document}/").content.decode()
    assert 'name="signed_on" type="date" min="2022-05-16" max="' in html


def test_a_text_in_any_iso_639_language_is_given_on_the_page(head_keys: dict[str, SigningKey]) -> None:
    secretariat = _login("secretariat")
    form = {"kind": "statement", "title_ru": "Заявление", "text_ru": "Текст.", "authentic": ["ru"],
            "force_rule": "on_signature"}
    refused = secretariat.post("/documents/new/", {**form, "other_language": "xx", "other_text": "Texte."})
    assert refused.status_code == 400
    assert 'id="new-other_language_error_1"' in refused.content.decode()
    made = secretariat.post("/documents/new/", {**form, "other_language": "fr", "other_text": "Texte.",
                                                "other_authentic": "on"})
    assert made.status_code == 302
    version = Version.objects.get(document=Document.objects.get(), number=1)
    assert version.texts == {"ru": "Текст.", "fr": "Texte."}
    assert version.authentic == ["fr", "ru"]
    # The document's page offers a box for each language its texts are in, French among them.
    html = secretariat.get(made["Location"]).content.decode()
    assert 'name="text_fr"' in html


@pytest.mark.parametrize("language", ["en", "ru", "fr"])
def test_the_verify_page_sets_the_offline_command_as_code(db: None, language: str) -> None:
    html = Client().get(f"/documents/verify/?lang={language}").content.decode()
    assert "<code>accord ledger verify-document FILE.pdf --log EXPORT --key VKEY</code>" in html
    assert "`" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_a_documents_page_reads_nothing_twice(head_keys: dict[str, SigningKey]) -> None:
    """The signatures, the treaty steps and the adopting decision are read once for the status grid, the
    tables and the identifier, and the charter's languages once for every form (each was read two or three
    times)."""
    document, digest = org.adopted_statement()
    org.sign("BLR", head_keys["BLR"], document, digest)
    client = _login("rus.head")
    path = f"/documents/{document}/"
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    repeated = [sql for sql, count in Counter(q["sql"] for q in captured.captured_queries).items() if count > 1]
    assert repeated == []


def test_it_names_the_adopting_decision_by_its_body_and_day_not_its_identifier(
        head_keys: dict[str, SigningKey]) -> None:
    """Issue 21's walk: "Version 1 was adopted by Collective Security Council, 16 May 2022, <the title> on 16 May
    2022": the decision's identifier pasted into the sentence repeated the day and the page's title."""
    document, _ = org.adopted_statement()
    for language, sentence in (
            ("en", "Version 1 was adopted on 16 May 2022 by a decision of the Collective Security Council."),
            ("ru", "Редакция 1 принята 16 мая 2022 г. по решению органа «Совет коллективной безопасности».")):
        client = Client()
        client.cookies["django_language"] = language
        html = client.get(f"/documents/{document}/").content.decode()
        shown = " ".join(html.split("signatures-heading", 1)[1].split("</p>", 1)[0].split())
        assert sentence in re.sub(r"</?span[^>]*>", "", shown)
        assert f"Joint statement {document}" not in shown
        assert "The decision and its procedure" in shown or "Решение и процедура его принятия" in shown
