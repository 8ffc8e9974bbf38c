"""Benchmark of the exercises' timeline and conflict detection on 20 years of exercises (issue 14).

A throwaway organization (ten member states, each with a head; two standing forces) and 200 exercises over the
20 years 2006-2025, ten a year, each planned through the real action and each with ten members' participations
(2,000 in all) declared through the real action, every one naming a standing force. The exercises of a year
overlap their neighbours by three days, and two neighbours in turn exercise the same force, so that many
participations clash (a unit in two exercises at once) and are declared acknowledged, as a planner would;
every fifth member pledges instead of confirming. The names, hosts and figures are a benchmark's, not the
organization's.

Then, in the same run and alternating, as one member's head sees them through Django's test client:
the exercise page of an exercise with clashes (its timeline and its conflicts), the conflict check
(`accord.exercises.queries.clashes` of that exercise, as its page and the API find them, and as
`declare_participation` checks a member's units before it records them), the exercises' list (its latest
three years' timelines drawn) and the dashboard, the baseline. Targets: the exercise page and the conflict
check each under 50 ms median; the figures are printed with their ratio to the dashboard.

Run: .venv/bin/python bench/exercises.py [--rounds R] [--years Y] [--database-url URL].
The last line printed is `key=value` pairs (exercise_ms, check_ms, list_ms, dashboard_ms, ratios, ...).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scratch

TARGET_MS = 50.0  # issue 14
MEMBERS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "AZE", "GEO", "MDA")
PER_YEAR = 10
FIRST_YEAR = 2006


def _organization() -> list[int]:
    """Ten members, each with a head; two standing forces; the forces' ids."""
    from accord.core.acting import Actor
    from accord.forces import actions as forces
    from accord.members import actions as registry

    console = Actor.console()
    for code in MEMBERS:
        registry.add_member(actor=console, code=code, acceded_on="1992-05-15")
        registry.add_person(actor=console, username=f"{code.lower()}.head", full_name=f"Head of {code}",
                            role="head", member=code)
    return [forces.establish_force(actor=console, name={"en": name}, size=size,
                                   decision_reference=f"The decision establishing {name.lower()}").pk
            for name, size in (("A rapid reaction force", 20000), ("A peacekeeping force", 3600))]


def _exercises(years: int, forces: list[int]) -> list[int]:
    """Ten exercises a year of 21 days each, every one overlapping the next by three days, and ten
    participations each; their ids."""
    from accord.core.acting import Actor
    from accord.exercises import actions
    from accord.members.models import Person

    console = Actor.console()
    heads = {code: Actor(person=Person.objects.get(username=f"{code.lower()}.head")) for code in MEMBERS}
    made = []
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        actions.adopt_plan(actor=console, year=year, decision_reference=f"The plan for {year}")
        for number in range(PER_YEAR):
            first = dt.date(year, 1, 10) + dt.timedelta(days=18 * number)
            force = forces[(number // 2) % 2]  # two neighbours in turn exercise the same force
            found = actions.plan_exercise(
                actor=console, name={"en": f"Exercise {year}-{number + 1}"}, kind="command_staff",
                host=MEMBERS[number], ground={"en": f"Ground {number + 1}"}, planned_start=first,
                planned_end=first + dt.timedelta(days=20), forces_exercised=forces)
            made.append(found.pk)
            for index, code in enumerate(MEMBERS):
                actions.declare_participation(
                    actor=heads[code], exercise=found.pk, member=code,
                    participation="pledged" if index % 5 == 4 else "confirmed", force=force, units=1 + index,
                    personnel=100 * (1 + index), acknowledged=True)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    with scratch.site(arguments.database_url):
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from accord.core import policy
        from accord.exercises import queries
        from accord.exercises.models import Participation
        from accord.members.models import Person

        began = time.perf_counter()
        forces = _organization()
        made = _exercises(arguments.years, forces)
        setup_s = time.perf_counter() - began
        participations = Participation.objects.count()
        head = Person.objects.get(username="kaz.head")
        viewer = policy.viewer_of(head)
        # An exercise in the middle of the run, which overlaps both its neighbours.
        middle = queries.exercise(viewer, made[min(len(made) - 1, len(made) // 2 + PER_YEAR // 2)])
        clashes = len(queries.clashes(viewer, middle))
        client = Client()
        client.force_login(head)

        def page(path: str) -> Callable[[], object]:
            def get() -> object:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                return response
            return get

        exercise, listing, dashboard = page(f"/exercises/{middle.pk}/"), page("/exercises/"), page("/")

        def check() -> object:
            return queries.clashes(viewer, queries.exercise(viewer, middle.pk))

        measured: dict[str, Callable[[], object]] = {"exercise": exercise, "check": check, "list": listing,
                                                     "dashboard": dashboard}
        queries_of = {}
        for name, call in measured.items():  # warm: templates, catalogues; and each one's queries
            call()
            with CaptureQueriesContext(connection) as captured:
                call()
            queries_of[name] = len(captured)
        times: dict[str, list[float]] = {name: [] for name in measured}
        for _round in range(arguments.rounds):
            for name, call in measured.items():
                times[name].append(scratch.call_ms(call))
        median = {name: statistics.median(values) for name, values in times.items()}
        base = median["dashboard"]
        met = median["exercise"] < TARGET_MS and median["check"] < TARGET_MS
        print(f"{len(made)} exercises over {arguments.years} years, {participations} participations; "
              f"the measured exercise has {clashes} clashes")
        print(f"exercise page: median {median['exercise']:.1f} ms, {queries_of['exercise']} queries "
              f"(target {TARGET_MS:.0f} ms); ratio to the dashboard {median['exercise'] / base:.2f}")
        print(f"conflict check: median {median['check']:.1f} ms, {queries_of['check']} queries "
              f"(target {TARGET_MS:.0f} ms); ratio {median['check'] / base:.2f}")
        print(f"exercises' list (the latest 3 years' timelines drawn): median {median['list']:.1f} ms, "
              f"{queries_of['list']} queries; ratio {median['list'] / base:.2f}")
        print(f"dashboard (baseline): median {base:.1f} ms, {queries_of['dashboard']} queries")
        print(f"exercises={len(made)} participations={participations} clashes={clashes} rounds={arguments.rounds} "
              f"exercise_ms={median['exercise']:.1f} check_ms={median['check']:.1f} list_ms={median['list']:.1f} "
              f"dashboard_ms={base:.1f} exercise_ratio={median['exercise'] / base:.2f} "
              f"check_ratio={median['check'] / base:.2f} list_ratio={median['list'] / base:.2f} "
              f"exercise_queries={queries_of['exercise']} check_queries={queries_of['check']} "
              f"target_ms={TARGET_MS:.0f} met={'yes' if met else 'no'} setup_s={setup_s:.0f}")


if __name__ == "__main__":
    main()
