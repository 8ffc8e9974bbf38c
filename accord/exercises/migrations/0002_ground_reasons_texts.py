"""An exercise's training ground and the reasons of its steps (postponed, moved, cancelled) and of a member's
non-participation become texts per language (issue #14), so that a Russian page reads them in Russian; each
plain text is kept in the organization's default language."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("exercises", "0001_initial"),
        ("members", "0007_references_texts"),
    ]

    operations = plain_to_texts("exercises", [("exercise", "ground", 300), ("exercise", "state_reason", 1000),
                                              ("participation", "reason", 1000)])
