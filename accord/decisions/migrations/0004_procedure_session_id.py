"""Consensus at a session names the session by its id (issue #21), no longer as free text.

A text that is a session's number is kept as that number; any other text named no session the
software knows, and is not carried over (a procedure's act in the log keeps what it said)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def forward(apps: Any, schema_editor: Any) -> None:
    Procedure = apps.get_model("decisions", "Procedure")
    for procedure in Procedure.objects.exclude(session_text=""):
        text = procedure.session_text.strip()
        if text.isdigit():
            procedure.session = int(text)
            procedure.save(update_fields=["session"])


def backward(apps: Any, schema_editor: Any) -> None:
    Procedure = apps.get_model("decisions", "Procedure")
    for procedure in Procedure.objects.exclude(session=None):
        procedure.session_text = str(procedure.session)
        procedure.save(update_fields=["session_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0003_proposal_title_texts"),
    ]

    operations = [
        migrations.RenameField(model_name="procedure", old_name="session", new_name="session_text"),
        migrations.AlterField(model_name="procedure", name="session_text",
                              field=models.CharField(max_length=300, blank=True, default="")),
        migrations.AddField(model_name="procedure", name="session", field=models.PositiveIntegerField(null=True)),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="procedure", name="session_text"),
    ]
