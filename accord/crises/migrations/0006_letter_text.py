"""A letter's texts in one field holding a text per language (issue #16), copied without loss from the
English and Russian columns, in the order of the organization's languages."""

from typing import Any

from django.db import migrations, models

import accord.core.translations

OLD = ("ru", "en")  # the columns a letter had: Russian, the old default, first


def _order(apps: Any) -> list[str]:
    """The organization's languages, then the old columns' languages not among them."""
    organization = apps.get_model("members", "Organization").objects.filter(pk=1).only(
        "languages", "working_languages").first()  # only these: other apps may have changed the rest
    chosen = list((organization.languages or organization.working_languages) if organization else [])
    return [code for code in chosen if code in OLD] + [code for code in OLD if code not in chosen]


def forward(apps: Any, schema_editor: Any) -> None:
    Letter = apps.get_model("crises", "Letter")
    order = _order(apps)
    # A queryset's update: a migration is no act, and the write guard watches saves.
    for pk, *texts in Letter.objects.values_list("pk", *(f"text_{code}" for code in order)):
        Letter.objects.filter(pk=pk).update(text=[[code, text] for code, text in zip(order, texts, strict=True) if text])


def backward(apps: Any, schema_editor: Any) -> None:
    Letter = apps.get_model("crises", "Letter")
    for pk, text in Letter.objects.values_list("pk", "text"):
        texts = accord.core.translations.Texts.of(text)
        Letter.objects.filter(pk=pk).update(text_en=texts.get("en", ""), text_ru=texts.get("ru", ""))


class Migration(migrations.Migration):

    dependencies = [
        ("crises", "0005_link"),
        ("members", "0004_organization_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="text",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        migrations.RunPython(forward, backward),
        # Blank by default before they go, so that undoing the migration re-adds them to rows that exist.
        migrations.AlterField(model_name="letter", name="text_en", field=models.TextField(blank=True, default="")),
        migrations.AlterField(model_name="letter", name="text_ru", field=models.TextField(blank=True, default="")),
        migrations.RemoveField(model_name="letter", name="text_en"),
        migrations.RemoveField(model_name="letter", name="text_ru"),
    ]
