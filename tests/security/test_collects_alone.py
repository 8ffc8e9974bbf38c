"""test_outsiders collects when run alone (`pytest tests/security/test_outsiders.py`), not only in the full
run, where the meetings tests' conftest has put their helpers on the path before it (stop 25)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_outsider_test_collects_alone() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         str(HERE / "test_outsiders.py")],
        cwd=HERE.parent.parent, capture_output=True, text=True, check=False, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "tests collected" in run.stdout
