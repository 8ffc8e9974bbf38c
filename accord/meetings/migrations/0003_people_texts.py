"""Who spoke and who represented a member become texts per language (issue #16), so that a reader in
Russian reads the leaders' names in Cyrillic; each plain name is kept in the default language."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0002_texts"),
        ("members", "0006_person_title_texts"),
    ]

    operations = plain_to_texts("meetings", [("statement", "speaker_name", 200), ("attendance", "represented_by", 200)])
