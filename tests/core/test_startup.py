"""Start-up: a server answers its pages without importing the API (about 600 pydantic models, most of its
start-up; docs/performance.md, "Start-up"), and imports it on the API's first use."""

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

