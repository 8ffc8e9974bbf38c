"""The UI languages: French beside English and Russian, the switch offering those the organization uses,
and pages that keep working with content in a language that has no catalogue (Arabic)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accord.core.acting import Actor
from accord.members import actions

# Every page's navigation, in French.
FRENCH_NAVIGATION = ("Tableau de bord", "Réunions", "Décisions", "États membres", "Organes", "Registre des actes")
PAGES = ["web:dashboard", "web:members", "web:ledger", "web:checkpoint", "web:login"]


def _offered(html: str) -> list[str]:
    """The languages of the switch, as `code:name` in the order offered."""
    switch = html[html.index('<select id="language-select"'):]
    switch = switch[:switch.index("</select>")]
    return [f"{code}:{name}" for code, name in
            re.findall(r'<option value="(\w+)" lang="\1"(?:\s+selected)?>([^<]+)</option>', switch)]


def _selected(html: str) -> str:
    found = re.search(r'<option value="(\w+)" lang="\1"\s+selected>', html)
    assert found is not None
    return found.group(1)


def _languages(*, working: list[str], content: list[str]) -> None:
    # The charter's name and abbreviation are required in the new default language.
    actions.configure_organization(actor=Actor.console(), working_languages=working, languages=content,
                                   name={content[0]: "Organization"}, abbreviation={content[0]: "ORG"})


@pytest.mark.parametrize("name", PAGES)
def test_every_page_speaks_french(public: Client, name: str) -> None:
    public.cookies["django_language"] = "fr"
    response = public.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert all(label in html for label in FRENCH_NAVIGATION), name
    assert '<label for="language-select">Langue</label>' in html
    assert "Ledger of acts" not in html


def test_the_switch_offers_english_and_russian_to_an_organization_in_russian_and_english(public: Client) -> None:
    """The reference organization keeps its content in Russian and English: French is not offered."""
    html = public.get(reverse("web:dashboard")).content.decode()
    assert _offered(html) == ["en:English", "ru:Русский"]
    assert _selected(html) == "en"


def test_the_switch_offers_french_once_the_organization_keeps_its_content_in_french(public: Client) -> None:
    _languages(working=["ru"], content=["ru", "en", "fr"])
    html = public.get(reverse("web:dashboard")).content.decode()
    assert _offered(html) == ["en:English", "ru:Русский", "fr:Français"]


def test_an_english_french_organization_is_offered_english_and_french_only(public: Client) -> None:
    _languages(working=["en", "fr"], content=["en", "fr"])
    html = public.get(reverse("web:members")).content.decode()
    assert _offered(html) == ["en:English", "fr:Français"]
    switched = public.post("/i18n/setlang/", {"language": "fr", "next": "/members/"})
    assert (switched.status_code, switched["Location"]) == (302, "/members/")
    html = public.get("/members/").content.decode()
    assert '<html lang="fr">' in html
    assert _selected(html) == "fr"
    assert '<h1 class="page-title">États membres</h1>' in html
    assert "Qualité de membre au fil du temps" in html


def test_english_is_always_offered_and_the_language_the_page_is_in_stays_selected(public: Client) -> None:
    """An organization in French and Arabic (no catalogue): English is offered all the same; a reader whose
    browser asked for Russian sees the page in Russian, and the switch says so rather than "English"."""
    _languages(working=["fr", "ar"], content=["fr", "ar"])
    html = public.get(reverse("web:dashboard")).content.decode()
    assert _offered(html) == ["en:English", "fr:Français"]
    public.cookies["django_language"] = "ru"
    html = public.get(reverse("web:dashboard")).content.decode()
    assert _offered(html) == ["en:English", "ru:Русский", "fr:Français"]
    assert _selected(html) == "ru"


def test_every_ui_language_is_offered_while_no_organization_is_configured(db: None, client: Client) -> None:
    html = client.get(reverse("web:login")).content.decode()
    assert _offered(html) == ["en:English", "ru:Русский", "fr:Français"]


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_a_page_shows_arabic_content_escaped_in_any_ui_language(delegate: Client, language: str) -> None:
    """Arabic has no catalogue and is written right to left: an organization keeping its content in Arabic
    and English still renders, the switch offers English, and an Arabic name with markup characters in it
    arrives whole and escaped."""
    _languages(working=["ar", "en"], content=["ar", "en"])
    name = 'مستشار <الوفد> & "الأمانة"'
    actions.add_person(actor=Actor.console(), username="kaz.adviser", full_name=name, role="delegate",
                       member="KAZ")
    delegate.cookies["django_language"] = language
    response = delegate.get(reverse("web:member", kwargs={"code": "KAZ"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert "مستشار &lt;الوفد&gt; &amp; &quot;الأمانة&quot;" in html
    assert "<الوفد>" not in html
    assert _offered(html) == ["en:English", *({"en": [], "fr": ["fr:Français"], "ru": ["ru:Русский"]}[language])]


@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_an_arabic_title_is_marked_arabic_and_as_not_translated(public: Client, language: str) -> None:
    """A document titled only in Arabic, the organization's default: every reader gets the Arabic title
    with `lang="ar"`, escaped, and marked as standing in for a translation the reader's language lacks."""
    from accord.documents import actions as documents

    _languages(working=["ar", "en"], content=["ar", "en"])
    title = 'بيان <مشترك> & "القمة"'
    document = documents.create_document(actor=Actor.console(), kind="statement", title={"ar": title},
                                         texts={"ar": "نص"}, authentic=["ar"])
    public.cookies["django_language"] = language
    html = public.get(f"/documents/{document.pk}/").content.decode()
    assert '<span lang="ar">بيان &lt;مشترك&gt; &amp; &quot;القمة&quot;</span>' in html
    assert 'class="untranslated"' in html
