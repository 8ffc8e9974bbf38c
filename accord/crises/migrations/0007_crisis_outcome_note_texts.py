"""A request's outcome note as a text per language (issue #16). The note was one text, typed in the
organization's default language (as a plain text is taken to be everywhere): it becomes that language's
text, and back."""

from typing import Any

from django.db import migrations, models

import accord.core.translations


def _default(apps: Any) -> str:
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).only(
        "languages", "working_languages").first()  # only these: other apps may have changed the rest
    chosen = list((organization.languages or organization.working_languages) if organization else [])
    return chosen[0] if chosen else "ru"


def forward(apps: Any, schema_editor: Any) -> None:
    Crisis = apps.get_model("crises", "Crisis")
    default = _default(apps)
    # A queryset's update: a migration is no act, and the write guard watches saves.
    for pk, note in Crisis.objects.exclude(old_outcome_note="").values_list("pk", "old_outcome_note"):
        Crisis.objects.filter(pk=pk).update(outcome_note=[[default, note]])


def backward(apps: Any, schema_editor: Any) -> None:
    Crisis = apps.get_model("crises", "Crisis")
    default = _default(apps)
    for pk, note in Crisis.objects.values_list("pk", "outcome_note"):
        texts = accord.core.translations.Texts.of(note)
        Crisis.objects.filter(pk=pk).update(old_outcome_note=texts.get(default) or texts.default)


class Migration(migrations.Migration):

    dependencies = [
        ("crises", "0006_letter_text"),
    ]

    operations = [
        migrations.RenameField(model_name="crisis", old_name="outcome_note", new_name="old_outcome_note"),
        migrations.AddField(
            model_name="crisis",
            name="outcome_note",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        migrations.RunPython(forward, backward),
        migrations.AlterField(model_name="crisis", name="old_outcome_note", field=models.TextField(blank=True,
                                                                                                   default="")),
        migrations.RemoveField(model_name="crisis", name="old_outcome_note"),
    ]
