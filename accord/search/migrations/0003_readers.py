"""Each entry of the index says who may read its thing (its classification and audience), so that a search
applies the access policy in SQL. Rows written before hold no one's (null): `accord search reindex` writes
them again with their readers. Nullable without a default, so SQLite adds the columns in place and its FTS5
triggers (0001) stay."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_gin_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="classification",
            field=models.CharField(max_length=20, null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="audience",
            field=models.TextField(null=True),
        ),
    ]
