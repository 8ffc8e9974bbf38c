"""Schemathesis over every operation of /api/v1/openapi.json, in process: no 5xx, answers as documented.

Bounded so that it stays a small part of `make test`: a few examples per operation, mode and persona,
derandomized (the same cases on every run, so that a failure replays), no shrinking. One test walks
every operation on one organization, built once: a test per operation would build it 96 times.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import reference_org
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# A secretariat officer and a member's delegate: between them every write is allowed to someone.
PERSONAS = ("secretariat", "kaz.delegate")
# Any token of 32 letters and digits: the same one in the cookie and the header passes the CSRF check.
CSRF_TOKEN = "schemathesis0schemathesis0schema"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# A deeper run by hand: ACCORD_FUZZ_EXAMPLES=50 (CI keeps the default, a few minutes at most).
EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", 5))
# The live stream never ends by itself; tests/core/test_events.py covers it.
UNBOUNDED = "/api/v1/events"


@pytest.fixture
def in_process(organization: None) -> Iterator[Any]:
    """The OpenAPI schema, read from the app itself. As Django's test client does, a request's end must not
    close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def personas(organization: None) -> list[dict[str, str]]:
    """The cookies of each persona's signed-in session."""
    cookies = []
    for handle in PERSONAS:
        client = Client()
        assert client.login(username=handle, password=reference_org.PASSWORD)
        cookies.append({"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN})
    return cookies


def _fuzz(operation: Any, mode: GenerationMode, personas: list[dict[str, str]]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def each(case: Any) -> None:
        for cookies in personas:
            case.call_and_validate(headers={"X-CSRFToken": CSRF_TOKEN}, cookies=cookies, checks=CHECKS)

    try:
        each()
    except Unsatisfiable:
        # An operation that takes nothing (GET /api/v1/log/key) has no invalid input to send.
        assert mode == GenerationMode.NEGATIVE


def test_it_answers_every_operation_without_a_server_error_and_as_documented(
    in_process: Any, personas: list[dict[str, str]]
) -> None:
    operations = [result.ok() for result in in_process.get_all_operations()]
    assert len(operations) > 90
    for operation in operations:
        if operation.path == UNBOUNDED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, personas)
