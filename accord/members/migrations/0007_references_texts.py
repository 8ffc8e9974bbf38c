"""The registry's references and the reason of a decision on the chairmanship become texts per language
(issue #16): a citation such as "Decision No. 12" is prose in a language. Each plain text is kept in the
default language."""

from django.db import migrations

from accord.core.migrating import plain_to_texts


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0006_person_title_texts"),
    ]

    operations = plain_to_texts("members", [
        ("membershipevent", "reference", 300), ("rulechange", "reference", 300), ("handover", "reference", 300),
        ("chairoverride", "reason", 300), ("chairoverride", "reference", 300), ("body", "reference", 300),
    ])
