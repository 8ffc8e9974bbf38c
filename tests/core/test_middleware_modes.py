"""Every middleware runs in both of Django's modes, so that under uvicorn (ASGI) a request stays in the event
loop from the server to its view: Django adapts none of them (a sync-only one ran the chain below it on a
thread, the live stream's requests included)."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import override_settings
from django.utils.module_loading import import_string


@pytest.mark.parametrize("path", settings.MIDDLEWARE)
def test_every_middleware_is_async_capable(path: str) -> None:
    assert getattr(import_string(path), "async_capable", False)


# ServeStatic warns, with DEBUG on, that its checks are off: it is not an installed app here, only a middleware.
@pytest.mark.filterwarnings("ignore:Django checks for ServeStatic are disabled")
def test_the_async_chain_adapts_no_middleware(caplog: pytest.LogCaptureFixture) -> None:
    # Django says, with DEBUG on, each handler it wraps to run in the other mode (BaseHandler.adapt_method_mode).
    with override_settings(DEBUG=True), caplog.at_level(logging.DEBUG, logger="django.request"):
        BaseHandler().load_middleware(is_async=True)
    assert [record.getMessage() for record in caplog.records if "adapted" in record.getMessage()] == []
