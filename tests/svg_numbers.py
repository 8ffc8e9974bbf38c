"""What tests of drawn pages share: every number a page writes into its SVG drawings, read as SVG does.

In Russian a float that went through the locale's number format reads "700,0", which SVG cannot parse
(issue #21); these helpers find the drawings' numeric attributes and check that each is a plain number.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# The attributes whose value is one number (a length may end with "%").
NUMERIC = frozenset({"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "width", "height"})
NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)%?")
TRANSLATE = re.compile(r"translate\(([^)]*)\)")


class _Drawings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside how many <svg> elements
        self.values: list[tuple[str, str, str]] = []  # (element, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.depth += 1
        if not self.depth:
            return
        for name, value in attrs:
            if value is None:
                continue
            if name in NUMERIC:
                self.values.append((tag, name, value))
            elif name == "viewbox":
                self.values.extend((tag, name, part) for part in value.split())
            elif name == "transform":
                for arguments in TRANSLATE.findall(value):
                    self.values.extend((tag, name, part) for part in arguments.split(","))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth -= 1


def svg_numbers(html: str) -> list[tuple[str, str, str]]:
    """Every numeric attribute of every element inside an <svg> of `html`: (element, attribute, value)."""
    drawings = _Drawings()
    drawings.feed(html)
    return drawings.values


def unreadable_svg_numbers(html: str) -> list[tuple[str, str, str]]:
    """The numeric SVG attributes of `html` that SVG would not read as a number."""
    return [found for found in svg_numbers(html) if not NUMBER.fullmatch(found[2].strip())]
