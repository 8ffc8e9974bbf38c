"""Benchmark of a monitoring theme's page: 10 indicators × 20 years of monthly values (2,400 points).

A throwaway organization (two members, a reporting head), one theme with 10 indicators, each with 240 monthly
values reported through the real action (illustrative values: this is a benchmark). Then, in the same run
and alternating, the theme's page (charts and tables included) and the dashboard are rendered through
Django's test client, as a signed-in member sees them; the figure is the ratio of their medians (issue 15:
the theme page under 100 ms median, measured against the dashboard on the same machine). Each indicator's
part of the page is kept until an act that changes it, so each round also renders the page once after one
more value of the first indicator is reported (`after_value_ms`: that indicator drawn again) and once with
nothing kept (`cold_ms`: every indicator drawn, as after a restart). Last, the CSV
export of every series is read as a browser does, under tracemalloc, for this theme and for a second one
whose series are a quarter as long: a streamed export's peak memory stays about the same while what it
sends grows fourfold (the check compares the two peaks, not a peak with the bytes sent, which the
interpreter's and the database driver's own buffers blur).

Run: .venv/bin/python bench/monitoring.py [--rounds R] [--indicators N] [--months M] [--database-url URL].
The last line printed is `key=value` pairs (theme_ms, dashboard_ms, ratio, csv_kb, csv_peak_kb, ...).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scratch

TARGET_MS = 100.0  # issue 15
ILLUSTRATIVE = {"fields": {"value": "illustrative"}}  # each value's act says so, as the demo's would


def _organization() -> None:
    """Two members and Kyrgyzstan's head, who reports the values."""
    from accord.core.acting import Actor
    from accord.members import actions as registry

    console = Actor.console()
    for code in ("KAZ", "KGZ"):
        registry.add_member(actor=console, code=code, acceded_on="1992-05-15")
    registry.add_person(actor=console, username="kgz.head", full_name="Head of Kyrgyzstan", role="head",
                        member="KGZ")


def _theme(indicators: int, months: int) -> int:
    """A theme, its indicators and their values, every one an act; the theme's id."""
    from accord.core import provenance
    from accord.core.acting import Actor
    from accord.members.models import Person
    from accord.monitoring import actions

    console = Actor.console()
    head = Actor(person=Person.objects.get(username="kgz.head"))
    theme = actions.configure_theme(actor=console, name={"en": f"A theme, {months} months"}, kind="cross_cutting")
    start = dt.date(2000, 1, 1)
    for number in range(indicators):
        indicator = actions.define_indicator(
            actor=console, theme=theme.pk, name={"en": f"Indicator {number}"},
            unit="%", frequency="monthly", reporters=["KGZ"], warning="900", alert="950")
        for month in range(months):
            day = dt.date(start.year + month // 12, month % 12 + 1, 1)
            with provenance.given(ILLUSTRATIVE):
                actions.report_value(actor=head, indicator=indicator.pk, member="KGZ",
                                     value=str(100 + (month * 7) % 50), as_of=day,
                                     source="" if month % 10 == 0 else "bench")
    return theme.pk


def _report(theme: int, number: int) -> None:
    """One more value of the theme's first indicator, as its reporting member reports one."""
    from accord.core import provenance
    from accord.core.acting import Actor
    from accord.members.models import Person
    from accord.monitoring import actions
    from accord.monitoring.models import Indicator

    first = Indicator.objects.filter(theme=theme).order_by("pk").first()
    assert first is not None
    with provenance.given(ILLUSTRATIVE):
        actions.report_value(actor=Actor(person=Person.objects.get(username="kgz.head")), indicator=first.pk,
                             member="KGZ", value=str(100 + number),
                             as_of=dt.date(2021, 1, 1) + dt.timedelta(days=number), source="bench")


def _csv(client: object, theme: int) -> tuple[int, int]:
    """The theme's CSV export read as a browser reads it, each chunk once: (bytes sent, peak memory)."""
    from django.http import StreamingHttpResponse

    tracemalloc.start()
    response = client.get(f"/monitoring/{theme}/indicators.csv")  # type: ignore[attr-defined]
    assert isinstance(response, StreamingHttpResponse)
    sent = 0
    for chunk in response.streaming_content:  # type: ignore[union-attr]  # the test client streams synchronously
        sent += len(chunk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return sent, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--months", type=int, default=240)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    with scratch.site(arguments.database_url):
        from django.core.cache import cache
        from django.test import Client

        from accord.members.models import Person

        began = time.perf_counter()
        _organization()
        theme = _theme(arguments.indicators, arguments.months)
        short = _theme(arguments.indicators, max(arguments.months // 4, 1))
        setup_s = time.perf_counter() - began
        client = Client()
        client.force_login(Person.objects.get(username="kgz.head"))
        page, dashboard = f"/monitoring/{theme}/", "/"
        scratch.page_ms(client, page), scratch.page_ms(client, dashboard)  # warm: templates, catalogues
        themes, afters, colds, dashboards = [], [], [], []
        for number in range(arguments.rounds):
            themes.append(scratch.page_ms(client, page))
            dashboards.append(scratch.page_ms(client, dashboard))
            _report(theme, number)  # one indicator's part drawn again
            afters.append(scratch.page_ms(client, page))
            cache.clear()  # as after a restart, or a member's name changed: every indicator's part drawn again
            colds.append(scratch.page_ms(client, page))
        theme_ms, dashboard_ms = statistics.median(themes), statistics.median(dashboards)
        after_ms, cold_ms = statistics.median(afters), statistics.median(colds)
        _csv(client, short)  # warm
        short_sent, short_peak = _csv(client, short)
        sent, peak = _csv(client, theme)
        # Streamed: four times the rows sent, the peak well under twice the shorter export's.
        streamed = sent >= 3 * short_sent and peak < 2 * short_peak
        points = arguments.indicators * arguments.months
        print(f"theme page, {points} points: median {theme_ms:.1f} ms (target {TARGET_MS:.0f} ms); "
              f"dashboard median {dashboard_ms:.1f} ms; ratio {theme_ms / dashboard_ms:.2f}")
        print(f"the first view after a value is reported (its indicator drawn again): median {after_ms:.1f} ms; "
              f"ratio {after_ms / dashboard_ms:.2f}")
        print(f"the first view with nothing kept (every indicator drawn): median {cold_ms:.1f} ms; "
              f"ratio {cold_ms / dashboard_ms:.2f}")
        print(f"CSV export: {sent / 1024:.0f} kB sent, peak memory while streaming {peak / 1024:.0f} kB; "
              f"a quarter as long: {short_sent / 1024:.0f} kB sent, peak {short_peak / 1024:.0f} kB")
        print(f"points={points} rounds={arguments.rounds} theme_ms={theme_ms:.1f} dashboard_ms={dashboard_ms:.1f} "
              f"ratio={theme_ms / dashboard_ms:.2f} after_value_ms={after_ms:.1f} cold_ms={cold_ms:.1f} "
              f"cold_ratio={cold_ms / dashboard_ms:.2f} "
              f"target_ms={TARGET_MS:.0f} csv_kb={sent / 1024:.0f} "
              f"csv_peak_kb={peak / 1024:.0f} short_csv_kb={short_sent / 1024:.0f} "
              f"short_csv_peak_kb={short_peak / 1024:.0f} streamed={'yes' if streamed else 'no'} "
              f"setup_s={setup_s:.0f}")


if __name__ == "__main__":
    main()
