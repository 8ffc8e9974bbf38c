"""The registry's `*_en`/`*_ru` pairs become one Texts field each (issue #16), without losing a text.

The texts are copied in the order of the organization's languages (its working languages first), then the
rest; Russian first where no organization is configured. A member's name is kept only where it differs
from ISO's (pycountry's) name in that language: the same name is what the pages show without it. A
person's plain `full_name` (the name in Latin script) is taken to be English where the organization keeps
English, else in its default language.
"""

from typing import Any

from django.db import migrations, models

import accord.core.translations
from accord.core.translations import Texts, country_name
from accord.ledger.guard import acting

STEMS = {
    "organization": ("name", "abbreviation", "headquarters", "treaty_name", "treaty_signed_at",
                     "charter_signed_at"),
    "body": ("name", "composition"),
}


# Every old column, with its length, as 0001-0004 made them.
OLD_COLUMNS = [
    *[("organization", f"{stem}_{language}", length) for stem, length in
      (("name", 200), ("abbreviation", 20), ("headquarters", 100), ("treaty_name", 200), ("treaty_signed_at", 100),
       ("charter_signed_at", 100)) for language in ("en", "ru")],
    *[("body", f"{stem}_{language}", length) for stem, length in (("name", 200), ("composition", 300))
      for language in ("en", "ru")],
    ("member", "name_en", 200), ("member", "name_ru", 200),
    ("person", "full_name_plain", 200), ("person", "full_name_ru", 200),
]


def _languages(apps: Any) -> list[str]:
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).first()
    if organization is None:
        return ["ru", "en"]
    return list(organization.languages or organization.working_languages) or ["ru", "en"]


def _ordered(texts: dict[str, str], languages: list[str]) -> list[list[str]]:
    """`[[code, text], ...]` in the organization's order, then the rest; empty texts dropped."""
    order = [code for code in languages if code in texts] + [code for code in texts if code not in languages]
    return [[code, texts[code]] for code in order if texts[code]]


def _alpha_2(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(found.alpha_2) if found is not None else ""


def forward(apps: Any, schema_editor: Any) -> None:
    # A migration is not an act: it carries the stored state over to a new shape, and writes no entry.
    with acting("migration members.0005_texts"):
        _forward(apps)


def _forward(apps: Any) -> None:
    languages = _languages(apps)
    for model_name, stems in STEMS.items():
        for row in apps.get_model("members", model_name).objects.all():
            for stem in stems:
                pair = {"en": getattr(row, f"{stem}_en"), "ru": getattr(row, f"{stem}_ru")}
                setattr(row, stem, _ordered(pair, languages))
            row.save()
    for member in apps.get_model("members", "Member").objects.all():
        pair = {language: text for language, text in (("en", member.name_en), ("ru", member.name_ru))
                if text != country_name(_alpha_2(member.code), language)}
        member.official_name = _ordered(pair, languages)
        member.save()
    plain = "en" if "en" in languages or not languages else languages[0]
    for person in apps.get_model("members", "Person").objects.all():
        texts = {"ru": person.full_name_ru} if plain != "ru" else {}
        texts[plain] = person.full_name_plain or texts.get(plain, "")
        person.full_name = _ordered(texts, languages)
        person.save()


def _text(value: Any, language: str) -> str:
    return str(Texts.of(value).get(language, ""))


def _default(value: Any) -> str:
    return Texts.of(value).default


def backward(apps: Any, schema_editor: Any) -> None:
    with acting("migration members.0005_texts, reversed"):
        _backward(apps)


def _backward(apps: Any) -> None:
    for model_name, stems in STEMS.items():
        for row in apps.get_model("members", model_name).objects.all():
            for stem in stems:
                value = getattr(row, stem)
                setattr(row, f"{stem}_en", _text(value, "en") or _default(value))
                setattr(row, f"{stem}_ru", _text(value, "ru"))
            row.save()
    for member in apps.get_model("members", "Member").objects.all():
        value = member.official_name
        member.name_en = _text(value, "en") or country_name(_alpha_2(member.code), "en")
        member.name_ru = _text(value, "ru") or country_name(_alpha_2(member.code), "ru")
        member.save()
    for person in apps.get_model("members", "Person").objects.all():
        value = person.full_name
        person.full_name_plain = _text(value, "en") or _default(value)
        person.full_name_ru = _text(value, "ru")
        person.save()


def _texts_field() -> Any:
    return accord.core.translations.TextsField(blank=True, default=list)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_organization_languages"),
    ]

    operations = [
        migrations.RenameField(model_name="person", old_name="full_name", new_name="full_name_plain"),
        *[migrations.AddField(model_name="organization", name=stem, field=_texts_field())
          for stem in STEMS["organization"]],
        *[migrations.AddField(model_name="body", name=stem, field=_texts_field()) for stem in STEMS["body"]],
        migrations.AddField(model_name="member", name="official_name", field=_texts_field()),
        migrations.AddField(model_name="person", name="full_name", field=_texts_field()),
        migrations.RunPython(forward, backward),
        # Blank before they go, so that a reverse migration adds them back empty, then fills them.
        *[migrations.AlterField(model_name=model_name, name=name,
                                field=models.CharField(max_length=length, blank=True))
          for model_name, name, length in OLD_COLUMNS],
        *[migrations.RemoveField(model_name="organization", name=f"{stem}_{language}")
          for stem in STEMS["organization"] for language in ("en", "ru")],
        *[migrations.RemoveField(model_name="body", name=f"{stem}_{language}")
          for stem in STEMS["body"] for language in ("en", "ru")],
        migrations.RemoveField(model_name="member", name="name_en"),
        migrations.RemoveField(model_name="member", name="name_ru"),
        migrations.RemoveField(model_name="person", name="full_name_plain"),
        migrations.RemoveField(model_name="person", name="full_name_ru"),
        migrations.AlterModelOptions(name="member", options={"ordering": ["code"]}),
    ]
