"""Fixtures of the monitoring tests (the helpers live in monitoring_world, a name no other test folder uses)."""

from monitoring_world import monitoring_organization

__all__ = ["monitoring_organization"]
