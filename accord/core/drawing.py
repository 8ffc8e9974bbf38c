"""Numbers written into drawings: SVG reads "12.5" whatever the page's language writes for a number.

A float put into a template goes through the locale's number format ("700,0" in Russian), which
SVG cannot parse; every drawing hands its templates the text of this helper instead.
"""

from __future__ import annotations


def svg_number(value: float) -> str:
    """`value` as an SVG attribute reads it: "." before decimals, no grouping, no exponent, at most
    three decimals and no trailing zeros (700.0 → "700", 12.25 → "12.25", -4.0 → "-4")."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
