"""The API's shared input types: whole numbers bounded to what the database holds, so that a number
too large is a 422 naming its field rather than the database's overflow (a 500)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# PostgreSQL's `integer` (Django's IntegerField and PositiveIntegerField), the narrowest column a
# number given to an action is stored in: a term, a quantity, a count, a paragraph, a version number.
INTEGER_MIN, INTEGER_MAX = -(2**31), 2**31 - 1
# PostgreSQL's `bigint` (BigAutoField): the identifiers of rows and the ledger's sequence numbers.
BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1

Integer = Annotated[int, Field(ge=INTEGER_MIN, le=INTEGER_MAX)]
Id = Annotated[int, Field(ge=BIGINT_MIN, le=BIGINT_MAX)]
