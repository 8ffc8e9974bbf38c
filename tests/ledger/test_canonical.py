"""entries.canonical writes exactly what the rfc8785 library writes, on its fast path and off it."""

from __future__ import annotations

from typing import Any

import pytest
import rfc8785

from accord_verify import entries

VALUES: list[Any] = [
    {},
    [],
    {"b": 1, "a": [True, False, None], "c": {"z": "", "y": -0}},
    {"seq": 0, "time": "2022-05-16T10:00:00.000000Z", "statement": {"body": {"x": 2**53 - 1}}},
    {"full_name": "Никол Пашинян", "title": "Премьер-министр Республики Армения"},
    {"quote": 'a "quoted" \\ back\\slash / slash'},
    {"controls": "\x00\x01\x08\t\n\x0b\x0c\r\x1f\x7f", "separators": "\u2028\u2029"},
    {"emoji": "🕊️ peace", "han": "和平"},
    # Key order: RFC 8785 sorts by UTF-16 code units, Python by code points; they differ here.
    {"\ue000": 1, "😀": 2, "a": 3},
    {"big": 2**53},
    {"negative big": -(2**53)},
    {"fraction": 1.5, "whole float": 1.0, "exponent": 1e16, "small": 1e-7},
    [0.1, -0.0, 123456789.125],
    {"nested": [[[{"deep": ["\u00e9", "e\u0301"]}]]]},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_it_writes_what_rfc8785_writes(value: Any) -> None:
    try:
        expected = rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as error:
        with pytest.raises(type(error)):
            entries.canonical(value)
        return
    assert entries.canonical(value) == expected


def test_it_refuses_what_rfc8785_refuses() -> None:
    with pytest.raises(rfc8785.CanonicalizationError):
        entries.canonical({"nan": float("nan")})
    with pytest.raises(rfc8785.CanonicalizationError):
        entries.canonical({"lone surrogate": "\ud800"})


ENTRIES = [
    {"seq": 0, "time": "2022-05-16T10:00:00.000000Z", "signatures": [],
     "statement": {"v": 1, "log": "accord.example/log", "type": "x", "body": {"name": "Армения"}}},
    {"seq": 2**40, "time": "2026-11-28T12:00:00.123456Z",
     "signatures": [{"key": "ed25519:0123456789abcdef", "sig": "c2ln"}, {"key": "ed25519:1", "sig": "+/="}],
     "statement": {"commitment": "sha256:00", "audience": ["ARM", "secretariat"], "\ue000": 1, "😀": [1.5]}},
]


@pytest.mark.parametrize("value", ENTRIES, ids=range(len(ENTRIES)))
def test_an_entry_written_from_its_parts_is_the_rfc8785_form_of_the_whole(value: dict[str, Any]) -> None:
    written = entries.entry(seq=value["seq"], time=value["time"], stmt=value["statement"],
                            signatures=value["signatures"])
    assert written == rfc8785.dumps(value)
    stmt_bytes = rfc8785.dumps(value["statement"])
    assert entries.entry(seq=value["seq"], time=value["time"], stmt=value["statement"],
                         signatures=value["signatures"], stmt_bytes=stmt_bytes) == written


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_a_value_read_back_as_plain_is_written_as_rfc8785_writes_it(value: Any) -> None:
    import json

    text = json.dumps(value, ensure_ascii=False)
    parsed, plain = entries.parse(text.encode("utf-8"))
    try:
        expected = rfc8785.dumps(parsed)
    except rfc8785.CanonicalizationError:
        assert not plain
        return
    assert entries.canonical(parsed, plain=plain) == expected
    has_numbers_rfc8785_writes_apart = any(isinstance(x, float) for x in _leaves(parsed))
    assert plain is not has_numbers_rfc8785_writes_apart


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
