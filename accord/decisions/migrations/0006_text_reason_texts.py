"""A proposal's text and a decision's reason (why a draft was returned or withdrawn) become texts per
language (issue #16), so that a Russian page reads them in Russian; each plain text is kept in the
organization's default language (`accord.core.migrating`)."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("decisions", "0005_decision_identifier_texts"),
        ("members", "0007_references_texts"),
    ]

    operations = plain_to_texts("decisions", [("proposal", "text", 50_000), ("decision", "reason", 300)])
