"""The pages' drawings in Russian: every number in their SVG is one SVG reads (issue #21, "700,0")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from svg_numbers import svg_numbers, unreadable_svg_numbers

DRAWN = [
    ("web:dashboard", {}),  # the chair timeline
    ("web:members", {}),  # every membership as a bar on one axis
    ("web:member", {"code": "ARM"}),  # one membership's bar and axis
]


@pytest.mark.parametrize(("name", "kwargs"), DRAWN)
def test_it_writes_the_drawings_numbers_as_svg_reads_them_in_russian(
    russian: Client, organization: None, name: str, kwargs: dict[str, Any]
) -> None:
    response = russian.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "ru"
    html = response.content.decode()
    numbers = svg_numbers(html)
    assert any("." in value for _, _, value in numbers), "no fractional position drawn: nothing tested"
    assert unreadable_svg_numbers(html) == []
