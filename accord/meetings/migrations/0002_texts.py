"""Meetings' texts follow the charter's languages: each `x_en`/`x_ru` pair (and an item's outcome note, a
single text) becomes one `x` holding a text per language, without loss, in the organization's order."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

import accord.core.translations

# (model, new field, the old columns it is made of, by language)
PAIRS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("session", "title", {"en": "title_en", "ru": "title_ru"}),
    ("session", "place", {"en": "place_en", "ru": "place_ru"}),
    ("session", "note", {"en": "note_en", "ru": "note_ru"}),
    ("part", "title", {"en": "title_en", "ru": "title_ru"}),
    ("agendaitem", "title", {"en": "title_en", "ru": "title_ru"}),
    ("statement", "summary", {"en": "summary_en", "ru": "summary_ru"}),
    ("bilateral", "place", {"en": "place_en", "ru": "place_ru"}),
)


def _languages(apps: Any) -> list[str]:
    """The organization's languages in its order (Russian first, the old default, if there is none)."""
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).only(
        "languages", "working_languages").first()  # only these: other apps may have changed the rest
    if organization is None:
        return ["ru", "en"]
    return list(organization.languages or organization.working_languages or []) or ["ru", "en"]


def _ordered(texts: dict[str, str], languages: list[str]) -> list[list[str]]:
    ranked = {code: index for index, code in enumerate(languages)}
    pairs = sorted(((code, text) for code, text in texts.items() if text),
                   key=lambda pair: (ranked.get(pair[0], len(ranked)), pair[0] != "ru"))
    return [[code, text] for code, text in pairs]


def _checked_now(schema_editor: Any) -> None:
    """PostgreSQL: run the deferred foreign-key checks of the rows just updated, so that the same
    transaction may alter their tables next ("pending trigger events" otherwise)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def forward(apps: Any, schema_editor: Any) -> None:
    languages = _languages(apps)
    for model_name, field, columns in PAIRS:
        model = apps.get_model("meetings", model_name)
        for row in model.objects.all():
            texts = {code: getattr(row, column) or "" for code, column in columns.items()}
            model.objects.filter(pk=row.pk).update(**{field: _ordered(texts, languages)})
    item = apps.get_model("meetings", "AgendaItem")
    default = languages[0]
    for row in item.objects.exclude(outcome_note_old=""):
        item.objects.filter(pk=row.pk).update(outcome_note=[[default, row.outcome_note_old]])
    _checked_now(schema_editor)


def _text_in(value: Any, code: str) -> str:
    return next((text for pair_code, text in (value or []) if pair_code == code), "")


def backward(apps: Any, schema_editor: Any) -> None:
    languages = _languages(apps)
    for model_name, field, columns in PAIRS:
        model = apps.get_model("meetings", model_name)
        for row in model.objects.all():
            value = getattr(row, field)
            pairs = list(value.items()) if isinstance(value, dict) else list(value or [])
            model.objects.filter(pk=row.pk).update(**{column: _text_in(pairs, code)
                                                      for code, column in columns.items()})
    item = apps.get_model("meetings", "AgendaItem")
    for row in item.objects.all():
        value = row.outcome_note
        pairs = list(value.items()) if isinstance(value, dict) else list(value or [])
        note = _text_in(pairs, languages[0]) or next((text for _code, text in pairs if text), "")
        item.objects.filter(pk=row.pk).update(outcome_note_old=note[:500])
    _checked_now(schema_editor)


def _texts() -> accord.core.translations.TextsField:
    return accord.core.translations.TextsField(blank=True, default=list)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0001_initial"),
        ("members", "0004_organization_languages"),
    ]

    operations = [
        migrations.RenameField("agendaitem", "outcome_note", "outcome_note_old"),
        *(migrations.AddField(model_name, field, _texts())
          for model_name, field in dict.fromkeys((m, f) for m, f, _c in PAIRS)),
        migrations.AddField("agendaitem", "outcome_note", _texts()),
        migrations.RunPython(forward, backward),
        migrations.RemoveField("agendaitem", "outcome_note_old"),
        # Required titles get a default first, so that the columns can come back (reversed) on full tables.
        *(migrations.AlterField(model_name, column, models.CharField(max_length=length, default=""))
          for model_name, length in (("session", 300), ("agendaitem", 500))
          for column in ("title_en", "title_ru")),
        *(migrations.RemoveField(model_name, column)
          for model_name, _f, columns in PAIRS for column in columns.values()),
    ]
