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


# The widths (CSS pixels) of a drawing at which the stylesheet lets a band show a longer label (accord.css,
# `.band--label-from-N`): a band's label is drawn from the first width at which it fits.
LABEL_WIDTHS = (360, 480, 600, 720, 840, 960, 1080, 1200, 1440)
# A label's width guessed from its length: 13px text is at most 8px a character in the page's sans-serif
# (wider than most), with 12px spare around it.
_CHARACTER = 8.0
_SPARE = 12.0


def label_fits_from(text: str, band_percent: float) -> int | None:
    """The narrowest of LABEL_WIDTHS at which `text` fits in a band `band_percent` of the drawing wide; None
    when it fits at none (the band shows its short label: a code)."""
    if band_percent <= 0:
        return None
    needed = (len(text) * _CHARACTER + _SPARE) * 100 / band_percent
    return next((width for width in LABEL_WIDTHS if width >= needed), None)
