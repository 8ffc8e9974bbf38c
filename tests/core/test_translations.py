"""Translatable content: a text per organization language, checked, stored in order, picked for the reader."""

from __future__ import annotations

import json

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from accord.core.errors import InvalidInput
from accord.core.pages import ActForm
from accord.core.translations import (
    Texts,
    TextsField,
    TextsFormField,
    TextsOut,
    is_language,
    language_code,
    language_name,
    languages_for,
    legacy_texts,
    reset_api_language,
    set_api_language,
    texts_of,
)

FR_EN = ("fr", "en")


def test_a_text_per_language_is_checked_and_kept_in_the_organizations_order() -> None:
    texts = texts_of({"en": " Summit  ", "fr": "Sommet"}, "title", FR_EN)
    assert list(texts.items()) == [("fr", "Sommet"), ("en", "Summit")]


def test_the_default_language_is_required_and_others_may_be_missing() -> None:
    assert texts_of({"fr": "Sommet"}, "title", FR_EN) == {"fr": "Sommet"}
    with pytest.raises(InvalidInput) as refused:
        texts_of({"en": "Summit"}, "title", FR_EN)
    assert refused.value.field == "title.fr"
    assert texts_of({}, "note", FR_EN, required=False) == {}


def test_a_language_the_organization_does_not_keep_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        texts_of({"fr": "Sommet", "ru": "Саммит"}, "title", FR_EN)
    assert refused.value.field == "title.ru"
    assert "fr, en" in refused.value.reason


@pytest.mark.parametrize("value", [["Sommet"], 3, {"fr": 3}])
def test_what_is_not_a_text_per_language_is_refused(value: object) -> None:
    with pytest.raises(InvalidInput):
        texts_of(value, "title", FR_EN)


def test_a_bidirectional_control_in_a_title_is_refused_in_any_language() -> None:
    with pytest.raises(InvalidInput) as refused:
        texts_of({"fr": "Sommet\u202e"}, "title", FR_EN)
    assert refused.value.field == "title.fr"


def test_an_arabic_title_is_kept_as_written() -> None:
    arabic = "قمة موسكو"
    assert texts_of({"ar": arabic}, "title", ("ar", "en")).pick("ar").text == arabic


def test_the_reader_gets_their_language_or_the_default_marked_as_a_fallback() -> None:
    texts = Texts([("ru", "Саммит"), ("en", "Summit")])
    assert texts.pick("en").text == "Summit"
    fallback = texts.pick("fr")
    assert (fallback.text, fallback.language, fallback.fallback) == ("Саммит", "ru", True)
    with translation.override("en"):
        assert str(texts) == "Summit"


def test_the_template_filter_marks_a_fallback_and_gives_its_language() -> None:
    template = Template("{% load accord_web %}{{ title|tr }}")
    texts = Texts([("ru", "Саммит <b>")])
    with translation.override("en"):
        html = template.render(Context({"title": texts}))
    assert html.startswith('<span lang="ru">Саммит &lt;b&gt;</span>')
    assert "untranslated" in html
    assert "Russian" in html
    with translation.override("ru"):
        assert template.render(Context({"title": texts})) == '<span lang="ru">Саммит &lt;b&gt;</span>'


def test_storage_keeps_the_order_that_jsonb_would_lose() -> None:
    field = TextsField()
    texts = Texts([("ru", "Саммит"), ("en", "Summit")])
    stored = json.dumps(field.get_prep_value(texts))
    assert json.loads(stored) == [["ru", "Саммит"], ["en", "Summit"]]
    restored = field.from_db_value(stored, None, None)
    assert list(restored.items()) == [("ru", "Саммит"), ("en", "Summit")]


def test_entries_written_before_the_change_are_read_as_texts() -> None:
    old = {"title_en": "Summit", "title_ru": "Саммит", "kind": "regular"}
    assert list(legacy_texts(old, "title").items()) == [("ru", "Саммит"), ("en", "Summit")]
    assert legacy_texts({"title": {"fr": "Sommet"}}, "title") == {"fr": "Sommet"}


def test_iso_639_codes_and_names_come_from_pycountry() -> None:
    assert is_language("fr")
    assert is_language("hye")
    assert is_language("arm")
    assert not is_language("xx")
    assert not is_language("FR")
    with pytest.raises(InvalidInput):
        language_code("zz", "language")
    assert language_name("ru", "en") == "Russian"
    assert language_name("fr", "fr").lower() == "français"
    assert language_name("qq") == "qq"
    # A list capitalizes a language's name; a French or Spanish sentence does not ("en russe").
    assert (language_name("ru", "fr"), language_name("ru", "fr", in_a_sentence=True)) == ("Russe", "russe")
    assert language_name("en", "es", in_a_sentence=True) == "inglés"
    assert language_name("ru", "en", in_a_sentence=True) == "Russian"
    assert language_name("en", "ru", in_a_sentence=True) == "английский"


def test_the_api_gives_every_language_or_the_one_asked_for() -> None:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(TextsOut)
    texts = Texts([("fr", "Sommet"), ("en", "Summit")])
    assert adapter.dump_python(texts) == {"fr": "Sommet", "en": "Summit"}
    token = set_api_language("en")
    try:
        assert adapter.dump_python(texts) == {"en": "Summit"}
    finally:
        reset_api_language(token)
    token = set_api_language("ru")
    try:
        assert adapter.dump_python(texts) == {"fr": "Sommet"}  # the default, under its own code
    finally:
        reset_api_language(token)


class _TitleForm(ActForm):
    title = TextsFormField(label="Title")
    note = TextsFormField(label="Note", multiline=True, required=False)


def test_a_form_takes_a_text_per_organization_language() -> None:
    with languages_for(FR_EN):
        form = _TitleForm({"title_fr": "Sommet", "title_en": "Summit", "note_fr": ""})
        assert form.is_valid(), form.errors
    assert list(form.cleaned_data["title"].items()) == [("fr", "Sommet"), ("en", "Summit")]
    assert form.cleaned_data["note"] == {}
    html = str(form["title"])
    assert 'name="title_fr"' in html
    assert 'lang="fr"' in html
    assert 'name="title_en"' in html


def test_a_form_says_which_language_is_missing() -> None:
    with translation.override("en"):
        form = _TitleForm({"title_en": "Summit"}, languages=FR_EN)
        assert not form.is_valid()
        assert "French" in form.errors["title"][0]


def test_a_form_field_is_a_multi_value_field() -> None:
    assert isinstance(_TitleForm.base_fields["title"], forms.MultiValueField)


def test_a_model_built_in_memory_holds_texts_whatever_is_assigned() -> None:
    from accord.members.models import Organization

    built = Organization(pk=1)
    assert isinstance(built.name, Texts)
    assert built.name == {}
    built.name = {"fr": "Pacte"}
    assert isinstance(built.name, Texts)
    assert built.name.pick("fr").text == "Pacte"
