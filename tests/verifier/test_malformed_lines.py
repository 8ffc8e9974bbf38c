"""A signature line or an actor of the wrong JSON type is refused as a signature that does not stand, naming
it, instead of stopping the verifier with a Python error (found while speeding up the loop, issue #13)."""

from __future__ import annotations

from typing import Any

import pytest
from nacl.signing import SigningKey

from accord_verify import entries

KEY = SigningKey(bytes(range(32)))
KEY_ID = entries.key_id_of(bytes(KEY.verify_key))


def registry() -> entries.KeyRegistry:
    keys = entries.KeyRegistry()
    keys.apply({"type": entries.KEY_REGISTERED, "body": {"person": "arm.head",
                                                         "public_key": entries.b64(bytes(KEY.verify_key))}})
    return keys


@pytest.mark.parametrize("sig", [5, None, ["AAAA"], {"sig": "AAAA"}])
def test_a_signature_that_is_not_text_does_not_verify(sig: Any) -> None:
    problem = registry().problem_with({"actor": {"person": "arm.head"}}, [{"key": KEY_ID, "sig": sig}], b"{}")
    assert problem == f"the signature by key {KEY_ID} does not verify"


@pytest.mark.parametrize("key_id", [5, None, ["x"], {"k": 1}])
def test_a_key_that_is_not_text_is_unknown(key_id: Any) -> None:
    problem = registry().problem_with({"actor": {"person": "arm.head"}}, [{"key": key_id, "sig": "AAAA"}], b"{}")
    assert problem == f"signed with an unknown key {key_id}"


@pytest.mark.parametrize("actor", ["arm.head", 5, ["arm.head"]])
def test_an_actor_that_is_not_an_object_signs_with_no_key(actor: Any) -> None:
    problem = registry().problem_with({"actor": actor}, [{"key": KEY_ID, "sig": "AAAA"}], b"{}")
    assert problem == f"signed with key {KEY_ID} of arm.head, not of the actor None"


def test_a_good_signature_still_stands() -> None:
    stmt = {"actor": {"person": "arm.head"}}
    line = entries.sign_statement(stmt, KEY)
    assert registry().problem_with(stmt, [line]) is None
