"""The floor of an act's classification: never less restricted than the thing it is on (accord.core.policy)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.core.policy import (
    MEMBERS,
    PARTICIPANTS,
    PUBLIC,
    SECRETARIAT,
    SECRETARIAT_OFFICER,
    Restriction,
    Viewer,
    floor,
    may_see,
    shown_to_all_readers,
)

CODES = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", SECRETARIAT)
classifications = st.sampled_from((PUBLIC, MEMBERS, PARTICIPANTS))
audiences = st.frozensets(st.sampled_from(CODES), min_size=1).map(sorted).map(tuple)  # as acts name them
viewers = st.one_of(
    st.just(Viewer()),
    st.just(Viewer(handle="s", role=SECRETARIAT_OFFICER)),
    st.builds(lambda code, standing: Viewer(handle="p", member=code, role="delegate",
                                            member_in_good_standing=standing),
              st.sampled_from(CODES[:-1]), st.booleans()),
)


def test_it_raises_a_public_act_inside_a_members_only_thing_to_members() -> None:
    assert floor(MEMBERS, (), PUBLIC) == Restriction(MEMBERS, ())


def test_it_keeps_a_stricter_request_with_its_audience() -> None:
    assert floor(MEMBERS, (), PARTICIPANTS, ("RUS", "KAZ")) == Restriction(PARTICIPANTS, ("KAZ", "RUS"))


def test_it_keeps_only_the_participants_named_by_both() -> None:
    session, bilateral = ("KAZ", "KGZ", "RUS", SECRETARIAT), ("KGZ", "RUS", "TJK", SECRETARIAT)
    found = floor(PARTICIPANTS, session, PARTICIPANTS, bilateral)
    assert found == Restriction(PARTICIPANTS, ("KGZ", "RUS", SECRETARIAT))


def test_it_refuses_what_is_not_a_classification() -> None:
    with pytest.raises(ValueError, match="not a classification"):
        floor("secret", (), PUBLIC)


@given(classifications, audiences, classifications, audiences, viewers)
def test_it_shows_an_act_to_no_one_who_may_not_see_both_the_thing_and_the_request(
    container: str, container_audience: tuple[str, ...], requested: str, requested_audience: tuple[str, ...],
    viewer: Viewer,
) -> None:
    found = floor(container, container_audience, requested, requested_audience)
    if may_see(viewer, found.classification, found.audience):
        assert may_see(viewer, container, container_audience if container == PARTICIPANTS else ())
        assert may_see(viewer, requested, requested_audience if requested == PARTICIPANTS else ())


@given(classifications, audiences, classifications, audiences, viewers)
def test_it_says_a_thing_is_shown_to_all_readers_only_when_each_of_them_may_see_it(
    thing: str, thing_audience: tuple[str, ...], container: str, container_audience: tuple[str, ...],
    viewer: Viewer,
) -> None:
    if shown_to_all_readers(thing, thing_audience, container, container_audience):
        container_seen = may_see(viewer, container, container_audience if container == PARTICIPANTS else ())
        if container_seen:
            assert may_see(viewer, thing, thing_audience if thing == PARTICIPANTS else ())
