"""Helpers of the crisis tests: the reference organization with more delegations, an observer, bodies."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "web"))

import reference_org

from accord.core.acting import Actor
from accord.members import actions as registry
from accord.members.models import Person

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

API = "/api/v1"
# The delegations whose head and delegate sign in: the requester and the contributors.
DELEGATIONS = ("ARM", "KAZ", "RUS", "BLR", "KGZ", "TJK")
T0 = dt.datetime(2022, 1, 5, 12, 0, tzinfo=dt.UTC)


def build_crisis_organization() -> None:
    reference_org.build(people=DELEGATIONS)
    console = Actor.console()
    registry.add_person(actor=console, username="observer", full_name="Observer", role="observer",
                        password=reference_org.PASSWORD)
    for code, name in (("CSC", "Collective Security Council"), ("CMD", "Council of Defence Ministers")):
        registry.establish_body(actor=console, code=code, name={"ru": name, "en": name})


@pytest.fixture
def organization(db: None) -> None:
    build_crisis_organization()


def actor(handle: str) -> Actor:
    return Actor(person=Person.objects.get(username=handle))


def call(handle: str | None, method: str, path: str, payload: Any = None) -> Any:
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    data = json.dumps(payload, default=str) if payload is not None else None
    return getattr(client, method.lower())(API + path, data=data, content_type="application/json")


def signed_in(handle: str | None, language: str = "en") -> Client:
    """A test client signed in as `handle` (None: the public), reading the pages in `language`."""
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    client.cookies["django_language"] = language
    return client


def page(handle: str | None, path: str) -> Response:
    client = Client()
    if handle is not None:
        client.force_login(Person.objects.get(username=handle))
    return client.get(path)


class Request(TypedDict):
    """What a request for assistance states (the keyword arguments of `file_request`)."""

    legal_basis: str
    happened: str
    area: str
    asks_for: str


REQUEST: Request = {"legal_basis": "aggression", "happened": "Mass unrest with armed attacks on public buildings",
           "area": "Almaty and the southern regions", "asks_for": "Collective peacekeeping forces"}


# The fields a person writes in the organization's languages (Russian first, as the fixture's charter has it).
TEXTS = ("happened", "area", "asks_for", "note", "purpose", "commander", "reference", "text")


def texts_in(values: Mapping[str, Any], language: str = "ru") -> dict[str, Any]:
    """The same values as the API takes them: each text an object from language to text."""
    return {name: {language: value} if name in TEXTS and isinstance(value, str) else value
            for name, value in values.items()}


def typed(values: Mapping[str, Any], language: str = "ru") -> dict[str, Any]:
    """The same values as a page's form posts them: each text in its language's input (`area_ru`)."""
    return {f"{name}_{language}" if name in TEXTS else name: value for name, value in values.items()}
