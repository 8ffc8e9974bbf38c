"""The OpenAPI file says how each operation fails and which values a choice takes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from pytest_django import Settings

ERROR = {"$ref": "#/components/schemas/ErrorOut"}


@pytest.fixture
def openapi(db: None) -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, operation) for path, operations in openapi["paths"].items()
            for method, operation in operations.items()]


def test_it_documents_the_error_body_on_every_operation(openapi: dict[str, Any]) -> None:
    assert set(openapi["components"]["schemas"]["ErrorOut"]["required"]) == {"detail", "errors"}
    for method, path, operation in _operations(openapi):
        for status in ("400", "403", "404", "422", "500"):
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == ERROR, (method, path, status)
        if operation.get("security"):
            assert "401" in operation["responses"], (method, path)
        if "requestBody" in operation:
            assert {"413", "415"} <= set(operation["responses"]), (method, path)


@pytest.mark.parametrize(("schema", "field", "some"), [
    ("PersonIn", "role", {"secretariat_officer", "delegate"}),
    ("DocumentIn", "classification", {"public", "members", "participants"}),
    ("RequestIn", "legal_basis", {"aggression"}),
    ("SessionIn", "mode", {"video"}),
    ("PositionIn", "stance", set()),
])
def test_it_lists_the_allowed_values_of_a_choice(openapi: dict[str, Any], schema: str, field: str,
                                                 some: set[str]) -> None:
    enum = openapi["components"]["schemas"][schema]["properties"][field]["enum"]
    assert enum
    assert some <= set(enum)


def test_it_bounds_whole_numbers_to_what_the_database_holds(openapi: dict[str, Any]) -> None:
    rule = openapi["components"]["schemas"]["RuleChangeIn"]["properties"]["from_term"]
    assert (rule["minimum"], rule["maximum"]) == (-(2**31), 2**31 - 1)


def test_it_states_the_size_limits_of_a_body(openapi: dict[str, Any], settings: Settings) -> None:
    description = openapi["paths"]["/api/v1/documents/verify"]["post"]["responses"]["413"]["description"]
    assert str(settings.ACCORD_MAX_UPLOAD_BYTES) in description
    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in description


def test_the_docs_page_loads_only_assets_this_server_serves(db: None) -> None:
    """Swagger UI from a CDN leaves the page blank offline (issue #21): every script and sheet is ours."""
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', page)
    assert any(asset.endswith(".js") for asset in assets), page
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
        assert Client().get(asset).status_code == 200, asset


def _schemas_below(base: type) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = base.__subclasses__()
    for subclass in subclasses:
        found += [subclass, *_schemas_below(subclass)]
    return found


def test_no_two_schemas_of_the_api_share_a_name(openapi: dict[str, Any]) -> None:
    """The OpenAPI file keeps one schema a name: a second class of the same name (a crisis's lesson and an
    exercise's, say) silently replaced the first, so the file described one operation's body as another's."""
    from ninja import Schema

    names: dict[str, set[str]] = {}
    for schema in _schemas_below(Schema):
        if schema.__module__.startswith("accord"):
            names.setdefault(schema.__name__, set()).add(schema.__module__)
    assert {name: modules for name, modules in names.items() if len(modules) > 1} == {}
