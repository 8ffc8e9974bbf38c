"""`accord drills tick`: fire every running drill's injects whose time has come (accord.drills.ticking)."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.core.startup import CHECKS_BUT_URLS
from accord.drills import ticking


class Command(BaseCommand):
    help = "The drills' clock: fire the injects whose time has come, as the system"
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{tick}")
        tick = commands.add_parser(
            "tick", help="fire every running drill's injects whose time has come, each its own act",
            description="Each inject due and not yet fired is fired by the system (the console), as the drill's "
                        "pages and their live streams do while anyone has one open. With --every, go on "
                        "firing every SECONDS seconds until interrupted (a timer for drills nobody watches).")
        tick.add_argument("--every", type=float, metavar="SECONDS",
                          help="go on, looking again every SECONDS seconds (at least 1)")

    def handle(self, *args: Any, subcommand: str, every: float | None = None, **options: Any) -> None:
        if every is not None and every < 1:
            self.stderr.write("--every: at least 1 second")
            sys.exit(2)
        while True:
            for inject in ticking.tick():
                self.stdout.write(f"drill {inject.drill_id}: inject {inject.pk} ({inject.kind}) fired at "
                                  f"{inject.fired_at:%Y-%m-%d %H:%M:%S} UTC, "
                                  f"due {inject.at:%Y-%m-%d %H:%M:%S} UTC")
            if every is None:
                return
            time.sleep(every)
