"""What accord.core.text refuses, it says in the reader's language: a username a person types on the
administration page comes back in Russian on a Russian page (stop 26: these were English only)."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.core.errors import InvalidInput
from accord.core.text import check_all, username_of


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "use letters, digits, '.', '_' or '-'"),
    ("ru", "используйте буквы, цифры, «.», «_» или «-»"),
    ("fr", "utilisez des lettres, des chiffres, « . », « _ » ou « - »"),
])
def test_a_username_with_a_space_is_refused_in_the_readers_language(language: str, expected: str) -> None:
    with translation.override(language), pytest.raises(InvalidInput) as caught:
        username_of("kaz head")
    assert (caught.value.field, str(caught.value.reason)) == ("username", expected)


def test_a_username_mixing_scripts_names_them_in_russian() -> None:
    with translation.override("ru"), pytest.raises(InvalidInput) as caught:
        username_of("kaz.dele\u0458ate")  # a Cyrillic je among Latin letters
    assert str(caught.value.reason) == "смешивает буквы нескольких алфавитов (cyrillic, latin)"


def test_a_nul_character_is_refused_in_french() -> None:
    with translation.override("fr"), pytest.raises(InvalidInput) as caught:
        check_all({"title": "a\x00b"})
    assert (caught.value.field, str(caught.value.reason)) == ("title", "contient un caractère NUL")
