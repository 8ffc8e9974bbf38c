"""The names of member states: the organization's own official short name where it sets one, and ISO's
(pycountry's ISO 3166 translations) in every other language."""

from __future__ import annotations

from functools import cache

import pycountry
from django.conf import settings
from django.utils.translation import get_language

from accord.core.translations import Picked, Texts, country_name


@cache
def alpha_2(code: str) -> str:
    """The ISO 3166-1 alpha-2 code of a member's alpha-3 code ("" if ISO has none)."""
    found = pycountry.countries.get(alpha_3=code.upper()) if len(code) == 3 else None
    return str(found.alpha_2) if found is not None else ""


class CountryNames(Texts):
    """A state's name per language: the official ones the organization set, then ISO's in the languages of
    the pages; `pick` names the state in any other language ISO translates as well."""

    code: str = ""

    def pick(self, language: str | None = None) -> Picked:
        wanted = (language or get_language() or "en").split("-")[0]
        if not self.get(wanted) and self.code:
            iso = country_name(alpha_2(self.code), wanted)
            if iso:
                return Picked(iso, wanted, False)
        return super().pick(language)


def country_names(code: str, official: Texts) -> CountryNames:
    """The names of the state `code` (alpha-3): `official` where given, ISO's for the other page languages."""
    names = CountryNames(official)
    names.code = code
    for language, _label in settings.LANGUAGES:
        if not names.get(language):
            iso = country_name(alpha_2(code), language)
            if iso:
                names[language] = iso
    return names


def official_names(code: str, given: Texts) -> Texts:
    """The official names worth keeping: those that differ from ISO's name in their language (the same name
    would only hide a later correction of ISO's)."""
    return Texts((language, text) for language, text in given.items()
                 if text != country_name(alpha_2(code), language))
