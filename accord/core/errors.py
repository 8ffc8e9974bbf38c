"""Typed domain errors, mapped to HTTP and to the command line in one place each."""

from __future__ import annotations


class AccordError(Exception):
    """Base of every error a caller can act on."""

    status = 400

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        # The package of the action that refused (`accord.crises`), set as the refusal leaves it: its
        # forms say what a person calls the field (accord.core.pages.field_label).
        self.package = ""

    def as_dict(self) -> dict[str, str]:
        """As the API says it; the API's handler puts the field's label in place of its key where a page
        labels it."""
        return {"field": self.field, "label": self.field, "reason": str(self.reason)}


class InvalidInput(AccordError):
    """The input is malformed or breaks a rule; nothing was written."""


class NotPermitted(AccordError):
    """The actor may see the object but may not do this to it."""

    status = 403


class NotFound(AccordError):
    """Missing, or not visible to the viewer: the two look the same."""

    status = 404

    def __init__(self, field: str, reason: str = "not found") -> None:
        super().__init__(field, reason)


class SignatureRefused(AccordError):
    """A signed act whose signature does not stand: unknown, revoked, wrong or replayed."""

    status = 400


class Conflict(AccordError):
    status = 409
