"""The demo's people: the heads who sat on the Collective Security Council at the 16 May 2022 summit, and
the delegations they led, in Russian and English.

The seed names the heads in Latin script (SCENARIO.md: "Pashinyan (Armenia, chair), Lukashenko ...");
the Russian spellings are the ones the Kremlin's and the member states' own Russian-language pages use.
The titles are the offices the seed gives them, with our Russian translation.
"""

from __future__ import annotations

from typing import NamedTuple


class Head(NamedTuple):
    name_en: str
    name_ru: str
    title_en: str
    title_ru: str

    @property
    def name(self) -> dict[str, str]:
        return {"ru": self.name_ru, "en": self.name_en}

    @property
    def title(self) -> dict[str, str]:
        return {"ru": self.title_ru, "en": self.title_en}


HEADS = {
    "ARM": Head("Nikol Pashinyan", "Никол Пашинян", "Prime Minister of Armenia", "Премьер-министр Армении"),
    "BLR": Head("Alexander Lukashenko", "Александр Лукашенко", "President of Belarus", "Президент Беларуси"),
    "KAZ": Head("Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "President of Kazakhstan", "Президент Казахстана"),
    "KGZ": Head("Sadyr Zhaparov", "Садыр Жапаров", "President of Kyrgyzstan", "Президент Кыргызстана"),
    "RUS": Head("Vladimir Putin", "Владимир Путин", "President of Russia", "Президент России"),
    "TJK": Head("Emomali Rakhmon", "Эмомали Рахмон", "President of Tajikistan", "Президент Таджикистана"),
}
# Each delegation's name in "Delegate of ..." (English, and Russian in the genitive case).
DELEGATIONS = {
    "ARM": ("Armenia", "Армении"), "BLR": ("Belarus", "Беларуси"), "KAZ": ("Kazakhstan", "Казахстана"),
    "KGZ": ("Kyrgyzstan", "Кыргызстана"), "RUS": ("Russia", "России"), "TJK": ("Tajikistan", "Таджикистана"),
}


def head_of(username: str) -> Head:
    """The head whose demo login is `username` ("rus.head")."""
    return HEADS[username.split(".")[0].upper()]
