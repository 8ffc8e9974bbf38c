"""The drills' fixed lists: the kinds of inject, and the figures a drill is measured by."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

INJECT_KINDS: list[tuple[str, Promise]] = [
    ("request", _("The request for assistance arrives")),
    ("delay", _("A contingent is delayed")),
    ("message", _("A message to the participants")),
]

# The figures of an operation (accord.crises.rules.metrics), each an interval from the request.
FIGURES: list[tuple[str, Promise]] = [
    ("to_decision", _("Request → decision")),
    ("to_first_arrival", _("Request → first arrival")),
    ("to_full_capability", _("Request → full operational capability")),
]


def codes(choices: list[tuple[str, Promise]]) -> list[str]:
    return [code for code, _label in choices]


def label(choices: list[tuple[str, Promise]], code: str) -> str:
    return str(dict(choices).get(code, code))
