"""What a process does before its first answer: the system checks a command runs, and a server's warm-up.

Django's system checks run before every management command. All of them but the URL configuration's take
a fraction of a second; that one imports every URL and with them the API, whose ~600 pydantic models
(django-ninja) are two seconds of a start-up (docs/performance.md, "Start-up"). A command that answers no
request (`accord ledger verify`, `accord backup`, ...) runs the others only (CHECKS_BUT_URLS); `accord
check`, `accord migrate` and the test suite still check the URLs.

A server imports its URLs and the API itself, in its main thread, before it serves (warm_up): its first
requests then find them imported, rather than a hundred requests arriving at once after a restart each
waiting for the import on one of them.
"""

from __future__ import annotations

from django.core.checks import Tags

CHECKS_BUT_URLS = [tag for name, tag in vars(Tags).items() if not name.startswith("_") and tag != Tags.urls]


def warm_up() -> None:
    """Import the site's URLs, the API's among them (accord.urls imports it on its first use otherwise)."""
    from django.urls import get_resolver, reverse

    get_resolver().reverse_dict  # noqa: B018 (every URL module imported)
    reverse("api:openapi-json")  # the API's URLs, and with them accord.api
