"""The verifier package imports no Django: a stray import anywhere in it fails here, in seconds."""

from __future__ import annotations

import subprocess
import sys

# Every module of the package is imported, and the command built, with `django` refused at import.
REFUSING_DJANGO = """
import importlib, importlib.abc, pkgutil, sys

class NoDjango(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError(f"the verifier imported {name}")
        return None

sys.meta_path.insert(0, NoDjango())
import accord_verify
names = sorted(m.name for m in pkgutil.walk_packages(accord_verify.__path__, "accord_verify.")
               if m.name != "accord_verify.__main__")
for name in names:
    importlib.import_module(name)
from accord_verify import cli
cli.parser().format_help()
print(" ".join(names))
"""


def test_every_module_of_the_verifier_imports_without_django() -> None:
    done = subprocess.run([sys.executable, "-c", REFUSING_DJANGO], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    for module in ("cli", "checking", "cosignature", "entries", "keys", "merkle", "note", "printed",
                   "texts", "tiles", "verify", "witness", "body_signatures"):
        assert f"accord_verify.{module}" in imported


def test_the_refusal_would_catch_a_django_import() -> None:
    """The hook itself works: the server's logkey, which reads Django's settings, is refused by it."""
    code = REFUSING_DJANGO.replace("import accord_verify\n", "import accord.ledger.logkey\nimport accord_verify\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    assert "the verifier imported django" in done.stderr
