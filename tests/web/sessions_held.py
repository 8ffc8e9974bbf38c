"""A session of a body, convened and opened by the console: consensus is reached at one (issue #21), so
every test that decides a proposal by consensus holds one first."""

from __future__ import annotations

from accord.core import clock
from accord.core.acting import Actor
from accord.meetings import actions as meetings


def held_session(day: str | None = None, *, held: bool = True, body: str = "CSC",
                 participants: list[str] | None = None) -> int:
    """A session of `body` on `day` (today if None), opened if `held`; participants-only if named."""
    on = day or clock.today().isoformat()
    session = meetings.convene_session(actor=Actor.console(), body=body,
                                       title={"ru": f"Сессия {on}", "en": f"Session of {on}"}, kind="regular",
                                       mode="video", starts_on=on,
                                       classification="participants" if participants else "public",
                                       participants=participants)
    if held:
        meetings.open_session(actor=Actor.console(), session=session.pk)
    return session.pk
