"""Benchmark of a broad search: one word found in thousands of sessions and acts, most hidden from the reader.

A throwaway organization (two members, each with its head; a Council) and N sessions convened through the real
action, every title holding the word "security": a third public, a third members-only, a third for Kazakhstan's
delegation alone (participants). Each session is also an act holding the word, so the word matches about 2 × N
things. Then, in the same run and alternating, the search page for the word and the dashboard are rendered
through Django's test client, for a member's head who may read two thirds of the matches (Kyrgyzstan) and for
the public, who may read one third; the figure is the ratio of the search's median to the dashboard's (issue
21: the access policy applied in SQL, the page reading one page of things rather than every match).

Run: .venv/bin/python bench/search.py [--rounds R] [--sessions N] [--database-url URL].
The last line printed is `key=value` pairs (search_ms, public_search_ms, dashboard_ms, ratio, ...).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scratch

WORD = "security"


def _organization() -> None:
    """Kazakhstan and Kyrgyzstan, their heads, and the Council the sessions are of."""
    from accord.core.acting import Actor
    from accord.members import actions as registry

    console = Actor.console()
    for code in ("KAZ", "KGZ"):
        registry.add_member(actor=console, code=code, acceded_on="1992-05-15")
        registry.add_person(actor=console, username=f"{code.lower()}.head", full_name=f"Head of {code}",
                            role="head", member=code)
    registry.establish_body(actor=console, code="CSC", name={"en": "Collective Security Council"})


def _sessions(count: int) -> None:
    """`count` sessions (illustrative: this is a benchmark), public, members-only and participants in turn."""
    from accord.core.acting import Actor
    from accord.meetings import actions

    console = Actor.console()
    first = dt.date(2000, 1, 3)
    for number in range(count):
        restricted = number % 3
        actions.convene_session(
            actor=console, body="CSC", kind="regular", mode="video", starts_on=first + dt.timedelta(days=number),
            chair="KAZ",
            title={"en": f"Session {number} on collective {WORD}"},
            classification=("public", "members", "participants")[restricted],
            participants=["KAZ"] if restricted == 2 else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=1500)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    with scratch.site(arguments.database_url):
        from django.test import Client

        from accord.core.policy import ANONYMOUS, viewer_of
        from accord.members.models import Person
        from accord.search import queries

        began = time.perf_counter()
        _organization()
        _sessions(arguments.sessions)
        setup_s = time.perf_counter() - began
        head = Person.objects.get(username="kgz.head")
        member, public = Client(), Client()
        member.force_login(head)
        found = queries.search(viewer_of(head), WORD)
        seen_by_public = queries.search(ANONYMOUS, WORD)
        query = {"q": WORD}
        for client in (member, public):
            scratch.page_ms(client, "/search/", query), scratch.page_ms(client, "/")  # warm: templates, catalogues
        searches, public_searches, dashboards = [], [], []
        for _round in range(arguments.rounds):
            searches.append(scratch.page_ms(member, "/search/", query))
            public_searches.append(scratch.page_ms(public, "/search/", query))
            dashboards.append(scratch.page_ms(member, "/"))
        search_ms, public_ms = statistics.median(searches), statistics.median(public_searches)
        dashboard_ms = statistics.median(dashboards)
        print(f"search for one word in {arguments.sessions} sessions and their acts: a member's head finds "
              f"{found.total} things, the public {seen_by_public.total}")
        print(f"search page median {search_ms:.1f} ms (member), {public_ms:.1f} ms (public); "
              f"dashboard median {dashboard_ms:.1f} ms; ratio {search_ms / dashboard_ms:.2f}")
        print(f"sessions={arguments.sessions} rounds={arguments.rounds} found={found.total} "
              f"public_found={seen_by_public.total} search_ms={search_ms:.1f} public_search_ms={public_ms:.1f} "
              f"dashboard_ms={dashboard_ms:.1f} ratio={search_ms / dashboard_ms:.2f} "
              f"public_ratio={public_ms / dashboard_ms:.2f} setup_s={setup_s:.0f}")


if __name__ == "__main__":
    main()
