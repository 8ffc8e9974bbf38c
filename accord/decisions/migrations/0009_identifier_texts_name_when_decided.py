"""Each decision's identifier composed again in every organization language from the name the log
established for its body (issue #16): a database that 0005 migrated after a body's name changed had it
composed with the new name, or not at all, where a replay of the log composes it with the recorded one."""

from django.db import migrations

from accord.decisions.migrations._identifiers import compose_identifiers


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0008_procedure_kind_circulated"),
        ("ledger", "0004_node_key_is_the_rowid"),
        ("members", "0013_statuses_contributions_stopped"),
    ]

    operations = [migrations.RunPython(compose_identifiers, migrations.RunPython.noop)]
