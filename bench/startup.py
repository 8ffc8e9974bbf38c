"""Benchmark of start-up: how long a server and a command take before their first answer.

Each figure is set beside a baseline measured in the same run: a bare Python process that sets Django up
with Accord's settings (`django.setup()`, the models of every app) and exits, the floor under every
`accord` command; and the quick commands, `accord --help` and `accord-verify --help`, beside a bare
`python -c pass` (issue 18: under 0.5 s).

- `accord ledger verify` on the small organization of the reliability checks (its wall time: the set-up,
  the system checks, the verification);
- `accord serve`: from the process's start until `/login/` answers 200 (the first page), and until the
  first answer under `/api/v1/` (the API's ~600 pydantic models imported), polled every 50 ms.

The database is a copy of the reliability checks' cached small organization (reliability/harness.py: made
once per version of the code). Only the loopback is used; every server is stopped.

Run: .venv/bin/python bench/startup.py [--runs N] [--database sqlite|postgresql] [--help-only]. The last
line printed is `key=value` pairs, for scripts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reliability"))

from harness import ACCORD, Server, database, load_on_machine, say  # noqa: E402


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--help-only", action="store_true",
                        help="only the quick commands against `python -c pass` (no database, no server)")
    return parser.parse_args()


def _timed(command: list[str], env: dict[str, str]) -> float:
    began = time.monotonic()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
    return time.monotonic() - began


def _serve(server: Server) -> tuple[float, float]:
    """Seconds from the start until the first page, and until the first API answer."""
    import httpx

    began = time.monotonic()
    server.start()  # returns once /login/ answers 200
    page = time.monotonic() - began
    while time.monotonic() - began < 60:
        try:
            if httpx.get(server.url + "/api/v1/organization", timeout=30).status_code < 500:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    api = time.monotonic() - began
    server.stop()
    return page, api


def _quick_commands(runs: int) -> dict[str, float]:
    """`accord --help` and `accord-verify --help` beside `python -c pass`, interleaved run by run; medians."""
    verifier = str(Path(ACCORD).with_name("accord-verify"))
    commands = {"python_s": [sys.executable, "-c", "pass"], "help_s": [ACCORD, "--help"],
                "verify_help_s": [verifier, "--help"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ACCORD_", "DJANGO_"))}
    for run in range(runs):
        for name, command in commands.items():
            times[name].append(_timed(command, env))
        say(f"run {run + 1}/{runs}: " + ", ".join(f"{name} {values[-1]:.3f} s" for name, values in times.items()))
    return {name: statistics.median(values) for name, values in times.items()}


def _quick_line(quick: dict[str, float]) -> str:
    base = quick["python_s"]
    return (" ".join(f"{name}={value:.3f}" for name, value in quick.items())
            + f" help_ratio={quick['help_s'] / base:.2f} verify_help_ratio={quick['verify_help_s'] / base:.2f}")


def main() -> int:
    options = _arguments()
    quick = _quick_commands(max(options.runs, 5))
    if options.help_only:
        say(_quick_line(quick) + f" load={load_on_machine()}")
        return 0
    floor: list[float] = []
    verify: list[float] = []
    pages: list[float] = []
    apis: list[float] = []
    with database(options.database) as db:
        db.prepare("small")
        env = db.env()
        setup = [sys.executable, "-c", "import django; django.setup()"]
        env_setup = {**env, "DJANGO_SETTINGS_MODULE": "accord.settings"}
        for run in range(options.runs):
            floor.append(_timed(setup, env_setup))
            verify.append(_timed([ACCORD, "ledger", "verify", "--quiet"], env))
            page, api = _serve(Server(db))
            pages.append(page)
            apis.append(api)
            say(f"run {run + 1}/{options.runs}: django.setup() {floor[-1]:.2f} s, "
                f"ledger verify {verify[-1]:.2f} s, serve: first page {page:.2f} s, first API answer {api:.2f} s")
    figures = {name: statistics.median(values) for name, values in
               (("setup_s", floor), ("verify_s", verify), ("serve_page_s", pages), ("serve_api_s", apis))}
    base = figures["setup_s"]
    say(f"medians of {options.runs} ({options.database}, load {load_on_machine()}, {ACCORD}):")
    for name, value in figures.items():
        say(f"  {name:<14} {value:6.2f} s  ({value / base:.2f}x the bare django.setup())")
    say(" ".join(f"{name}={value:.2f}" for name, value in figures.items())
        + f" verify_ratio={figures['verify_s'] / base:.2f} serve_api_ratio={figures['serve_api_s'] / base:.2f} "
        + _quick_line(quick)
        + f" load={load_on_machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
