"""An auditor's machine: `pip install ./verifier` into a fresh venv, with no Django, checks the demo's export,
its signed statement's PDF and a witness's cosigned checkpoint; the witness is that venv's own
`accord-verify witness serve`, as a member state runs it."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accord.core.acting import Actor
from accord.demo import documents as demo_documents
from accord.documents import pdf
from accord.documents.models import Version
from accord.ledger import witnessing
from accord.ledger.logkey import log_key
from accord.members import actions

ROOT = Path(__file__).resolve().parents[2]
WITNESS = "witness.arm.example/accord"


@dataclass(frozen=True)
class Venv:
    bin: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bin / "accord-verify"), *args], capture_output=True, text=True,
                              check=False, timeout=600)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """The verifier alone, from this repository's files, in a venv that sees nothing of the project's."""
    auditor = tmp_path_factory.mktemp("auditor")
    # A copy, as a download of the package would be: the build writes nothing into the repository.
    source = shutil.copytree(ROOT / "verifier", auditor / "verifier",
                             ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "venv", str(auditor / "venv")], check=True, timeout=300)
    bin_dir = auditor / "venv" / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", f"{source}[witness]"],
                   check=True, timeout=900, capture_output=True)
    return Venv(bin_dir)


@pytest.fixture
def witness(venv: Venv, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A member state's witness of this log, served by the venv's `accord-verify witness serve`: (vkey, url)."""
    key_file = tmp_path / "witness.key"
    made = venv.run("witness", "keygen", WITNESS, "--key-file", str(key_file))
    assert made.returncode == 0, made.stderr
    process = subprocess.Popen(
        [str(venv.bin / "accord-verify"), "witness", "serve", "--key-file", str(key_file),
         "--state", str(tmp_path / "witness.db"), "--log", log_key().vkey, "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once the port is bound
        assert " listening on http://127.0.0.1:" in line, line + (process.stderr.read() if process.stderr else "")
        yield made.stdout.strip(), line.strip().rsplit(" ", 1)[1]
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.slow  # a venv and a pip install: about a minute
@pytest.mark.django_db
def test_the_verifier_alone_checks_the_demos_log_pdf_and_cosigned_checkpoint(
    venv: Venv, witness: tuple[str, str], tmp_path: Path, settings_var: None,
) -> None:
    witness_vkey, witness_url = witness
    call_command("demo", stdout=io.StringIO())
    actions.set_log_witnesses(actor=Actor.console(), witnesses=[{"vkey": witness_vkey, "url": witness_url}])
    assert [outcome.ok for outcome in witnessing.submit_latest()] == [True]
    origin_hash = sha256(settings.LOG_ORIGIN.encode()).hexdigest()
    with urllib.request.urlopen(f"{witness_url}/{origin_hash}/checkpoint", timeout=60) as answer:  # noqa: S310
        (tmp_path / "cosigned.txt").write_bytes(answer.read())
    statement = next(version for version in Version.objects.filter(number=1).select_related("document")
                     if version.document.title.get("en") == demo_documents.STATEMENT_EN)
    (tmp_path / "statement.pdf").write_bytes(pdf.render(statement.document, statement))
    export = tmp_path / "log.json"
    call_command("ledger", "export", str(export), "--quiet", stdout=io.StringIO())
    (tmp_path / "log.vkey").write_text(log_key().vkey + "\n")
    key = str(tmp_path / "log.vkey")

    log = venv.run("log", str(export), "--key", key, "--witness", witness_vkey, "--quorum", "1",
                   "--cosigned", str(tmp_path / "cosigned.txt"))
    assert log.returncode == 0, log.stdout + log.stderr
    assert "ok:" in log.stdout
    assert "witnessed at size" in log.stdout
    assert WITNESS in log.stdout

    document = venv.run("document", str(tmp_path / "statement.pdf"), "--log", str(export), "--key", key)
    assert document.returncode == 0, document.stdout + document.stderr
    assert "verified: document" in document.stdout
    assert document.stdout.count("signature of") == 6

    # A cosignature from a witness the auditor does not trust is no quorum; a bad argument exits 2.
    stranger = venv.run("witness", "keygen", "witness.other.example/w", "--key-file", str(tmp_path / "other.key"))
    untrusted = venv.run("log", str(export), "--key", key, "--witness", stranger.stdout.strip())
    assert untrusted.returncode == 1
    assert "damaged: " in untrusted.stdout
    assert "no quorum" in untrusted.stdout
    missing = venv.run("document", str(tmp_path / "missing.pdf"), "--log", str(export), "--key", key)
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
    assert "missing.pdf" in missing.stderr

    no_django = subprocess.run([str(venv.bin / "python"), "-c", "import django"], capture_output=True,
                               text=True, check=False, timeout=60)
    assert no_django.returncode == 1
    assert "No module named 'django'" in no_django.stderr


@pytest.fixture
def settings_var(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The demo writes its persons' key files under VAR_DIR: here, the test's own folder."""
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
