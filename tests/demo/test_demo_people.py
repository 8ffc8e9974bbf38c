"""The demo's people read in the reader's language: the leaders' names and offices in Cyrillic on the Russian
pages and in Latin script on the English ones, and every state named one way in each language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings

from accord.demo import loader
from accord.demo.people import HEADS
from accord.meetings.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=io.StringIO())


def _page(path: str, language: str, username: str | None = None) -> str:
    reader = Client()
    if username is not None:
        assert reader.login(username=username, password=loader.PASSWORD)
    reader.cookies["django_language"] = language
    response = reader.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _summit() -> str:
    found = next(s for s in Session.objects.all() if s.title.get("en", "").endswith("anniversary summit, Moscow"))
    return f"/meetings/sessions/{found.pk}/"


def test_the_russian_summit_page_names_the_leaders_in_cyrillic(demo: None) -> None:
    page = _page(_summit(), "ru")
    for head in HEADS.values():
        # Twice at least: in the attendance of each part (who represented the member) and as a speaker.
        assert page.count(head.name_ru) >= 2, head.name_ru
        assert head.name_en not in page


def test_the_english_summit_page_names_them_in_latin_script(demo: None) -> None:
    page = _page(_summit(), "en")
    for head in HEADS.values():
        assert page.count(head.name_en) >= 2, head.name_en
        assert head.name_ru not in page


def test_a_delegations_page_gives_its_heads_office_in_the_readers_language(demo: None) -> None:
    assert "Президент Кыргызстана" in _page("/members/KGZ/", "ru", "kgz.delegate")
    assert "President of Kyrgyzstan" in _page("/members/KGZ/", "en", "kgz.delegate")


@pytest.mark.parametrize(("language", "name", "other"), [("ru", "Кыргызстан", "Киргиз"),
                                                         ("en", "Kyrgyzstan", "Kyrgyz Rep")])
def test_kyrgyzstan_is_named_one_way_in_each_language(demo: None, language: str, name: str, other: str) -> None:
    for path in ("/members/", "/members/KGZ/", _summit()):
        page = _page(path, language)
        assert name in page
        assert other not in page
