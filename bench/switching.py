"""Benchmark of an SQLite query beside busy threads: what the interpreter's switch interval costs a request.

Python's sqlite3 gives the interpreter up at each step of a query (the rows are read in C) and then waits to
have it back. Beside threads that run Python (other requests drawing pages), it waits until the running
thread's switch interval ends, at each step. This reads 100 rows of a scratch SQLite table, 200 times, on
one thread while 0, 1, 4 and 8 other threads count in pure Python, with Python's default interval (5 ms)
and with the one a server process sets (settings.SWITCH_INTERVAL, by accord/asgi.py). Each figure is set
beside the baseline of the same run: the query with no busy thread.

Run: .venv/bin/python bench/switching.py [--queries N]. The last line printed is `key=value` pairs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reliability"))
sys.path.insert(0, str(ROOT))

from harness import load_on_machine, say  # noqa: E402

DEFAULT_INTERVAL = 0.005  # Python's own
BUSY = (0, 1, 4, 8)
ROWS = 100


def _query_ms(path: Path, busy: int, interval: float, queries: int) -> float:
    """Milliseconds of wall time per query while `busy` threads run Python."""
    sys.setswitchinterval(interval)
    stopping = threading.Event()

    def count() -> None:
        counted = 0
        while not stopping.is_set():
            counted += 1

    others = [threading.Thread(target=count) for _ in range(busy)]
    for other in others:
        other.start()
    reader = sqlite3.connect(path)
    try:
        began = time.perf_counter()
        for _ in range(queries):
            reader.execute("SELECT number, text FROM row LIMIT ?", (ROWS,)).fetchall()
        return (time.perf_counter() - began) / queries * 1000
    finally:
        stopping.set()
        for other in others:
            other.join()
        reader.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    from django.conf import settings

    served = settings.SWITCH_INTERVAL

    before = sys.getswitchinterval()
    figures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.sqlite3"
        with sqlite3.connect(path) as writer:
            writer.execute("CREATE TABLE row (number INTEGER, text TEXT)")
            writer.executemany("INSERT INTO row VALUES (?, ?)", [(n, "x" * 50) for n in range(ROWS * 2)])
        writer.close()
        try:
            for name, interval in (("default", DEFAULT_INTERVAL), ("served", served)):
                alone = _query_ms(path, 0, interval, options.queries)
                for busy in BUSY[1:]:
                    took = _query_ms(path, busy, interval, options.queries)
                    say(f"interval {interval * 1000:g} ms, {busy} busy thread(s): {took:.2f} ms a query "
                        f"({took / alone:.1f}× alone, {alone:.2f} ms)")
                    figures[f"{name}.busy{busy}_ratio"] = f"{took / alone:.1f}"
        finally:
            sys.setswitchinterval(before)
    say(" ".join(f"{key}={value}" for key, value in figures.items()) + f" load={load_on_machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
