"""A proposal's title becomes one value holding a text per language (issue #16): the English and
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
    Proposal = apps.get_model("decisions", "Proposal")
    order = _order(apps)
    for proposal in Proposal.objects.all():
        columns = {"en": proposal.title_en, "ru": proposal.title_ru}
        proposal.title = [[code, columns[code]] for code in order if columns.get(code)]
        proposal.save(update_fields=["title"])


def backward(apps: Any, schema_editor: Any) -> None:
    Proposal = apps.get_model("decisions", "Proposal")
    for proposal in Proposal.objects.all():
        texts = dict(accord.core.translations.Texts.of(proposal.title))
        proposal.title_en = texts.get("en", "")
        proposal.title_ru = texts.get("ru", "")
        proposal.save(update_fields=["title_en", "title_ru"])


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0002_decision_absent"),
        ("members", "0004_organization_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="title",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        migrations.RunPython(forward, backward),
        # A default for the English column, so that reversing re-adds it to rows that exist.
        migrations.AlterField(model_name="proposal", name="title_en",
                              field=models.CharField(max_length=400, blank=True, default="")),
        migrations.RemoveField(model_name="proposal", name="title_en"),
        migrations.RemoveField(model_name="proposal", name="title_ru"),
    ]
