"""Issue 18's full session API beside OpenSlides 3.3's motion: both read over HTTP by one client, alternated.

Builds the demo as bench/pages.py does (a fresh database under --dir, default /tmp/openslides-bench; `--keep`
reuses it), serves it with `accord serve` on a free port, and signs in to it as one person (default
rus.delegate). Signs in to an OpenSlides 3.3 already running at --openslides-url as its admin and, the first
time, gives it a motion comparable to the summit session (MOTION_TITLE: six paragraphs of text and a reason,
three submitters, three supporters, two amendments) and the delegates who submit and support it; then signs in
as one of those delegates (of OpenSlides' "Delegates" group, as the Accord reader is a delegate). One httpx
client, one connection to each server, reads Accord's `/api/v1/meetings/sessions/<summit id>` and OpenSlides'
`/rest/motions/motion/<id>/` in turn, sequentially, the order swapped every round so that a change of the
machine's load weighs on both; no conditional request (no If-None-Match): each is a full answer. As OpenSlides
answers from its element cache, Accord answers from the answers it keeps on the log's head
(accord.core.conditional.kept: rendered once, given again until the next act); `--render` serves it with none
kept (ACCORD_ANSWER_CACHE_BYTES=0), so that each answer is rendered. `accord_answers=` says which.

Printed: each one's p50 and p99 wall-clock time at the client and its answer's size, and the CPU time each
server process spent per answer (its /proc CPU time over the rounds, divided by the rounds; a mean, in
clock ticks of 10 ms summed over all rounds). `session_api_vs_openslides_motion=` is Accord's median over
OpenSlides' (below 1: Accord answers faster), `cpu_ratio=` the same for the servers' CPU per answer.
If OpenSlides does not answer at --openslides-url, it says so and exits with status 2 (no figure).

How OpenSlides 3.3 was started for these figures (outside the repository; nothing of it is committed):

    /root/.pyenv/versions/3.8.18/bin/python -m venv /tmp/openslides-venv
    /tmp/openslides-venv/bin/pip install 'openslides==3.3' 'twisted[tls]==20.3.0'
    mkdir -p /tmp/openslides-data
    /tmp/openslides-venv/bin/openslides createsettings --settings_dir /tmp/openslides-data
    sed -i "s#^OPENSLIDES_USER_DATA_DIR = .*#OPENSLIDES_USER_DATA_DIR = '/tmp/openslides-data'#" \\
        /tmp/openslides-data/settings.py      # its SQLite database and files under /tmp, not ~/.local
    /tmp/openslides-venv/bin/openslides start --no-browser --host 127.0.0.1 --port 8791 \\
        --settings_dir /tmp/openslides-data   # migrates, creates admin/admin, serves (Django Channels, SQLite)

OpenSlides 3.x answers a REST read of one element from its element cache (in memory without Redis),
restricted to what the signed-in user may see; a signed-in session (cookie OpenSlidesSessionID from
POST /apps/users/login/) or, with the config `general_system_enable_anonymous` on, no session at all.

Run: .venv/bin/python bench/openslides.py [--openslides-url http://127.0.0.1:8791] [--openslides-admin admin]
[--openslides-password admin] [--dir /tmp/openslides-bench] [--keep] [--rounds 300] [--person rus.delegate]
[--render]
Last line: key=value pairs. Not a test (pytest does not collect bench/).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import walk  # the demo site the other benchmarks read, and how they serve it

MOTION_TITLE = "Declaration on the anniversary of the Collective Security Treaty (bench)"
SUBMITTERS = ["bench.submitter1", "bench.submitter2", "bench.submitter3"]
SUPPORTERS = ["bench.delegate1", "bench.delegate2", "bench.delegate3"]  # the first one reads the motion
DELEGATE_PASSWORD = "bench-delegate"  # noqa: S105 (a throwaway local OpenSlides' users)
DELEGATES_GROUP = "Delegates"
PARAGRAPHS = [
    "The member states reaffirm their commitment to the purposes and principles of the Charter of the United "
    "Nations, to the Collective Security Treaty of 15 May 1992 and to the Charter of the Organization.",
    "They note that thirty years after the Treaty was signed the security of each of them remains "
    "inseparable from the security of all, and that collective measures agreed in good time prevent crises "
    "that no member could meet alone.",
    "They welcome the work of the Joint Staff and the Secretariat on the readiness of the collective forces, "
    "the exercises held in the past year and the lessons drawn from them for deployment at short notice.",
    "They ask the Council of Foreign Ministers to prepare, before the next session, proposals on crisis "
    "response procedures, including the consultation of members within forty-eight hours of a request.",
    "They express their concern at the growth of transnational threats on the Organization's borders and "
    "agree to strengthen the exchange of information between the competent authorities of the members.",
    "They instruct the Secretary General to report to the Council on the implementation of this declaration "
    "at its next regular session, and to publish this declaration in the official languages.",
]
REASON = ("The Treaty's thirtieth anniversary and the Organization's twentieth are the occasion to restate the "
          "commitments of the members and to set the work of the coming year.")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--openslides-url", default="http://127.0.0.1:8791")
    parser.add_argument("--openslides-admin", default="admin", help="creates the motion the first time")
    parser.add_argument("--openslides-password", default="admin")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/openslides-bench"))  # noqa: S108 (a scratch place)
    parser.add_argument("--keep", action="store_true", help="reuse the database already in --dir")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--person", default="rus.delegate")
    parser.add_argument("--render", action="store_true", help="Accord keeps no answer: each one is rendered")
    arguments = parser.parse_args()

    openslides_url = arguments.openslides_url.rstrip("/")
    try:
        httpx.get(f"{openslides_url}/apps/users/whoami/", timeout=10).raise_for_status()
    except httpx.HTTPError as error:
        print(f"OpenSlides does not answer at {openslides_url} ({error}); start it as this script's docstring "
              "says, or give --openslides-url. No figure.", file=sys.stderr)
        return 2
    openslides_pid = _listener(openslides_url)
    with httpx.Client(base_url=openslides_url, timeout=60) as admin:
        _openslides_sign_in(admin, openslides_url, arguments.openslides_admin, arguments.openslides_password)
        motion_id = _comparable_motion(admin, openslides_url)

    env = walk.environment(arguments.dir)
    if not arguments.keep or not (arguments.dir / "accord.sqlite3").exists():
        walk.build_demo(arguments.dir, env)
    summit = json.loads(walk._accord(env, "shell", "-c", walk._FIND_IDS).strip().splitlines()[-1])["session"]
    if arguments.render:
        env["ACCORD_ANSWER_CACHE_BYTES"] = "0"
    with walk._served(env, _free_port(), arguments.dir / "server.log") as accord_url:
        accord_pid = _listener(accord_url)
        urls = {"session_api": f"{accord_url}/api/v1/meetings/sessions/{summit}",
                "openslides_motion": f"{openslides_url}/rest/motions/motion/{motion_id}/"}
        # One client for both: the two servers' cookies have different names (sessionid, OpenSlidesSessionID).
        with httpx.Client(timeout=60, headers={"Accept-Language": "en"}) as client:
            _accord_sign_in(client, accord_url, arguments.person)
            _openslides_sign_in(client, openslides_url, SUPPORTERS[0], DELEGATE_PASSWORD)
            return _measure(client, urls, {"session_api": accord_pid, "openslides_motion": openslides_pid},
                            arguments)


def _measure(client: httpx.Client, urls: dict[str, str], pids: dict[str, int | None],
             arguments: argparse.Namespace) -> int:
    sizes: dict[str, int] = {}
    for name, url in urls.items():
        for _warm in range(5):  # the first answers import, compile and fill the caches
            answer = client.get(url)
            assert answer.status_code == 200, (url, answer.status_code, answer.text[:200])
        sizes[name] = len(answer.content)
    wall: dict[str, list[float]] = {name: [] for name in urls}
    cpu_before = {name: _cpu_seconds(pid) for name, pid in pids.items()}
    order = list(urls)
    for round_ in range(arguments.rounds):
        for name in order if round_ % 2 == 0 else reversed(order):
            start = time.perf_counter()
            answer = client.get(urls[name])
            wall[name].append(time.perf_counter() - start)
            assert answer.status_code == 200, (name, answer.status_code)
    cpu_after = {name: _cpu_seconds(pid) for name, pid in pids.items()}

    figures: dict[str, str] = {"person": arguments.person, "rounds": str(arguments.rounds),
                               "accord_answers": "rendered" if arguments.render else "kept"}
    cpu_per_answer: dict[str, float | None] = {}
    for name in urls:
        before, after = cpu_before[name], cpu_after[name]
        cpu_per_answer[name] = None if before is None or after is None else (after - before) / arguments.rounds
        p50, p99 = statistics.median(wall[name]), statistics.quantiles(wall[name], n=100)[98]
        cpu = cpu_per_answer[name]
        cpu_text = "unknown" if cpu is None else f"{cpu * 1000:.2f}"
        print(f"{name:18} {urls[name]:60} p50 {p50 * 1000:7.2f} ms  p99 {p99 * 1000:7.2f} ms  "
              f"server CPU {cpu_text} ms/answer  {sizes[name]:6} bytes")
        figures[f"{name}_p50_ms"] = f"{p50 * 1000:.2f}"
        figures[f"{name}_p99_ms"] = f"{p99 * 1000:.2f}"
        figures[f"{name}_cpu_ms"] = cpu_text
        figures[f"{name}_bytes"] = str(sizes[name])
    accord_cpu, openslides_cpu = cpu_per_answer["session_api"], cpu_per_answer["openslides_motion"]
    figures["cpu_ratio"] = (f"{accord_cpu / openslides_cpu:.2f}" if accord_cpu and openslides_cpu
                            else "unknown")
    figures["load"] = f"{os.getloadavg()[0]:.1f}"
    figures["session_api_vs_openslides_motion"] = (
        f"{statistics.median(wall['session_api']) / statistics.median(wall['openslides_motion']):.2f}")
    print(" ".join(f"{key}={value}" for key, value in figures.items()))
    return 0


def _openslides_sign_in(client: httpx.Client, base: str, username: str, password: str) -> None:
    """OpenSlides' session cookie; its login view takes JSON and needs no CSRF token before one signs in."""
    answer = client.post(f"{base}/apps/users/login/", json={"username": username, "password": password})
    if answer.status_code != 200:
        raise SystemExit(f"cannot sign in to OpenSlides as {username}: {answer.status_code} {answer.text[:200]}")


def _openslides_write(client: httpx.Client, method: str, path: str, payload: object) -> httpx.Response:
    """A write as the signed-in user: DRF checks the CSRF token a signed-in session sends as a header."""
    answer = client.request(method, path, json=payload,
                            headers={"X-CSRFToken": client.cookies.get("OpenSlidesCsrfToken") or ""})
    if answer.status_code >= 400:
        raise SystemExit(f"OpenSlides refused {method} {path}: {answer.status_code} {answer.text[:300]}")
    return answer


def _comparable_motion(admin: httpx.Client, base: str) -> int:
    """The id of MOTION_TITLE, created the first time with its submitters, supporters and amendments."""
    for motion in admin.get("/rest/motions/motion/").json():
        if motion["title"] == MOTION_TITLE:
            return int(motion["id"])
    # Supporting needs a minimum of supporters above 0; amendments need to be enabled.
    for key, value in [("motions_min_supporters", 1), ("motions_amendments_enabled", True)]:
        _openslides_write(admin, "PUT", f"/rest/core/config/{key}/", {"value": value})
    group = next(g["id"] for g in admin.get("/rest/users/group/").json() if g["name"] == DELEGATES_GROUP)
    existing = {user["username"] for user in admin.get("/rest/users/user/").json()}
    for number, username in enumerate(SUBMITTERS + SUPPORTERS, start=1):
        if username not in existing:
            _openslides_write(admin, "POST", "/rest/users/user/", {
                "username": username, "first_name": "Delegate", "last_name": str(number),
                "groups_id": [group], "default_password": DELEGATE_PASSWORD})
    users = {user["username"]: user["id"] for user in admin.get("/rest/users/user/").json()}
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    _openslides_write(admin, "POST", "/rest/motions/motion/", {
        "title": MOTION_TITLE, "text": text, "reason": f"<p>{REASON}</p>",
        "submitters_id": [users[name] for name in SUBMITTERS]})
    motion_id = next(int(m["id"]) for m in admin.get("/rest/motions/motion/").json() if m["title"] == MOTION_TITLE)
    for number, hours in [(1, "seventy-two hours"), (2, "twenty-four hours")]:
        paragraphs: list[str | None] = [None] * len(PARAGRAPHS)  # a paragraph-based amendment changes one
        paragraphs[3] = f"<p>{PARAGRAPHS[3].replace('forty-eight hours', hours)}</p>"
        _openslides_write(admin, "POST", "/rest/motions/motion/", {
            "title": f"Amendment {number} to {MOTION_TITLE}", "parent_id": motion_id,
            "amendment_paragraphs": paragraphs})
    for username in SUPPORTERS:
        with httpx.Client(base_url=base, timeout=60) as supporter:
            _openslides_sign_in(supporter, base, username, DELEGATE_PASSWORD)
            _openslides_write(supporter, "POST", f"/rest/motions/motion/{motion_id}/support/", {})
    return motion_id


def _accord_sign_in(client: httpx.Client, base: str, username: str) -> None:
    client.get(f"{base}/login/")
    answer = client.post(f"{base}/login/", data={"username": username, "password": walk.PASSWORD,
                                                 "csrfmiddlewaretoken": client.cookies.get("csrftoken") or ""},
                         headers={"Referer": f"{base}/login/"})
    if answer.status_code != 302:
        raise SystemExit(f"cannot sign in to Accord as {username}: {answer.status_code}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listener(url: str) -> int | None:
    """The id of the process listening on the URL's port (`ss` names it), to read its CPU time; None if hidden."""
    port = httpx.URL(url).port
    listed = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True,
                            check=False).stdout
    for part in listed.replace(",", " ").split():
        if part.startswith("pid="):
            return int(part[4:])
    return None


def _cpu_seconds(pid: int | None) -> float | None:
    """User and system CPU time of a process and its children, from /proc (the server runs in one)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
