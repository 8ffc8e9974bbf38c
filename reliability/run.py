"""The reliability campaign (`make reliability`): every reliability/check_*.py in name order, then a summary.

Each check is a standalone script: it talks only to the loopback, stops by itself, prints its progress and
ends with one `key=value` line, exiting 0 only when good. The campaign gives the checks that have a scale
the one that fits its budget (CAMPAIGN below; docs/reliability.md gives the full-scale commands) and stops
any check still running when the whole budget (20 minutes) is spent, which then counts as a failure.

Run: .venv/bin/python reliability/run.py [--quick] [--budget-minutes M] [--only NAME]
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
BUDGET_MINUTES = 20.0
# The scale of each check in the 20-minute campaign (the checks' own defaults are the full scale).
# Measured on this project's shared machine (2 CPUs, load 8 to 20; docs/reliability.md, "Measured figures"),
# with the cached organizations made: check_backup ~3 min, check_disk ~1, check_outage ~3, check_crash ~5
# at this scale (a cycle ~8 s, the audit ~1 min, per database), check_load ~5 (two phases and their set-up).
CAMPAIGN = {
    # 15 SIGKILLs on each database (30 in all), 100 consoles, the replay audit after the last crash.
    "check_crash.py": ["--crashes", "15", "--streams", "100", "--audit-every", "0"],
    # 300 users for 1.5 minutes on one server (SQLite), then on two servers sharing PostgreSQL.
    "check_load.py": ["--minutes", "1.5"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every check at its small scale (--quick)")
    parser.add_argument("--budget-minutes", type=float, default=BUDGET_MINUTES)
    parser.add_argument("--only", action="append", default=[], help="run only this check (repeatable)")
    options = parser.parse_args()
    checks = sorted(HERE.glob("check_*.py"))
    if options.only:
        checks = [c for c in checks if c.name in options.only or c.stem in options.only]
    deadline = time.monotonic() + options.budget_minutes * 60
    results: list[tuple[str, str, float, str]] = []
    for check in checks:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            results.append((check.name, "not run (budget spent)", 0.0, ""))
            continue
        arguments = ["--quick"] if options.quick else CAMPAIGN.get(check.name, [])
        print(f"== {check.name} {' '.join(arguments)}", flush=True)
        results.append(_run(check, arguments, remaining))
    print("== summary", flush=True)
    for name, status, seconds, last in results:
        print(f"{name:<20} {status:<24} {seconds:7.0f} s  {last}", flush=True)
    good = all(status == "ok" for _, status, _, _ in results) and bool(results)
    print(f"checks={len(results)} failed={sum(1 for r in results if r[1] != 'ok')} "
          f"status={'ok' if good else 'failed'}", flush=True)
    return 0 if good else 1


def _run(check: Path, arguments: list[str], remaining: float) -> tuple[str, str, float, str]:
    began = time.monotonic()
    # A group of its own, so that a check over the budget is stopped with every server it started.
    process = subprocess.Popen([sys.executable, str(check), *arguments], stdout=subprocess.PIPE,
                               text=True, start_new_session=True)
    last = ""
    assert process.stdout is not None
    try:
        for line in _lines(process, began + remaining):
            print(line, flush=True)
            if line.strip():
                last = line.strip()
    except TimeoutError:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        return check.name, "stopped (over budget)", time.monotonic() - began, last
    code = process.wait()
    return check.name, "ok" if code == 0 else f"failed (exit {code})", time.monotonic() - began, last


def _lines(process: subprocess.Popen[str], deadline: float) -> Iterator[str]:
    """The check's output lines as they come, until it ends or the deadline passes (TimeoutError).

    Read by a thread: select() on the pipe says nothing of the lines already in the reader's buffer.
    """
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def read(stream: IO[str]) -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, args=(process.stdout,), daemon=True).start()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        try:
            line = lines.get(timeout=min(left, 5.0))
        except queue.Empty:
            continue
        if line is None:
            return
        yield line


if __name__ == "__main__":
    sys.exit(main())
