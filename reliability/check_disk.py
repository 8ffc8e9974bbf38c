"""A full disk: Accord on SQLite whose database lives on a small tmpfs that fills up while acts are recorded.

Acts must be refused with a clear error (507 JSON, never a 500), nothing half-written (the log verifies and
the state is its replay), every act answered 201 kept, and the service must resume once space returns.
The filesystem is a tmpfs mounted with a size limit (this needs root and a container that allows mounts);
where mounting is refused the check says so and stops: the ordinary suite's
tests/core/test_outage.py covers the same refusal with SQLite's own SQLITE_FULL (PRAGMA max_page_count).
Last line: mode=tmpfs acked=A acked_lost=0 refused_507=R errors_500=0 resumed=1 verify_failures=0.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from harness import act, environment, log_sound, persons_recorded, prepare, say, served, signed_in

SIZE = "24m"  # room for the migrated database and some acts; then a filler file takes the rest
ACTS_WHILE_FULL = 10
RESUME_BOUND = 30  # acts tried once space is back before the check gives up


def fill(folder: Path) -> int:
    """Write a filler file until the filesystem is full: the bytes it took."""
    written = 0
    chunk = b"\0" * 65536
    with open(folder / "filler", "wb", buffering=0) as filler:
        while True:
            try:
                written += filler.write(chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                if len(chunk) == 1:
                    return written
                chunk = chunk[: len(chunk) // 2]


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="accord-check-disk-"))
    disk = folder / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(disk)],
                             capture_output=True, text=True, check=False).returncode == 0
    if not mounted:
        say("mounting a tmpfs was refused here: the full disk is covered only by the ordinary suite "
            "(tests/core/test_outage.py, SQLite's SQLITE_FULL through PRAGMA max_page_count)")
        shutil.rmtree(folder, ignore_errors=True)
        say("mode=unavailable acked=0 acked_lost=0 refused_507=0 errors_500=0 resumed=0 verify_failures=0")
        return 0
    try:
        say(f"a tmpfs of {SIZE} at {disk} holds the SQLite database")
        env = environment(folder / "var", f"sqlite:///{disk / 'accord.sqlite3'}")
        prepare(env)
        statuses: Counter[int] = Counter()
        acked: set[str] = set()
        page_while_full = 0
        resumed = False
        with served(env) as base:
            client = signed_in(base)

            def one() -> int:
                username, status = act(client, "disk")
                statuses[status] += 1
                if status == 201:
                    acked.add(username)
                return status

            for _ in range(10):
                one()
            taken = fill(disk)
            say(f"the filesystem filled: a filler of {taken} bytes")
            refused: Counter[int] = Counter()
            for _ in range(ACTS_WHILE_FULL):
                refused[one()] += 1
            answer = httpx.get(f"{base}/api/v1/members", timeout=10)
            say(f"while full: acts answered {dict(refused)}; a read answered {answer.status_code}")
            page_while_full = httpx.get(f"{base}/", headers={"Accept-Language": "ru"}, timeout=10).status_code
            (disk / "filler").unlink()
            say("space returned")
            for attempt in range(1, RESUME_BOUND + 1):
                if one() == 201:
                    resumed = True
                    say(f"an act recorded again at attempt {attempt}")
                    break
                time.sleep(0.2)
            for _ in range(5):
                one()
        recorded = persons_recorded(env)
        lost = acked - recorded
        ok, detail = log_sound(env)
        say(f"statuses: {dict(sorted(statuses.items()))}; a page while full: {page_while_full}; log: {detail}")
        errors_500 = sum(count for status, count in statuses.items() if status >= 500 and status not in (503, 507))
        errors_500 += page_while_full >= 500 and page_while_full not in (503, 507)
        good = ok and not lost and errors_500 == 0 and resumed and statuses[507] > 0
        say(f"mode=tmpfs acked={len(acked)} acked_lost={len(lost)} refused_507={statuses[507]} "
            f"errors_500={errors_500} resumed={int(resumed)} verify_failures={0 if ok else 1}")
        return 0 if good else 1
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
