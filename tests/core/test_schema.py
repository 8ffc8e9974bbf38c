"""The API's schemas (accord.core.schema): a dict is validated as pydantic validates one, with the same result as
django-ninja's own Schema gives; anything else, and a schema with resolvers, as django-ninja does."""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace
from typing import Any

import ninja
import pytest
from ninja import Field
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, ValidationError

import accord
from accord.core import schema
from accord.core.schema import Schema


class NinjaItem(ninja.Schema):
    number: int
    title: str = ""


class NinjaAnswer(ninja.Schema):
    id: int
    note: str | None = Field(None, description="free text")
    items: list[NinjaItem] = Field(default_factory=list)


class Item(Schema):
    number: int
    title: str = ""


class Answer(Schema):
    id: int
    note: str | None = Field(None, description="free text")
    items: list[Item] = Field(default_factory=list)


class Strict(Answer):
    model_config = ConfigDict(extra="forbid")


class NinjaStrict(NinjaAnswer):
    model_config = ConfigDict(extra="forbid")


@pytest.mark.parametrize("given", [
    {"id": 1},
    {"id": "2", "note": "a", "items": [{"number": 1, "title": "Opening"}, {"number": "2"}]},
    {"id": 3, "items": [SimpleNamespace(number=4, title="an object in a dict")], "unknown": "ignored"},
    SimpleNamespace(id=5, note=None, items=[{"number": 6}]),
])
def test_the_same_answer_as_django_ninja_gives(given: Any) -> None:
    assert Answer.model_validate(given).model_dump() == NinjaAnswer.model_validate(given).model_dump()


@pytest.mark.parametrize("given", [{}, {"id": "one"}, {"id": 1, "items": [{"title": "no number"}]},
                                   {"id": 1, "items": "not a list"}])
def test_the_same_refusal_as_django_ninja_gives(given: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        Answer.model_validate(given)
    with pytest.raises(ValidationError) as refused_by_ninja:
        NinjaAnswer.model_validate(given)
    assert ([(e["loc"], e["type"]) for e in refused.value.errors()]
            == [(e["loc"], e["type"]) for e in refused_by_ninja.value.errors()])


def test_a_dict_is_read_without_django_ninjas_getter(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Any] = []

    class Counted(DjangoGetter):
        def __init__(self, obj: Any, *arguments: Any) -> None:
            read.append(obj)
            super().__init__(obj, *arguments)

    monkeypatch.setattr(schema, "DjangoGetter", Counted)
    Answer.model_validate({"id": 1, "items": [{"number": 2}]})
    assert read == []
    item = SimpleNamespace(number=3)
    Answer.model_validate({"id": 1, "items": [item]})
    assert read == [item]  # an object, read through the getter as before


class Named(Schema):
    name: str

    @staticmethod
    def resolve_name(found: Any) -> str:
        return f"{found['first']} {found['last']}"


def test_a_schema_with_resolvers_resolves_a_dict_too() -> None:
        assert Named.model_validate({"first": "Kassym-Jomart", "last": "Tokayev"}).name == "Kassym-Jomart Tokayev"


def test_extra_fields_are_refused_where_the_schema_forbids_them() -> None:
    for strict in (Strict, NinjaStrict):
        with pytest.raises(ValidationError, match="unknown"):
            strict.model_validate({"id": 1, "unknown": 2})
        assert strict.model_validate({"id": 1}).id == 1


def test_every_schema_of_the_api_is_accords() -> None:
    for found in pkgutil.walk_packages(accord.__path__, "accord."):  # every module that may define a schema
        if found.name.rsplit(".", 1)[-1] in {"api", "schemas", "log_api", "provenance"}:
            importlib.import_module(found.name)

    def below(cls: type[Any]) -> list[type[Any]]:
        return [cls, *(found for sub in cls.__subclasses__() for found in below(sub))]

    ninjas = [cls for cls in below(ninja.Schema) if cls.__module__.startswith("accord.")
              and cls.__module__ != schema.__name__]
    assert len(ninjas) > 100
    assert [cls.__qualname__ for cls in ninjas if not issubclass(cls, Schema)] == []
