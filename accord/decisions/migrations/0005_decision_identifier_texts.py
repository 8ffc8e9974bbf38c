"""A decision's identifier as each organization language writes it (issue #16).

The stable identifier the log records stays as it is. For each adopted decision the migration composes
the identifier again in English from its body's name, its day and its proposal's title: where that gives
the stored identifier, the decision was named by body, date and title, and it is composed in every
organization language; any other identifier (a numbered one) reads alike in every language.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

import accord.core.translations
from accord.core.translations import Texts
from accord.decisions import identifiers


def _languages(apps: Any) -> list[str]:
    Organization = apps.get_model("members", "Organization")
    found = Organization.objects.filter(pk=1).values_list("languages", "working_languages").first()
    chosen = [str(code) for code in (found[0] or found[1])] if found else []
    return chosen or ["en"]


def forward(apps: Any, schema_editor: Any) -> None:
    Decision = apps.get_model("decisions", "Decision")
    languages = _languages(apps)
    for decision in Decision.objects.exclude(identifier=None).select_related("proposal__body"):
        name, title = Texts.of(decision.proposal.body.name), Texts.of(decision.proposal.title)
        if identifiers.composed(name, decision.decided_on, title, "en") == decision.identifier:
            shown = identifiers.per_language(name, decision.decided_on, title, languages)
        else:
            shown = identifiers.the_same_in(decision.identifier, languages)
        decision.identifier_texts = [[code, text] for code, text in shown.items()]
        decision.save(update_fields=["identifier_texts"])


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0004_procedure_session_id"),
        ("members", "0007_references_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="identifier_texts",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
