"""The API's shared input types: whole numbers bounded to what the database holds, so that a number
too large is a 422 naming its field rather than the database's overflow (a 500)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

# PostgreSQL's `integer` (Django's IntegerField and PositiveIntegerField), the narrowest column a
# number given to an action is stored in: a term, a quantity, a count, a paragraph, a version number.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
# PostgreSQL's `bigint` (BigAutoField): the identifiers of rows and the ledger's sequence numbers.
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1

Integer = Annotated[int, Field(ge=INTEGER_MIN, le=INTEGER_MAX)]
Id = Annotated[int, Field(ge=BIGINT_MIN, le=BIGINT_MAX)]


def one_of(values: Iterable[Any]) -> WithJsonSchema:
    """For `Annotated[str, one_of(...)]`: a text the action takes only among `values`. The OpenAPI file
    lists them (`enum`); the action stays the one judge of them, refusing another with its field named."""
    allowed = [str(getattr(value, "value", value)) for value in values]
    return WithJsonSchema({"type": "string", "enum": allowed})
