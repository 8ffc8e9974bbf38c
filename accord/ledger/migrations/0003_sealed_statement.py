"""Format 2 of the log: a non-public act's entry commits to its whole signed statement, kept in `Sealed`."""

from typing import Any

from django.db import migrations, models


def refuse_format_1_sealed_acts(apps: Any, schema_editor: Any) -> None:
    # A format-1 entry committed to its body alone and showed its actor and audience; its sealed
    # content cannot be carried into format 2 without breaking the commitment it was logged with.
    if apps.get_model("ledger", "Sealed").objects.exists():
        raise RuntimeError("this database holds non-public acts logged in format 1, which format 2 cannot "
                           "open: start a new log (a new database, then `accord demo` for the demo)")


class Migration(migrations.Migration):

    dependencies = [
        ("ledger", "0002_cosignatures"),
    ]

    operations = [
        migrations.RunPython(refuse_format_1_sealed_acts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="sealed", name="body"),
        migrations.AddField(model_name="sealed", name="content", field=models.TextField(default=""),
                            preserve_default=False),
        migrations.AddField(model_name="sealed", name="member",
                            field=models.CharField(blank=True, db_index=True, default="", max_length=3),
                            preserve_default=False),
    ]
