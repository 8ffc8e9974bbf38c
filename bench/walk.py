"""Issue 21's visual walk: the 14 everyday pages for 5 roles in English and Russian at 1280 and 768 px.

Builds a fresh demo database under a scratch directory (default /tmp/walk), serves it with
`accord serve`, signs in each role in Debian's Chromium and saves a full-page screenshot of every page
as <dir>/shots/<role>-<language>-<width>-<page>.png, printing a progress line per shot. Look at them.

Run: .venv/bin/python bench/walk.py [--dir /tmp/walk] [--port 8765] [--roles observer,...]
[--pages dashboard,...] [--languages en,ru] [--widths 1280,768] [--keep] (reuse the database in --dir).
Not a test (pytest does not collect bench/); the browser suite keeps the guards.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ACCORD = Path(sys.executable).parent / "accord"  # beside the Python that runs this script
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
PASSWORD = "accord-demo"  # noqa: S105 (the demo's one password, printed by `accord demo`)
ROLES = ["public", "observer", "secretariat", "arm.head", "rus.delegate"]
LANGUAGES = ["en", "ru"]
WIDTHS = [1280, 768]

# The ids the pages need, found in the demo database (printed as one JSON line).
_FIND_IDS = """
import json
from accord.crises.models import Crisis
from accord.decisions.models import Decision
from accord.documents.models import Document
from accord.meetings.models import Session
from accord.monitoring.models import Theme
summit = Session.objects.filter(starts_on="2022-05-16").order_by("pk").first()
crisis = Crisis.objects.filter(requester__code="KAZ", requested_at__year=2022).order_by("pk").first()
decision = Decision.objects.order_by("pk").first()
document = Document.objects.filter(classification="public").order_by("pk").first()
theme = Theme.objects.filter(classification="public").order_by("pk").first() or Theme.objects.first()
print(json.dumps({name: getattr(row, "pk", None) for name, row in [("session", summit), ("crisis", crisis),
      ("decision", decision), ("document", document), ("theme", theme)]}))
"""

# Tables wider than their card (they scroll sideways inside it): the ids of their tables or their headings.
_SCROLLED = """[...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => (w.querySelector('table[id]') || {}).id
    || (w.closest('section') || {}).getAttribute?.('aria-labelledby') || 'table').join(',')"""


def pages(ids: dict[str, int | None]) -> dict[str, str]:
    """The 14 pages of the issue (a list and one of its things count as one page each)."""
    return {
        "01-dashboard": "/",
        "02-sessions": "/meetings/",
        "03-summit": f"/meetings/sessions/{ids['session']}/",
        "04-minutes": f"/meetings/sessions/{ids['session']}/minutes/",
        "05-decisions": "/decisions/",
        "05b-decision": f"/decisions/{ids['decision']}/",
        "06-documents": "/documents/",
        "06b-document": f"/documents/{ids['document']}/",
        "07-crises": "/crises/",
        "07b-crisis": f"/crises/{ids['crisis']}/",
        "08-calendar": "/meetings/calendar/?month=2022-05",
        "09-exercises": "/exercises/",
        "10-monitoring": f"/monitoring/{ids['theme']}/",
        "11-members": "/members/",
        "12-register": "/ledger/",
        "13-search": "/search/?q=Kazakhstan",
        "14-administration": "/administration/",
    }


def environment(directory: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ACCORD_DATABASE_URL": f"sqlite:///{directory / 'accord.sqlite3'}",
        "ACCORD_DEMO": "on",
        "ACCORD_LOG_KEY_FILE": str(directory / "log.key"),
        "ACCORD_VAR_DIR": str(directory / "var"),
    }


def build_demo(directory: Path, env: dict[str, str]) -> None:
    """A new demo database in `directory` (what an earlier run left there removed first)."""
    for name in ("accord.sqlite3", "accord.sqlite3-wal", "accord.sqlite3-shm", "log.key", "var"):
        target = directory / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    directory.mkdir(parents=True, exist_ok=True)
    print("migrating and loading the demo...", flush=True)
    _accord(env, "migrate", "--verbosity", "0")
    _accord(env, "demo")


def _accord(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run([str(ACCORD), *arguments], env=env, check=True, capture_output=True, text=True)
    return done.stdout


@contextlib.contextmanager
def _served(env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        server = subprocess.Popen([str(ACCORD), "serve", "--port", str(port)], env=env, stdout=out, stderr=out)
        try:
            for _ in range(120):
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(f"{base}/login/", timeout=2)  # noqa: S310 (our own server)
                    break
                time.sleep(0.5)
            else:
                raise SystemExit(f"the server did not answer; see {log}")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/walk"))  # noqa: S108 (the brief's place)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--pages", default="", help="names or prefixes, comma-separated (all when empty)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--keep", action="store_true", help="reuse the database already in --dir")
    arguments = parser.parse_args()

    directory: Path = arguments.dir
    env = environment(directory)
    if not arguments.keep:
        build_demo(directory, env)
    ids = json.loads(_accord(env, "shell", "-c", _FIND_IDS).strip().splitlines()[-1])
    wanted = [name for name in arguments.pages.split(",") if name]
    chosen = {name: url for name, url in pages(ids).items()
              if not wanted or any(name == w or name.split("-", 1)[1] == w or name.startswith(w) for w in wanted)}
    roles = arguments.roles.split(",")
    languages = arguments.languages.split(",")
    widths = [int(width) for width in arguments.widths.split(",")]
    shots = directory / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    total = len(roles) * len(languages) * len(widths) * len(chosen)
    done = 0
    problems: list[str] = []

    from playwright.sync_api import sync_playwright

    with _served(env, arguments.port, directory / "server.log") as base, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for role in roles:
            for language in languages:
                context = chromium.new_context(locale=language, extra_http_headers={"Accept-Language": language})
                context.add_cookies([{"name": "django_language", "value": language, "url": base}])
                page = context.new_page()
                if role != "public":
                    page.goto(f"{base}/login/")
                    page.fill("input[name=username]", role)
                    page.fill("input[name=password]", PASSWORD)
                    page.click("main button[type=submit]")
                    page.wait_for_load_state()
                for width in widths:
                    page.set_viewport_size({"width": width, "height": 900})
                    for name, url in chosen.items():
                        answer = page.goto(base + url)
                        status = answer.status if answer else 0
                        page.wait_for_load_state("networkidle")
                        shot = shots / f"{role}-{language}-{width}-{name}.png"
                        page.screenshot(path=str(shot), full_page=True)
                        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
                        scrolled = page.evaluate(_SCROLLED)
                        done += 1
                        note = f" HTTP {status}" if status != 200 else ""
                        note += " OVERFLOWS" if overflow else ""
                        note += f" SCROLLS({scrolled})" if scrolled else ""
                        if note:
                            problems.append(f"{shot.name}:{note}")
                        print(f"[{done}/{total}] {shot.name}{note}", flush=True)
                context.close()
        chromium.close()
    print(f"{done} screenshots in {shots}; {len(problems)} with a note:", *problems, sep="\n  ", flush=True)


if __name__ == "__main__":
    main()
