"""A crisis's own prose as a text per language (issue #16): the request (what happened, the area, what it
asks for, the closing note), the mandate (purpose, area, commander), an extension's reference, a situation
report, a lesson and its validated wording. Each was one text, typed in the organization's default language
(as a plain text is taken to be everywhere): it becomes that language's text, and back."""

from importlib import import_module
from typing import Any

from django.db import migrations, models

import accord.core.translations

# The model and its fields that become texts, with the old column as it was (for the way back).
FIELDS: dict[str, dict[str, Any]] = {
    "crisis": {"happened": models.TextField(default=""), "area": models.CharField(max_length=300, default=""),
               "asks_for": models.TextField(default=""), "closing_note": models.TextField(blank=True, default="")},
    "mandate": {"purpose": models.TextField(default=""), "area": models.CharField(max_length=300, default=""),
                "commander": models.CharField(max_length=200, default="")},
    "extension": {"reference": models.CharField(max_length=300, default="")},
    "situationreport": {"text": models.TextField(default="")},
    "lesson": {"text": models.TextField(default=""), "validated_text": models.TextField(blank=True, default="")},
}
OLD = "old_"


# The organization's default language, read as the outcome note's migration reads it (a migration is never
# changed once written, so its reading stays the same).
_default = import_module("accord.crises.migrations.0007_crisis_outcome_note_texts")._default


def forward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    for model, fields in FIELDS.items():
        Model = apps.get_model("crises", model)
        old = [OLD + name for name in fields]
        # A queryset's update: a migration is no act, and the write guard watches saves.
        for pk, *values in Model.objects.values_list("pk", *old):
            texts = {name: [[default, value]] if value else [] for name, value in zip(fields, values, strict=True)}
            Model.objects.filter(pk=pk).update(**texts)


def backward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    for model, fields in FIELDS.items():
        Model = apps.get_model("crises", model)
        for pk, *values in Model.objects.values_list("pk", *fields):
            plain = {}
            for name, value in zip(fields, values, strict=True):
                texts = accord.core.translations.Texts.of(value)
                plain[OLD + name] = texts.get(default) or texts.default
            Model.objects.filter(pk=pk).update(**plain)


def _operations() -> list[Any]:
    renamed, added, restored, removed = [], [], [], []
    for model, fields in FIELDS.items():
        for name, column in fields.items():
            renamed.append(migrations.RenameField(model_name=model, old_name=name, new_name=OLD + name))
            added.append(migrations.AddField(model_name=model, name=name,
                                             field=accord.core.translations.TextsField(blank=True, default=list)))
            # Going back, the old column is added again empty before the texts fill it: it needs a default.
            restored.append(migrations.AlterField(model_name=model, name=OLD + name, field=column))
            removed.append(migrations.RemoveField(model_name=model, name=OLD + name))
    return [*renamed, *added, migrations.RunPython(forward, backward), *restored, *removed]


class Migration(migrations.Migration):

    dependencies = [
        ("crises", "0007_crisis_outcome_note_texts"),
        ("members", "0004_organization_languages"),
    ]

    operations = _operations()
