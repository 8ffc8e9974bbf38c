"""Issue 18's pages: the dashboard and the full session API beside the summit page, in process, with their queries.

Builds a fresh demo database under a scratch directory (default /tmp/pages; `--keep` reuses it), then
reads each page through Django's test client as one signed-in person (default rus.delegate, in English),
alternating the pages round by round so that a change of the machine's load weighs on all of them, and
prints each page's median time, its queries (and how many of them repeat one already made in the same
request) and its ratio to the summit page measured in the same run. The issue's target is
`dashboard_ratio` at most 1.5. Times are the process's CPU time (the machine is shared; see
docs/performance.md), the wall clock beside them.

Each page is also read conditionally, with the ETag its answer carried (accord.core.conditional), in the same
rounds: answered 304 without rendering, its median beside the full render's (`<page>_304_ms`, and
`conditional_ratio`, the summit page's 304 over its full render; `<page>_conditional_ratio` for the others).
A page that read the clock's instant has no ETag: `<page>_304_ms=untagged`. And each tagged page is read a third
time unconditionally, as a client holding no copy reads it, answered from the answers the process keeps
(`accord.core.conditional.kept`) without rendering: `<page>_kept_ms`, and `<page>_kept_ratio` over its full
render. The full renders are timed with no answer kept.

The dashboard reads the instant (its deadlines) and is never kept whole, but its parts that do not are kept
on the log's head (`accord.core.conditional.fragment`: the latest acts, the chairmanship's rotation, the
offices). `dashboard_ms` is the dashboard as it is served, those parts kept from its first render (they are
until the next act), and `dashboard_ratio` its ratio to the summit page's full render; `dashboard_unkept_ms`
and `dashboard_unkept_ratio` are the same with nothing kept, every part rendered.

Run: .venv/bin/python bench/pages.py [--dir /tmp/pages] [--keep] [--rounds 60] [--person rus.delegate]
Last line: key=value pairs. Not a test (pytest does not collect bench/).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import walk  # the demo site both benchmarks read


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/pages"))  # noqa: S108 (a scratch place)
    parser.add_argument("--keep", action="store_true", help="reuse the database already in --dir")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--person", default="rus.delegate")
    arguments = parser.parse_args()

    env = walk.environment(arguments.dir)
    if not arguments.keep or not (arguments.dir / "accord.sqlite3").exists():
        walk.build_demo(arguments.dir, env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from accord.core import conditional
    from accord.demo.loader import PASSWORD
    from accord.meetings.models import Session

    setup_test_environment()  # the client's `testserver` host allowed
    summit = Session.objects.filter(starts_on="2022-05-16").order_by("pk").first()
    assert summit is not None, "the demo has no summit of 16 May 2022"
    pages = {
        "summit": f"/meetings/sessions/{summit.pk}/",
        "dashboard": "/",
        "session_api": f"/api/v1/meetings/sessions/{summit.pk}",
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=arguments.person, password=PASSWORD)
    client.cookies["django_language"] = "en"

    budget = conditional.kept.budget
    conditional.kept.budget = 0  # every answer rendered, but those read for `<page>_kept_ms`
    queries: dict[str, list[str]] = {}
    etags: dict[str, str] = {}
    for name, path in pages.items():
        assert client.get(path).status_code == 200, path  # the first read fills the one-time caches
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(path)
            assert answer.status_code == 200, path
        queries[name] = [str(query["sql"]) for query in captured.captured_queries]
        if answer.has_header("ETag"):
            etags[name] = answer["ETag"]
            assert client.get(path, headers={"If-None-Match": etags[name]}).status_code == 304, path

    cpu: dict[str, list[float]] = {name: [] for name in pages}
    wall: dict[str, list[float]] = {name: [] for name in pages}
    cpu_304: dict[str, list[float]] = {name: [] for name in etags}
    cpu_kept: dict[str, list[float]] = {name: [] for name in etags}
    unkept: list[float] = []  # the dashboard with nothing kept
    order = list(pages)
    for round_ in range(arguments.rounds):
        for name in order if round_ % 2 == 0 else reversed(order):
            if name == "dashboard":
                start_cpu = time.process_time()
                assert client.get(pages[name]).status_code == 200
                unkept.append(time.process_time() - start_cpu)
                conditional.kept.budget = budget  # its parts kept, as served (the page itself never is)
                client.get(pages[name])  # rendered, its parts kept
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            answer = client.get(pages[name])
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start_wall)
            assert answer.status_code == 200
            if name == "dashboard":
                conditional.kept.clear()
                conditional.kept.budget = 0
            if name in etags:
                start_cpu = time.process_time()
                answer = client.get(pages[name], headers={"If-None-Match": etags[name]})
                cpu_304[name].append(time.process_time() - start_cpu)
                assert answer.status_code == 304
                conditional.kept.budget = budget
                client.get(pages[name])  # rendered, and kept
                start_cpu = time.process_time()
                answer = client.get(pages[name])
                cpu_kept[name].append(time.process_time() - start_cpu)
                assert answer.status_code == 200
                assert answer["ETag"] == etags[name]
                conditional.kept.clear()
                conditional.kept.budget = 0

    figures: dict[str, str] = {"person": arguments.person, "rounds": str(arguments.rounds)}
    summit_cpu = statistics.median(cpu["summit"])
    for name in pages:
        repeats = sum(count - 1 for count in Counter(queries[name]).values())
        median_cpu, median_wall = statistics.median(cpu[name]), statistics.median(wall[name])
        print(f"{name:12} {pages[name]:36} {median_cpu * 1000:7.2f} ms CPU {median_wall * 1000:7.2f} ms wall "
              f"{len(queries[name]):3} queries ({repeats} repeated)  / summit {median_cpu / summit_cpu:.2f}")
        figures[f"{name}_ms"] = f"{median_cpu * 1000:.2f}"
        figures[f"{name}_queries"] = str(len(queries[name]))
        figures[f"{name}_repeated"] = str(repeats)
    figures["dashboard_ratio"] = f"{statistics.median(cpu['dashboard']) / summit_cpu:.2f}"
    median_unkept = statistics.median(unkept)
    print(f"{'dashboard':12} {'nothing kept':36} {median_unkept * 1000:7.2f} ms CPU"
          f"{'':31}/ summit {median_unkept / summit_cpu:.2f}")
    figures["dashboard_unkept_ms"] = f"{median_unkept * 1000:.2f}"
    figures["dashboard_unkept_ratio"] = f"{median_unkept / summit_cpu:.2f}"
    figures["session_api_ratio"] = f"{statistics.median(cpu['session_api']) / summit_cpu:.2f}"
    for name in pages:
        if name not in etags:
            figures[f"{name}_304_ms"] = "untagged"
            continue
        median_304 = statistics.median(cpu_304[name])
        ratio = median_304 / statistics.median(cpu[name])
        print(f"{name:12} answered 304: {median_304 * 1000:7.2f} ms CPU, {ratio:.3f} of its full render")
        figures[f"{name}_304_ms"] = f"{median_304 * 1000:.2f}"
        figures["conditional_ratio" if name == "summit" else f"{name}_conditional_ratio"] = f"{ratio:.3f}"
        median_kept = statistics.median(cpu_kept[name])
        kept_ratio = median_kept / statistics.median(cpu[name])
        print(f"{name:12} answered as kept: {median_kept * 1000:7.2f} ms CPU, {kept_ratio:.3f} of its full render")
        figures[f"{name}_kept_ms"] = f"{median_kept * 1000:.2f}"
        figures[f"{name}_kept_ratio"] = f"{kept_ratio:.3f}"
    print(" ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
