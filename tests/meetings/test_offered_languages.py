"""The console offers a statement's language: the organization's first, then those spoken, then any."""

from __future__ import annotations

from accord.meetings.forms import offered_languages


def test_the_organizations_languages_come_first_then_those_spoken_then_every_other() -> None:
    offered = offered_languages(["en", "fr"], ["hy", "fr", "kk"])
    assert offered[:4] == ["en", "fr", "hy", "kk"]
    assert len(offered) == len(set(offered))
    assert {"ar", "ru", "sm"} <= set(offered[4:])
