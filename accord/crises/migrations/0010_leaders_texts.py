"""A mission's leaders, each a text per language (issue #16): each was one name, typed in the organization's
default language (as a plain text is taken to be everywhere); it becomes that language's text, and back.
The column stays a JSON list; only what each item holds changes, from "name" to {"en": "name"}."""

from importlib import import_module
from typing import Any

from django.db import migrations

# The organization's default language, read as the outcome note's migration reads it (a migration is never
# changed once written, so its reading stays the same).
_default = import_module("accord.crises.migrations.0007_crisis_outcome_note_texts")._default


def forward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    Crisis = apps.get_model("crises", "crisis")
    # A queryset's update: a migration is no act, and the write guard watches saves.
    for pk, leaders in Crisis.objects.values_list("pk", "leaders"):
        if any(isinstance(name, str) for name in leaders or ()):
            texts = [{default: name} if isinstance(name, str) else name for name in leaders]
            Crisis.objects.filter(pk=pk).update(leaders=texts)


def backward(apps: Any, schema_editor: Any) -> None:
    default = _default(apps)
    Crisis = apps.get_model("crises", "crisis")
    for pk, leaders in Crisis.objects.values_list("pk", "leaders"):
        if any(isinstance(name, dict) for name in leaders or ()):
            plain = [name if isinstance(name, str) else name.get(default) or next(iter(name.values()), "")
                     for name in leaders]
            Crisis.objects.filter(pk=pk).update(leaders=plain)


class Migration(migrations.Migration):
    dependencies = [("crises", "0009_pledge_force")]

    operations = [migrations.RunPython(forward, backward)]
