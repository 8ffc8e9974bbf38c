from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0008_key_revoked_reason_texts"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="must_change_password",
            field=models.BooleanField(default=False),
        ),
    ]
