"""`accord serve`: the web app and API under uvicorn (ASGI, so that live events stream)."""

from __future__ import annotations

import os
from typing import Any

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from accord.core.startup import CHECKS_BUT_URLS
from accord.ledger import origin


class Command(BaseCommand):
    requires_system_checks = CHECKS_BUT_URLS  # not the URLs': accord.core.startup
    help = "Serve Accord with uvicorn on http://127.0.0.1:8000 (PORT overrides the port)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=1,
                            help="server processes (about one per CPU core; each uses one at most)")

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        problem = origin.refusal()
        if problem:
            raise CommandError(f"Accord will not serve: {problem}", returncode=2)
        if workers > 1 and connection.vendor == "sqlite":
            # Each worker hears the others' acts from the log (accord.core.events); a worker is a process of
            # its own, started after this, so the setting goes to it through the environment.
            os.environ["ACCORD_FOLLOW_LOG"] = "on"
        self.stdout.write(f"Accord is served on http://{host}:{port}/ (Ctrl+C stops it)")
        self.stdout.flush()
        uvicorn.run("accord.asgi:application", host=host, port=port, workers=workers,
                    log_level="warning", proxy_headers=True, timeout_keep_alive=settings.KEEP_ALIVE_SECONDS)
