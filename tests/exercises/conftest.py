"""Fixtures of the exercises tests (the helpers live in exercises_world, a name no other test folder uses)."""

from exercises_world import exercises_organization

__all__ = ["exercises_organization"]
