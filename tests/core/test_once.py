"""What a request reads once (accord.core.once): the charter and its languages, read the first time a request
asks and kept to its end; read every time outside a request; read again after an act that changes them."""

from __future__ import annotations

import pytest

from accord.core import once
from accord.core.acting import Actor
from accord.core.translations import content_languages
from accord.ledger.guard import acting
from accord.members import actions, queries


class Reads:
    """A read that counts itself: the nth read gives n."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> int:
        self.count += 1
        return self.count


def test_outside_a_request_it_reads_every_time() -> None:
    read = Reads()
    assert once.remembered("key", read) == 1
    assert once.remembered("key", read) == 2


def test_in_a_request_it_reads_once_until_forgotten() -> None:
    read = Reads()
    token = once.open_request()
    try:
        assert [once.remembered("key", read) for _ in range(3)] == [1, 1, 1]
        once.forget("key")
        assert once.remembered("key", read) == 2
    finally:
        once.close_request(token)
    assert once.remembered("key", read) == 3


@pytest.mark.django_db
def test_an_act_that_sets_the_charter_is_read_anew_in_the_same_request() -> None:
    actions.configure_organization(actor=Actor.console(), name={"en": "Alliance"}, abbreviation={"en": "A"},
                                    working_languages=["en"])
    token = once.open_request()
    try:
        assert queries.organization() is not None
        assert content_languages() == ("en",)
        actions.configure_organization(actor=Actor.console(), working_languages=["ru", "en"],
                                       name={"ru": "Союз", "en": "Alliance"}, abbreviation={"ru": "С", "en": "A"})
        found = queries.organization()
        assert found is not None
        assert found.working_languages == ["ru", "en"]
        assert content_languages() == ("ru", "en")
    finally:
        once.close_request(token)


def test_inside_an_action_it_reads_afresh_when_asked() -> None:
    """What an action checks in its own transaction is read there, not taken from the page's earlier reads."""
    read = Reads()
    token = once.open_request()
    try:
        assert once.remembered("key", read, fresh_in_action=True) == 1
        with acting("an action"):
            assert once.remembered("key", read, fresh_in_action=True) == 2
            assert once.remembered("key", read) == 1  # the charter and languages: forgotten by their own act
        assert once.remembered("key", read, fresh_in_action=True) == 1
    finally:
        once.close_request(token)


@pytest.mark.django_db
def test_every_act_forgets_what_the_request_read() -> None:
    """The registry's states are kept for the request; an act that adds one is followed by a fresh read."""
    token = once.open_request()
    try:
        before = [state.code for state in queries.registry_states()]
        assert queries.state_name("NOR") == "NOR"  # not in the registry yet: named as given
        actions.add_member(actor=Actor.console(), code="NOR", acceded_on="2026-01-01")
        after = [state.code for state in queries.registry_states()]
        assert after == sorted([*before, "NOR"])
        assert queries.state_name("NOR") == "Norway"
    finally:
        once.close_request(token)
