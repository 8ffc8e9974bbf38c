"""A real organization's server refuses to start under the demo's log origin, or under a name its key is not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from nacl.signing import SigningKey
from pytest_django import Settings

from accord.ledger import origin
from accord_verify.keys import format_private_key


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `accord serve` handed to uvicorn, instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    return calls


@pytest.fixture
def real_server(settings: Settings, tmp_path: Path) -> Settings:
    """The settings of an organization's server: not the demo, its own key file (not made yet)."""
    settings.DEMO = False
    settings.LOG_KEY_FILE = tmp_path / "log.key"
    return settings


def test_it_refuses_to_serve_under_the_default_origin_outside_the_demo(real_server: Settings,
                                                                       started: list[dict[str, Any]]) -> None:
    real_server.LOG_ORIGIN = real_server.DEFAULT_LOG_ORIGIN
    with pytest.raises(CommandError, match="ACCORD_LOG_ORIGIN") as refused:
        call_command("serve")
    assert refused.value.returncode == 2
    assert "accord.local/log" in str(refused.value)
    assert started == []
    with pytest.raises(ImproperlyConfigured, match="ACCORD_LOG_ORIGIN"):
        origin.check()


def test_it_serves_the_demo_under_the_default_origin(real_server: Settings, started: list[dict[str, Any]]) -> None:
    real_server.LOG_ORIGIN = real_server.DEFAULT_LOG_ORIGIN
    real_server.DEMO = True
    call_command("serve", port=8123)
    assert [call["port"] for call in started] == [8123]


def test_it_serves_under_an_origin_of_the_organization(
        real_server: Settings, started: list[dict[str, Any]]) -> None:
    real_server.LOG_ORIGIN = "accord.csto.example/log"
    call_command("serve")
    assert len(started) == 1
    origin.check()


@pytest.mark.parametrize("name", ["", "accord example/log", "accord+example/log", "accord.example/log\n"])
def test_it_refuses_an_origin_that_is_no_log_name(real_server: Settings, started: list[dict[str, Any]],
                                                  name: str) -> None:
    real_server.LOG_ORIGIN = name
    with pytest.raises(CommandError, match="not a log name"):
        call_command("serve")
    assert started == []


def test_it_refuses_an_origin_other_than_its_log_keys(
        real_server: Settings, started: list[dict[str, Any]]) -> None:
    real_server.LOG_KEY_FILE.write_text(format_private_key("accord.csto.example/log", SigningKey.generate()))
    real_server.LOG_ORIGIN = "accord.csto.example/log"
    call_command("serve")
    real_server.LOG_ORIGIN = "accord.other.example/log"
    with pytest.raises(CommandError, match=r"is the key of the log 'accord\.csto\.example/log'"):
        call_command("serve")
    assert len(started) == 1


def test_it_stops_the_command_with_one_line_before_serving(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    environment["ACCORD_VAR_DIR"] = str(tmp_path)
    command = Path(sys.executable).parent / "accord"
    done = subprocess.run([str(command), "serve", "--port", "1"], env=environment, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "Accord will not serve: the log's origin is the default 'accord.local/log'" in done.stderr
    assert "Accord is served" not in done.stdout
