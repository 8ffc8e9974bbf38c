"""Texts people read in several languages become one value holding a text per language (issue #16): a
document's English and Russian title columns are copied, in the order of the organization's languages,
into `title`; a treaty step's reference and a notification's subject and text, written in one language
before, are kept as the text of the organization's default language (as `Texts.of` reads a plain string)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

import accord.core.translations

OLD = ("ru", "en")  # the columns the title had, Russian (the old default) first


def _order(apps: Any) -> list[str]:
    """The organization's languages then the rest of the old columns' (Russian first if no organization)."""
    Organization = apps.get_model("members", "Organization")
    found = Organization.objects.filter(pk=1).values_list("languages", "working_languages").first()
    chosen = [str(code) for code in (found[0] or found[1])] if found else []
    return [*chosen, *(code for code in OLD if code not in chosen)]


def forward(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("documents", "Document")
    order = _order(apps)
    for document in Document.objects.all():
        columns = {"en": document.title_en, "ru": document.title_ru}
        # An update, not a save: a migration is no act (the write guard watches saves).
        Document.objects.filter(pk=document.pk).update(
            title=[[code, columns[code]] for code in order if columns.get(code)])


# (model, the single-language column, the new column that takes its place)
SINGLE = (("treatystep", "reference"), ("notification", "subject"), ("notification", "text"))


def forward_single(apps: Any, schema_editor: Any) -> None:
    default = _order(apps)[0]
    for model, name in SINGLE:
        Model = apps.get_model("documents", model)
        for pk, value in Model.objects.values_list("pk", name):
            Model.objects.filter(pk=pk).update(**{f"{name}_texts": [[default, value]] if value else []})


def backward_single(apps: Any, schema_editor: Any) -> None:
    for model, name in SINGLE:
        Model = apps.get_model("documents", model)
        for pk, value in Model.objects.values_list("pk", f"{name}_texts"):
            texts = accord.core.translations.Texts.of(value)
            Model.objects.filter(pk=pk).update(**{name: texts.default})


def backward(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("documents", "Document")
    for document in Document.objects.all():
        texts = dict(accord.core.translations.Texts.of(document.title))
        Document.objects.filter(pk=document.pk).update(title_en=texts.get("en", ""), title_ru=texts.get("ru", ""))


class Migration(migrations.Migration):
    # Each step in its own transaction: PostgreSQL refuses to alter a table whose rows (with foreign keys) were
    # just updated in the same transaction ("pending trigger events").
    atomic = False

    dependencies = [
        ("documents", "0001_initial"),
        ("members", "0004_organization_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="title",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        # Blank, so that going back re-adds the columns to rows that have none yet (then `backward` fills them).
        migrations.AlterField(model_name="document", name="title_en", field=models.CharField(max_length=300, blank=True)),
        migrations.AlterField(model_name="document", name="title_ru", field=models.CharField(max_length=300, blank=True)),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="document", name="title_en"),
        migrations.RemoveField(model_name="document", name="title_ru"),
        *(migrations.AddField(model_name=model, name=f"{name}_texts",
                              field=accord.core.translations.TextsField(blank=True, default=list))
          for model, name in SINGLE),
        # Blank, for the same reason as the title's columns.
        migrations.AlterField(model_name="notification", name="subject",
                              field=models.CharField(max_length=300, blank=True)),
        migrations.RunPython(forward_single, backward_single),
        *(migrations.RemoveField(model_name=model, name=name) for model, name in SINGLE),
        *(migrations.RenameField(model_name=model, old_name=f"{name}_texts", new_name=name)
          for model, name in SINGLE),
    ]
