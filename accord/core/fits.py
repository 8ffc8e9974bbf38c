"""Every value an action stores fits its column, or the action is refused with the field named.

PostgreSQL refuses a text longer than its column, a number past its integer type and a null where none
may be, with an error that names no field (and SQLite stores them anyway): checked here before each save
of an Accord model, the same on both, so that the action's transaction is rolled back with a 400 naming
the field instead of a 500, whichever way the input came (the API, a page, a signed act).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.signals import pre_save

from accord.core.errors import InvalidInput
from accord.ledger.guard import is_guarded

# The ranges of the standard SQL integer types, which PostgreSQL keeps and SQLite does not: one answer on both.
RANGES = BaseDatabaseOperations.integer_field_ranges


def _refusal(field: models.Field[Any, Any], value: Any) -> str | None:
    if value is None:
        if field.null or field.primary_key or isinstance(field, models.AutoField | models.BigAutoField):
            return None
        return "is required (not null)"
    longest = field.max_length if isinstance(field, models.CharField) else None
    if longest is not None and isinstance(value, str) and len(value) > longest:
        return f"is longer than {field.max_length} characters"
    if isinstance(field, models.IntegerField) and isinstance(value, int) and not isinstance(value, bool):
        low, high = RANGES.get(field.get_internal_type(), (None, None))
        if (low is not None and value < low) or (high is not None and value > high):
            return f"is out of range ({low} to {high})"
    return None


def check_fits(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not is_guarded(sender._meta.app_label):
        return
    for field in sender._meta.concrete_fields:
        if field.has_db_default():
            continue
        value = getattr(instance, field.attname)
        if reason := _refusal(field, value):
            raise InvalidInput(field.name, reason)


def install() -> None:
    pre_save.connect(check_fits, dispatch_uid="accord-values-fit-columns")
