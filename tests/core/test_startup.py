"""Start-up: a process answers its pages without importing the API (about 600 pydantic models, most of its
start-up; docs/performance.md, "Start-up") and imports it on the API's first use; a command runs every system
check but the URLs' (which imports the API); what needed the API imported imports it itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
import django
django.setup()
from django.urls import get_resolver, resolve, reverse
get_resolver().reverse_dict  # what every page's first reverse of a name reads
print("after pages:", "accord.api" in sys.modules)
print(reverse("api:openapi-json"), resolve("/api/v1/organization").url_name)
print("after the API:", "accord.api" in sys.modules)
"""


def test_pages_do_not_import_the_api_and_the_api_still_resolves(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "accord.settings", "ACCORD_VAR_DIR": str(tmp_path),
           "ACCORD_DEMO": "on", "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "after pages: False"
    assert lines[1].startswith("/api/v1/openapi.json ")
    assert lines[2] == "after the API: True"



REPLAY_PROBE = """
import django
django.setup()
from accord.core import replay, signed
print("before:", len(signed.signable_types()))
replay.discover()
print("after:", "organization.configured" in signed.signable_types())
"""


def _run(probe: str, tmp_path: Path) -> list[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "accord.settings", "ACCORD_VAR_DIR": str(tmp_path),
           "ACCORD_DEMO": "on", "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_replay_finds_the_signed_acts_without_the_checks_having_imported_the_api(tmp_path: Path) -> None:
    """The signed acts' adapters are registered by the API's modules. `accord ledger audit` no longer runs
    the URLs' system check, which imported them: the replay imports them itself (found by
    reliability/check_crash.py: every signed act was refused as not one)."""
    assert _run(REPLAY_PROBE, tmp_path) == ["before: 0", "after: True"]


def test_a_command_runs_every_system_check_but_the_urls() -> None:
    """Accord's commands answer no request: the URLs' check, which imports the API (two seconds), is left to
    `accord check`, `accord migrate` and the test suite; the others still run."""
    from django.core.checks import Tags
    from django.core.management import get_commands, load_command_class

    from accord.core.startup import CHECKS_BUT_URLS

    assert Tags.urls not in CHECKS_BUT_URLS
    assert {Tags.models, Tags.templates, Tags.security, Tags.database} <= set(CHECKS_BUT_URLS)
    ours = {name: app for name, app in get_commands().items() if app.startswith("accord")}
    assert {"serve", "audit", "ledger", "backup", "restore", "demo"} <= set(ours)
    for name, app in ours.items():
        checks = load_command_class(app, name).requires_system_checks
        assert checks in (CHECKS_BUT_URLS, []), name  # [] : keygen and sign, which need no database either


HELP_PROBE = """
import sys
from accord import cli
sys.argv = ["accord", "--help"]
cli.main()
print("apps set up:", "accord.ledger.models" in sys.modules)
"""


def test_the_list_of_commands_is_djangos_without_setting_django_up(tmp_path: Path) -> None:
    """`accord --help` lists the commands as Django lists them, read from the apps' folders: setting Django
    up (every app's models, seconds) is left to the commands themselves (issue 18: under 0.5 s)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "accord.settings", "ACCORD_VAR_DIR": str(tmp_path),
           "ACCORD_DEMO": "on", "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    quick = _run(HELP_PROBE, tmp_path)
    assert quick[-1] == "apps set up: False"
    listing = "import django.core.management as m; m.execute_from_command_line(['accord', 'help'])"
    full = subprocess.run([sys.executable, "-c", listing], env=env, capture_output=True, text=True, check=True,
                          timeout=300).stdout.splitlines()
    assert quick[:-1] == full
    assert "    serve" in full
    assert "    ledger" in full
    assert "[django]" in full
