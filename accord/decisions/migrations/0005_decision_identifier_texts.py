"""A decision's identifier as each organization language writes it (issue #16).

The stable identifier the log records stays as it is. For each adopted decision the migration composes
the identifier again in English from its body's name (the name the log established for it, as a replay
takes it, else its name today), its day and its proposal's title: where that gives the stored identifier,
the decision was named by body, date and title, and it is composed in every organization language; any
other identifier (a numbered one) reads alike in every language (`accord.decisions.migrations._identifiers`, frozen).
"""

from __future__ import annotations

from django.db import migrations

import accord.core.translations
from accord.decisions.migrations._identifiers import compose_identifiers


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0004_procedure_session_id"),
        ("members", "0007_references_texts"),
        ("ledger", "0004_node_key_is_the_rowid"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="identifier_texts",
            field=accord.core.translations.TextsField(blank=True, default=list),
        ),
        migrations.RunPython(compose_identifiers, migrations.RunPython.noop),
    ]
