"""The text of numbers in drawings: what SVG reads, whatever the page's language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accord.core.drawing import svg_number


def test_it_writes_whole_numbers_without_decimals() -> None:
    assert svg_number(700.0) == "700"
    assert svg_number(0) == "0"
    assert svg_number(-4.0) == "-4"


def test_it_writes_decimals_with_a_point_and_at_most_three_of_them() -> None:
    assert svg_number(12.5) == "12.5"
    assert svg_number(33.33333) == "33.333"
    assert svg_number(1234567.25) == "1234567.25"


def test_it_never_writes_minus_zero() -> None:
    assert svg_number(-0.0001) == "0"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_it_reads_back_as_the_number_within_a_thousandth(value: float) -> None:
    text = svg_number(value)
    assert "," not in text
    assert "e" not in text.lower()
    assert abs(float(text) - value) <= 0.0005 + 1e-9 * abs(value)
