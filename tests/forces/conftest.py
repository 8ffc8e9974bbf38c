"""Fixtures of the standing forces tests (the helpers live in forces_world, a name no other test folder uses)."""

from forces_world import standing_forces

__all__ = ["standing_forces"]
