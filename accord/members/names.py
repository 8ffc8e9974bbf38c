"""Country names in English and Russian from the ISO 3166 standard data that pycountry ships."""

from __future__ import annotations

import gettext
from functools import lru_cache
from typing import Any

import pycountry


@lru_cache(maxsize=1)
def _russian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def english(country: Any) -> str:
    # The common name where ISO has one ("Bolivia"), otherwise the short name ("Armenia").
    return str(getattr(country, "common_name", None) or country.name)


def russian(country: Any) -> str:
    return _russian().gettext(str(country.name))
