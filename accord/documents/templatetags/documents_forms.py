"""Small template helpers of the documents' forms."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(values: Any, name: str) -> Any:
    """A posted value by name (a QueryDict or a dict), for refilling a form after an error."""
    return values.get(name) if hasattr(values, "get") else None
