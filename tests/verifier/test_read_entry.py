"""The verifier's one-pass canonical check: it says "canonical" exactly when RFC 8785 does, and gives the
statement's bytes exactly as `canonical` writes them."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from accord_verify import entries

STATEMENT: dict[str, Any] = {
    "log": "example.org/log", "type": "members.role_changed", "actor": {"person": "arm.head"},
    "body": {"person": "arm.delegate", "role": "delegate", "note": "Ереван — «тест» \"q\" \\ \n\t"},
    "classification": "public", "nonce": "AAAA"}
SIGNATURES = [{"key": "ed25519:00", "sig": "AAAA"}]


def written(statement: dict[str, Any] = STATEMENT, **overrides: Any) -> bytes:
    parts: dict[str, Any] = {"seq": 7, "time": "2026-12-03T10:00:00.000000Z", "stmt": statement,
                             "signatures": SIGNATURES, **overrides}
    return entries.entry(**parts)


def test_orjson_writes_every_character_of_the_basic_plane_as_the_standard_library_does() -> None:
    for start in range(0, 0x10000, 0x800):
        text = "".join(chr(cp) for cp in range(start, start + 0x800) if not 0xD800 <= cp <= 0xDFFF)
        value: dict[str, Any] = {text[:40]: text, "z": [text, 1, -2, True, None]}
        assert orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == entries.canonical(value)


def test_a_canonical_entry_gives_its_statement_bytes() -> None:
    data = written()
    value, stmt_bytes = entries.read_entry(data)
    assert stmt_bytes == entries.canonical(STATEMENT) == rfc8785.dumps(STATEMENT)
    assert value["statement"] == STATEMENT


def test_an_entry_naming_its_member_gives_its_statement_bytes() -> None:
    data = written(member="ARM")
    assert entries.read_entry(data)[1] == entries.canonical(STATEMENT)


@pytest.mark.parametrize("edit", [
    lambda d: d.replace(b'"seq":7', b'"seq": 7'),                          # a space
    lambda d: d + b" ",                                                     # trailing space
    lambda d: d.replace(b'"role":"delegate"', b'"role":"\\u0064elegate"'),  # an escape not needed
    lambda d: d.replace(b'"seq":7', b'"seq":7.0'),                          # a fraction
    lambda d: d.replace(b'"role":"delegate"', b'"role":[1.5]'),             # one orjson writes back as it stands
    lambda d: d.replace(b'"role":"delegate"', b'"role":-1e22'),             # an exponent, likewise
    lambda d: d.replace(b'"seq":7', b'"seq":-0'),                           # a negative zero
    lambda d: d.replace(b'"seq":7', b'"seq":9007199254740993'),             # beyond 2**53
    lambda d: d.replace(b'{"seq":7,', b'{"seq":7,"seq":7,'),                # a key twice
])
def test_what_is_not_canonical_in_one_pass_is_left_to_the_full_check(edit: Any) -> None:
    assert entries.read_entry(edit(written()))[1] is None


def test_keys_beyond_the_basic_plane_are_left_to_rfc8785() -> None:
    statement = {**STATEMENT, "body": {"\U0001f600": 1, "\uffff": 2}}
    assert entries.read_entry(written(statement))[1] is None


def test_what_is_not_json_is_refused() -> None:
    with pytest.raises(json.JSONDecodeError):
        entries.read_entry(b'{"seq":')


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53 - 1), 2**53 - 1) | st.text()
    | st.floats(-(2.0**53 - 1), 2.0**53 - 1),  # what RFC 8785 writes of a float (no NaN, no infinity)
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=12,
)


@given(body=json_values, spaced=st.booleans())
def test_the_one_pass_check_agrees_with_rfc8785(body: Any, spaced: bool) -> None:
    statement = {**STATEMENT, "body": body}
    canonical_bytes = rfc8785.dumps(statement)
    data = written(statement)
    if spaced:
        data = json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True).encode()
    _value, stmt_bytes = entries.read_entry(data)
    is_canonical = data == rfc8785.dumps(json.loads(data))
    if stmt_bytes is not None:
        assert is_canonical
        assert stmt_bytes == canonical_bytes
