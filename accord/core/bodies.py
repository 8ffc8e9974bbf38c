"""How the API reads a request body: one JSON object, sent as application/json, or it is refused."""

from __future__ import annotations

import json
from typing import Any, NoReturn

from django.http import HttpRequest
from ninja.parser import Parser

from accord.core.errors import InvalidInput
from accord.core.middleware import JSON_TYPES, UnsupportedBody
from accord.core.text import check_all


def _no_constant(name: str) -> NoReturn:
    # NaN and Infinity are not JSON (RFC 8259), though Python's reader takes them.
    raise ValueError(f"{name} is not a JSON number")


class JsonObjectParser(Parser):
    """ninja's parser, strict: a body of another type (text/plain, a form) is a 415, not read as JSON
    anyway; an array, a number or a string is a 400; both name `body`."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not (request.content_type or "").startswith(JSON_TYPES):
            raise UnsupportedBody("body", "must be a JSON object sent as application/json")
        try:
            data = json.loads(request.body, parse_constant=_no_constant)
        except ValueError:
            raise InvalidInput("body", "is not JSON") from None
        if not isinstance(data, dict):
            raise InvalidInput("body", "must be a JSON object")
        check_all(data)
        return data
