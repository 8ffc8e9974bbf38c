"""The migration of a plain text column to a text per language, kept whole both ways (issue #16).

A plain text was written in no language in particular; it is taken to be in the organization's default
language (the first of its languages, Russian where none is configured, as the earlier text migrations
do). Migrated backwards, the column gets the default language's text back, or the first text there is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import migrations, models

from accord.core.translations import Texts, TextsField

# (model, field, the plain column's length)
PlainField = tuple[str, str, int]


def _default_language(apps: Any) -> str:
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).only(
        "languages", "working_languages").first()  # only these: a later migration may have changed the rest
    if organization is None:
        return "ru"
    return str(([*organization.languages, *organization.working_languages] or ["ru"])[0])


def _plain(name: str) -> str:
    return f"{name}_plain"


def _forward(app_label: str, fields: Sequence[PlainField]) -> Callable[[Any, Any], None]:
    def forward(apps: Any, schema_editor: Any) -> None:
        language = _default_language(apps)
        for model_name, name, _length in fields:
            model = apps.get_model(app_label, model_name)
            for pk, text in model.objects.exclude(**{_plain(name): ""}).values_list("pk", _plain(name)):
                model.objects.filter(pk=pk).update(**{name: [[language, text]]})
        _checked_now(schema_editor)
    return forward


def _backward(app_label: str, fields: Sequence[PlainField]) -> Callable[[Any, Any], None]:
    def backward(apps: Any, schema_editor: Any) -> None:
        language = _default_language(apps)
        for model_name, name, length in fields:
            model = apps.get_model(app_label, model_name)
            for pk, value in model.objects.values_list("pk", name):
                texts = Texts.of(value)
                text = texts.get(language) or texts.default
                model.objects.filter(pk=pk).update(**{_plain(name): text[:length]})
        _checked_now(schema_editor)
    return backward


def _checked_now(schema_editor: Any) -> None:
    """PostgreSQL: run the deferred foreign-key checks of the rows just updated, so that the same
    transaction may alter their tables next ("pending trigger events" otherwise)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def plain_to_texts(app_label: str, fields: Sequence[PlainField]) -> list[migrations.operations.base.Operation]:
    """The operations that turn each plain column into a `TextsField` of the same name, keeping its text."""
    return [
        *(migrations.RenameField(model_name, name, _plain(name)) for model_name, name, _length in fields),
        # Blank with a default before they go, so that a reverse migration adds them back on full tables.
        *(migrations.AlterField(model_name, _plain(name), models.CharField(max_length=length, blank=True,
                                                                           default=""))
          for model_name, name, length in fields),
        *(migrations.AddField(model_name, name, TextsField(blank=True, default=list))
          for model_name, name, _length in fields),
        migrations.RunPython(_forward(app_label, fields), _backward(app_label, fields)),
        *(migrations.RemoveField(model_name, _plain(name)) for model_name, name, _length in fields),
    ]
