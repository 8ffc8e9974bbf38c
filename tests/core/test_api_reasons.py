"""Pydantic's reasons for refusing a field, as the API says them: in the request's language (issue #21)."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.api import _reason


@pytest.mark.parametrize(("error", "english", "russian"), [
    ({"type": "missing"}, "is required", "обязательное поле"),
    ({"type": "int_parsing", "input": "x"}, "must be a whole number", "должно быть целым числом"),
    ({"type": "float_type", "input": []}, "must be a number", "должно быть числом"),
    ({"type": "datetime_parsing", "input": "x"},
     "must be a date and time, written YYYY-MM-DDTHH:MM with its offset from UTC",
     "должно быть датой и временем в виде YYYY-MM-DDTHH:MM со смещением от UTC"),
    ({"type": "string_too_long", "input": "abcdef", "ctx": {"max_length": 5}},
     "is 6 characters long; at most 5", None),
    ({"type": "literal_error", "input": "x", "ctx": {"expected": "'a' or 'b'"}},
     "must be one of: 'a' or 'b'", "должно быть одним из: 'a' or 'b'"),
    ({"type": "less_than_equal", "input": 11, "ctx": {"le": 10}}, "must be at most 10",
     "должно быть не больше 10"),
    ({"type": "too_long", "input": [1, 2, 3], "ctx": {"max_length": 2}}, "may hold at most 2 items",
     "может содержать не более 2 элементов"),
    ({"type": "bool_parsing", "input": "x"}, "must be true or false", "должно быть true или false"),
    ({"type": "model_type", "input": 1}, "must be an object", "должно быть объектом"),
    ({"type": "value_error", "msg": "a validator's own words"}, "a validator's own words",
     "a validator's own words"),
])
def test_each_common_reason_is_said_in_english_and_russian(error: dict[str, object], english: str,
                                                            russian: str | None) -> None:
    with translation.override("en"):
        assert _reason(error) == english
    with translation.override("ru"):
        said = _reason(error)
    if russian is not None:
        assert said == russian
    else:
        assert said != english  # translated, whatever the words
    with translation.override("fr"):
        assert error["type"] == "value_error" or _reason(error) != english
