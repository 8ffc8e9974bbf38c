"""Fixtures of the crisis tests (the helpers live in crises_fixtures, a name no other test folder uses)."""

from crises_fixtures import organization

__all__ = ["organization"]
