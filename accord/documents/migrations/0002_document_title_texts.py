"""A document's title becomes one value holding a text per language (issue #16): the English and
Russian columns are copied, in the order of the organization's languages, into `title`, then dropped."""

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


def backward(apps: Any, schema_editor: Any) -> None:
    Document = apps.get_model("documents", "Document")
    for document in Document.objects.all():
        texts = dict(accord.core.translations.Texts.of(document.title))
        Document.objects.filter(pk=document.pk).update(title_en=texts.get("en", ""), title_ru=texts.get("ru", ""))


class Migration(migrations.Migration):

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
    ]
