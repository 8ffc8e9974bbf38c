"""The API's schemas: django-ninja's Schema, with an answer built as a dict validated as pydantic validates one.

django-ninja reads every value given to a schema through a `DjangoGetter`, a Python object whose attribute
lookup finds each field in turn (a model instance's attribute, a resolver's result, a manager's rows), dicts
included. Most of Accord's answers are built as dicts of plain values (the full session API, say: its parts,
statements and attendance in nested dicts), and reading them field by field in Python took ten times what
pydantic's own validation of the same dict takes: 1.24 ms against 0.13 for the 16 May 2022 summit, a sixth of
the whole answer (docs/performance.md, "A request's thread kept, and its work in one crossing").

So a dict given to a schema with no resolvers (`resolve_<field>`) is validated as it is. Anything else (a model
instance, an object, a dict for a schema with resolvers) goes through django-ninja's getter as before. Every
schema of Accord's API is one of these (tests/core/test_schema.py).
"""

from __future__ import annotations

from typing import Any

import ninja
from ninja.schema import DjangoGetter
from pydantic import ModelWrapValidatorHandler, ValidationInfo, model_validator


class Schema(ninja.Schema):
    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler[Any],
                            info: ValidationInfo) -> Any:
        # Overrides django-ninja's validator of the same name (pydantic runs the subclass's in its place).
        if type(values) is dict and not cls._ninja_resolvers:
            return handler(values)
        if cls.model_config.get("extra") == "forbid" or cls.model_config.get("validate_assignment", False):
            handler(values)  # as django-ninja does: checked against the object itself first
        return handler(DjangoGetter(values, cls, info.context))
