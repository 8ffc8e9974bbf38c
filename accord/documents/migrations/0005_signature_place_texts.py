"""A signature's place becomes a text per language (issue #16), so that a Russian page and the signed PDF
name it in Russian; each plain place is kept in the organization's default language (`accord.core.migrating`)."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0004_treaty_in_force_step"),
        ("members", "0008_key_revoked_reason_texts"),
    ]

    operations = plain_to_texts("documents", [("signature", "place", 200)])
