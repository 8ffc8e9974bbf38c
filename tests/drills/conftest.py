"""Fixtures of the drills tests (the helpers live in drills_world, a name no other test folder uses)."""

from drills_world import organization

__all__ = ["organization"]
