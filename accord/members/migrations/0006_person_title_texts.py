"""A person's title becomes a text per language (issue #16); the plain title is kept in the default one."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0005_texts"),
    ]

    operations = plain_to_texts("members", [("person", "title", 200)])
