"""The public log over HTTP: every /api/v1/log endpoint, its bad input, and sealed content for the allowed only."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client
from ledger_acts import Acts
from pytest_django import DjangoAssertNumQueries

from accord.ledger import log
from accord.ledger.logkey import log_key
from accord.ledger.models import Entry, Sealed
from accord.members.models import Person
from accord_verify import entries, merkle, note

LOG = "/api/v1/log"


def get(path: str, *, handle: str | None = None, **params: Any) -> Any:
    client = Client()
    if handle:
        client.force_login(Person.objects.get(username=handle))
    return client.get(LOG + path, params)


def refused(response: Any, status: int, field: str) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert response.status_code == status, body
    assert set(body) == {"detail", "errors"}
    assert [error["field"] for error in body["errors"]] == [field], body
    assert all(error["reason"] for error in body["errors"])
    return body


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


def test_it_serves_the_latest_checkpoint_signed_by_the_key_it_serves(acts: Acts) -> None:
    response = get("/checkpoint")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    key = get("/key")
    assert key.status_code == 200
    assert key.content.decode().strip() == log_key().vkey
    verifier = note.parse_vkey(key.content.decode().strip())
    signed = note.parse_checkpoint(note.open_note(response.content.decode(), [verifier]).body)
    assert (signed.size, signed.root) == (acts.size, log.root_at(acts.size))


@pytest.mark.django_db
def test_it_says_an_empty_log_has_no_checkpoint() -> None:
    refused(get("/checkpoint"), 404, "checkpoint")
    assert get("/entries").json() == []


def test_it_serves_the_checkpoint_of_each_size(acts: Acts) -> None:
    verifier = note.parse_vkey(log_key().vkey)
    for size in (1, 5, acts.size):
        response = get(f"/checkpoints/{size}")
        assert response.status_code == 200
        signed = note.parse_checkpoint(note.open_note(response.content.decode(), [verifier]).body)
        assert (signed.size, signed.root) == (size, log.root_at(size))
    refused(get("/checkpoints/0"), 404, "size")
    refused(get(f"/checkpoints/{acts.size + 1}"), 404, "size")
    refused(get("/checkpoints/many"), 422, "size")


def test_it_lists_entries_in_a_range_exactly_as_hashed(acts: Acts) -> None:
    listed = get("/entries").json()
    assert [row["seq"] for row in listed] == list(range(acts.size))
    stored = {entry.seq: entry for entry in Entry.objects.all()}
    for row in listed:
        entry = stored[row["seq"]]
        assert (row["data"], row["type"], row["classification"]) == (entry.data, entry.type, entry.classification)
    assert [row["seq"] for row in get("/entries", start=3, end=6).json()] == [3, 4, 5]
    assert [row["seq"] for row in get("/entries", start=acts.size - 2).json()] == [acts.size - 2, acts.size - 1]
    assert get("/entries", start=acts.size + 5).json() == []
    assert get("/entries", start=4, end=4).json() == []


def test_it_refuses_a_bad_range_of_entries(acts: Acts) -> None:
    refused(get("/entries", start=-1), 400, "start")
    refused(get("/entries", start=5, end=2), 400, "end")
    refused(get("/entries", start="first"), 422, "start")
    refused(get("/entries", end="1.5"), 422, "end")


def test_it_proves_an_entry_included_in_the_latest_or_a_given_tree(acts: Acts) -> None:
    for seq, tree_size in ((0, None), (acts.sealed, None), (acts.size - 1, None), (2, 3), (4, 9)):
        params: dict[str, Any] = {} if tree_size is None else {"tree_size": tree_size}
        body = get(f"/entries/{seq}", **params).json()
        size = tree_size or acts.size
        assert (body["seq"], body["tree_size"]) == (seq, size)
        leaf = merkle.leaf_hash(body["data"].encode())
        assert unb64(body["leaf_hash"]) == leaf
        assert body["entry"] == json.loads(body["data"])
        assert unb64(body["root_hash"]) == log.root_at(size)
        proof = [unb64(h) for h in body["inclusion_proof"]]
        assert merkle.verify_inclusion(leaf, seq, size, proof, log.root_at(size)), (seq, size)


def test_it_answers_an_entry_with_its_proof_in_two_queries(
        acts: Acts, django_assert_max_num_queries: DjangoAssertNumQueries) -> None:
    for params in ({}, {"tree_size": acts.size - 1}):
        client = Client()
        with django_assert_max_num_queries(2):
            response = client.get(f"{LOG}/entries/3", params)
        assert response.status_code == 200
    with django_assert_max_num_queries(2):
        assert Client().get(f"{LOG}/consistency", {"first": 3, "second": acts.size}).status_code == 200


def test_it_refuses_an_entry_outside_the_tree(acts: Acts) -> None:
    refused(get(f"/entries/{acts.size}"), 404, "seq")
    refused(get("/entries/5", tree_size=5), 404, "seq")
    refused(get("/entries/-1"), 404, "seq")
    refused(get("/entries/1", tree_size=0), 400, "tree_size")
    refused(get("/entries/1", tree_size=acts.size + 1), 400, "tree_size")
    refused(get("/entries/one"), 422, "seq")


def test_it_proves_two_trees_consistent(acts: Acts) -> None:
    for first, second in ((1, acts.size), (5, 8), (4, acts.size), (7, 7)):
        body = get("/consistency", first=first, second=second).json()
        assert (body["first"], body["second"]) == (first, second)
        first_root, second_root = unb64(body["first_root"]), unb64(body["second_root"])
        assert (first_root, second_root) == (log.root_at(first), log.root_at(second))
        proof = [unb64(h) for h in body["proof"]]
        assert merkle.verify_consistency(first, second, first_root, second_root, proof), (first, second)


def test_it_refuses_a_consistency_proof_between_sizes_the_log_never_had(acts: Acts) -> None:
    refused(get("/consistency", first=0, second=3), 400, "first")
    refused(get("/consistency", first=5, second=4), 400, "second")
    refused(get("/consistency", first=1, second=acts.size + 1), 400, "second")
    refused(get("/consistency", first=1), 422, "second")
    refused(get("/consistency", first="a", second=2), 422, "first")


def test_it_shows_sealed_content_to_those_allowed_and_only_to_them(acts: Acts) -> None:
    public = json.loads(Entry.objects.get(seq=acts.sealed).data)["statement"]
    for handle in ("arm.head", "secretariat"):
        response = get(f"/entries/{acts.sealed}/sealed", handle=handle)
        assert response.status_code == 200, handle
        body = response.json()
        assert set(body) == {"seq", "commitment", "salt", "content"}
        content = body["content"]
        assert content["statement"]["body"] == {"text": acts.sealed_text}
        assert content["statement"]["actor"] == {"member": "ARM", "person": "arm.head"}
        assert content["member"] == "ARM"
        assert body["commitment"] == public["commitment"]
        assert body["salt"] == Sealed.objects.get(entry_id=acts.sealed).salt
        # What the reader is given opens the commitment, and says what the public entry says.
        assert entries.sealed_problem(public, body["salt"], content) is None
        [line] = content["signatures"]
        assert entries.signature_is_valid(content["statement"], line["sig"], bytes(acts.first_key.verify_key))


def test_it_shows_an_outsider_nothing_of_a_sealed_act_but_that_it_exists(acts: Acts) -> None:
    hidden = (acts.sealed_text, "arm.head", "ARM", "secretariat", acts.first_key_id, "actor", "audience", "body")
    for handle in (None, "kaz.head"):
        listed = get("/entries", handle=handle, start=acts.sealed, end=acts.sealed + 1)
        proved = get(f"/entries/{acts.sealed}", handle=handle)
        for response in (listed, proved):
            assert response.status_code == 200
            for word in hidden:
                assert word not in response.content.decode(), (handle, word)
        shown = proved.json()["entry"]
        assert shown["signatures"] == []
        assert set(shown["statement"]) == {"v", "log", "type", "classification", "nonce", "commitment"}
        assert shown["statement"]["type"] == "test.closed_note"


def test_it_refuses_sealed_content_to_the_public_and_outsiders_as_if_it_were_missing(acts: Acts) -> None:
    missing = refused(get(f"/entries/{acts.size + 3}/sealed"), 404, "seq")
    for handle in (None, "kaz.head"):
        response = get(f"/entries/{acts.sealed}/sealed", handle=handle)
        assert refused(response, 404, "seq") == missing, handle
        assert acts.sealed_text not in response.content.decode()
    # A public entry has nothing sealed behind it, for anyone.
    assert refused(get("/entries/1/sealed", handle="arm.head"), 404, "seq") == missing


def test_it_lists_every_log_endpoint_in_the_openapi_document(acts: Acts) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in ("/checkpoint", "/checkpoints/{size}", "/key", "/entries", "/entries/{seq}",
                 "/consistency", "/entries/{seq}/sealed"):
        assert "get" in paths[LOG + path], path
        assert paths[LOG + path]["get"]["summary"], path
        assert paths[LOG + path]["get"]["tags"] == ["ledger"], path
