"""A force's establishing decision as published and its source, and a contribution's note, as a text per
language (issue #16). Each was one text, typed in the organization's default language (as a plain text is
taken to be everywhere): it becomes that language's text, and back."""

from typing import Any

from django.db import migrations, models

import accord.core.translations

# The model and its fields that become texts, with the old column as it was (for the way back).
FIELDS: dict[str, dict[str, Any]] = {
    "force": {"decision_reference": models.CharField(max_length=500, blank=True, default=""),
              "source": models.CharField(max_length=500, blank=True, default="")},
    "contribution": {"note": models.CharField(max_length=500, blank=True, default="")},
}
OLD = "old_"


def _default(apps: Any) -> str:
    """The organization's default language, as this migration reads it (it never changes once written)."""
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).only(
        "languages", "working_languages").first()  # only these: other apps may have changed the rest
    chosen = list((organization.languages or organization.working_languages) if organization else [])
    return chosen[0] if chosen else "ru"


def forward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    for model, fields in FIELDS.items():
        Model = apps.get_model("forces", model)
        old = [OLD + name for name in fields]
        # A queryset's update: a migration is no act, and the write guard watches saves.
        for pk, *values in Model.objects.values_list("pk", *old):
            texts = {name: [[default, value]] if value else [] for name, value in zip(fields, values, strict=True)}
            Model.objects.filter(pk=pk).update(**texts)


def backward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    for model, fields in FIELDS.items():
        Model = apps.get_model("forces", model)
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
        ("forces", "0001_initial"),
        ("members", "0004_organization_languages"),
    ]

    operations = _operations()
