"""Accord: the working system of a collective-security organization, with a verifiable log."""
