"""A value's certainty becomes its act's core provenance (accord.core.provenance): the `illustrative` column is
carried over, then removed.

Forward, an illustrative value's entry gets the provenance {"fields": {"value": {"certainty": "illustrative"}}}
as its act's own (recorded_seq = entry_seq), added to the provenance the act carried where it carried one
and named no certainty of `value` itself: exactly what the log's replay of such an entry does
(monitoring.actions.report_value's `logged_illustrative`, core.actions.keep_certainty), so that `accord
audit` finds the same. Backward, a value whose act's provenance marks `value` illustrative is illustrative
again; the provenance is left as it is (the log's entry says it, and the replay rebuilds it).
"""

from typing import Any

from django.db import migrations, models

FIELD = "value"
ILLUSTRATIVE = "illustrative"


def forward(apps: Any, schema_editor: Any) -> None:
    Value = apps.get_model("monitoring", "Value")
    Provenance = apps.get_model("core", "Provenance")
    for seq in Value.objects.filter(illustrative=True).values_list("entry_seq", flat=True).iterator():
        row = Provenance.objects.filter(entry_seq=seq, recorded_seq=seq).first()
        if row is None:
            Provenance.objects.create(entry_seq=seq, recorded_seq=seq,
                                      data={"fields": {FIELD: {"certainty": ILLUSTRATIVE}}})
            continue
        fields = dict(row.data.get("fields") or {})
        if FIELD not in fields:
            row.data = {**row.data, "fields": {**fields, FIELD: {"certainty": ILLUSTRATIVE}}}
            row.save(update_fields=["data"])


def backward(apps: Any, schema_editor: Any) -> None:
    Value = apps.get_model("monitoring", "Value")
    Provenance = apps.get_model("core", "Provenance")
    latest: dict[int, str] = {}
    seqs = Value.objects.values("entry_seq")
    for seq, data in (Provenance.objects.filter(entry_seq__in=seqs).order_by("entry_seq", "recorded_seq")
                      .values_list("entry_seq", "data")):
        given = (data.get("fields") or {}).get(FIELD)
        if given:
            latest[seq] = given.get("certainty", "")
    marked = [seq for seq, certainty in latest.items() if certainty == ILLUSTRATIVE]
    for start in range(0, len(marked), 500):
        Value.objects.filter(entry_seq__in=marked[start:start + 500]).update(illustrative=True)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_provenance"),
        ("monitoring", "0003_alerts_consultations"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="value", name="illustrative"),
    ]
