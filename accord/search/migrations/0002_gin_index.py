"""On PostgreSQL, a GIN index over each entry's text search document (title weighted A, text B, stemmed in the
entry's own language); nothing on SQLite, whose FTS5 table (0001) is its index already."""

from typing import Any

from django.db import migrations

# The document as one IMMUTABLE function of the row, so an index can hold it: to_tsvector with a configuration
# named by a column is not immutable to PostgreSQL (the text-to-regconfig cast reads the catalogue), but the
# configurations searched (russian, english, french, simple) are built in and never change. The search query
# calls the same function (accord.search.queries), which is how PostgreSQL knows to use the index.
FUNCTION = """
CREATE OR REPLACE FUNCTION search_document(config varchar, title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(config::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config::regconfig, coalesce(body, '')), 'B')
$$
"""
INDEX = ("CREATE INDEX search_entry_document ON search_searchentry"
         " USING gin (search_document(config, title, text))")
DROP = ["DROP INDEX IF EXISTS search_entry_document", "DROP FUNCTION IF EXISTS search_document(varchar, text, text)"]


def _run_on_postgresql(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run_on_postgresql([FUNCTION, INDEX]), _run_on_postgresql(DROP)),
    ]
