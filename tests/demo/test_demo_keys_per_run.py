"""The demo's persons' key files are each test run's own (stop 25): two runs at once in one checkout wrote
the same var/demo-keys, so that one run's demo replaced the keys the other's was signing with."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

from accord.demo import loader


def test_a_run_writes_the_demo_keys_in_a_folder_of_its_own() -> None:
    folder = loader.keys_dir()
    assert not folder.is_relative_to(Path(settings.BASE_DIR) / "var")
    assert folder.parent.name.startswith(f"accord-test-var-{os.getpid()}-")
    assert folder.parent.is_dir()


def test_the_server_keeps_them_under_its_var_dir(tmp_path: Path) -> None:
    """Outside the tests (`make run`, `accord demo`) they stay under the run's VAR_DIR (ACCORD_VAR_DIR)."""
    import subprocess
    import sys

    env = {**os.environ, "ACCORD_VAR_DIR": str(tmp_path)}
    code = "import django; django.setup(); from accord.demo import loader; print(loader.keys_dir())"
    run = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "accord.settings"},
                         capture_output=True, text=True, check=True, timeout=300)
    assert Path(run.stdout.strip()) == tmp_path / "demo-keys"
