"""An assessment's and a consultation's certainty become their acts' core provenance (accord.core.provenance), as
a value's did (0004): the `certainty` columns are carried over, then removed.

Forward, an assessment (a consultation) whose certainty is not "confirmed" gets the provenance
{"fields": {"summary" ("grounds"): {"certainty": ...}}} as its act's own (recorded_seq = entry_seq), where its act
carried no provenance: where it carried one (Armenia's May 2021 request, whose day is uncertain), the page showed
that and not the column, which only stood in for it. A confirmed one is marked nowhere and gets none. This is
what the log's replay of such an entry does (monitoring.actions' `logged_certainty`, core.actions.keep_certainty
with standing_in), so that `accord audit` finds the same. Backward, the column is the certainty the act's
provenance gives the field, else the one it gives another field (the column said it of the act as a whole),
else "confirmed"; the provenance is left as it is (the log's entry says it, and the replay rebuilds it).
"""

from typing import Any

from django.db import migrations, models

CONFIRMED = "confirmed"
MARKED = {"Assessment": "summary", "Consultation": "grounds"}


def forward(apps: Any, schema_editor: Any) -> None:
    Provenance = apps.get_model("core", "Provenance")
    for model, field in MARKED.items():
        rows = apps.get_model("monitoring", model).objects.exclude(certainty=CONFIRMED)
        for seq, certainty in rows.values_list("entry_seq", "certainty").iterator():
            if not Provenance.objects.filter(entry_seq=seq, recorded_seq=seq).exists():
                Provenance.objects.create(entry_seq=seq, recorded_seq=seq,
                                          data={"fields": {field: {"certainty": certainty}}})


def backward(apps: Any, schema_editor: Any) -> None:
    Provenance = apps.get_model("core", "Provenance")
    for model, field in MARKED.items():
        Model = apps.get_model("monitoring", model)
        given: dict[int, str] = {}
        other: dict[int, str] = {}
        seqs = Model.objects.values("entry_seq")
        for seq, data in (Provenance.objects.filter(entry_seq__in=seqs).order_by("entry_seq", "recorded_seq")
                          .values_list("entry_seq", "data")):
            for name, said in (data.get("fields") or {}).items():
                if name == field:
                    given[seq] = said.get("certainty", CONFIRMED)
                elif said.get("certainty", CONFIRMED) != CONFIRMED:
                    other.setdefault(seq, said["certainty"])
        for seq, certainty in {**other, **given}.items():
            if certainty != CONFIRMED:
                Model.objects.filter(entry_seq=seq).update(certainty=certainty)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_provenance"),
        ("monitoring", "0005_value_series_index"),
    ]

    operations = [
        # Backward, the column comes back confirmed for every row, then marked from the provenance.
        migrations.AlterField(model_name="assessment", name="certainty",
                              field=models.CharField(default=CONFIRMED, max_length=20)),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="assessment", name="certainty"),
        migrations.RemoveField(model_name="consultation", name="certainty"),
    ]
