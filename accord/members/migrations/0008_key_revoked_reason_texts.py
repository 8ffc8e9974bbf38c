"""A key's reason for revocation becomes a text per language (issue #21): the pages say why a key was
revoked in the reader's language. Each plain reason is kept in the default language."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0007_references_texts"),
    ]

    operations = plain_to_texts("members", [("signingkey", "revoked_reason", 300)])
