"""The log's list page and API lists cost the same queries however many rows they list."""

from __future__ import annotations

import pytest
from django.test import Client
from ledger_acts import Acts
from nacl.signing import SigningKey
from query_counts import assert_queries_do_not_grow

from accord.core.acting import Actor
from accord.ledger import log
from accord.members import actions
from accord_verify import cosignature

KEYS = [SigningKey.generate() for _ in range(6)]


@pytest.fixture
def reader(acts: Acts) -> Client:
    return Client()


def _act(start: int, count: int) -> list[int]:
    """`count` acts; their entries' sequence numbers."""
    seqs = []
    for n in range(start, start + count):
        actions.add_person(actor=Actor.console(), username=f"adviser{n}", full_name=f"Adviser {n}",
                           role="observer")
        seqs.append(log.size() - 1)
    return seqs


def test_the_ledger_page_costs_the_same_queries_for_few_or_many(reader: Client) -> None:
    assert_queries_do_not_grow(reader, ["/ledger/"],
                               lambda start, count: [f'id="entry-{seq}"' for seq in _act(start, count)])


def test_the_entries_cost_the_same_queries_for_few_or_many(reader: Client) -> None:
    assert_queries_do_not_grow(reader, ["/api/v1/log/entries"],
                               lambda start, count: [f'"seq": {seq}' for seq in _act(start, count)])


def test_the_witnesses_cost_the_same_queries_for_few_or_many(reader: Client) -> None:
    named: list[dict[str, str]] = []

    def name(start: int, count: int) -> list[str]:
        origins = [f"witness{n}.example/accord" for n in range(start, start + count)]
        named.extend({"vkey": cosignature.format_cosigner_vkey(origin, bytes(KEYS[n].verify_key)),
                      "url": f"https://{origin}"} for n, origin in enumerate(origins, start))
        actions.set_log_witnesses(actor=Actor.console(), witnesses=list(named))
        return origins

    assert_queries_do_not_grow(reader, ["/api/v1/log/witnesses"], name)
