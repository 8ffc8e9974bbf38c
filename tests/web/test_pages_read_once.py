"""Issue 18: the demo's pages that read the same thing several times in one request read it once now: a crisis's
page (the registry, its membership histories and the chair rotation, read by several cards and policies; the
crisis by each pledge's policy; its acknowledgements and reports by two cards each), a monitoring theme's page for
the secretariat (its followers, the sessions and each session's view, read by the page and again by its forms),
the month calendar (its grid and its list read every source twice) and a member state's page (its name, read by
each refusal the page weighs). Counted as bench/pages.py counts: the second of two reads of each page."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accord.crises.models import Crisis
from accord.demo.loader import load_demo
from accord.monitoring.models import Theme


def _repeated(username: str, path: str, shown: str) -> list[str]:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(path)
    assert answer.status_code == 200, path
    assert escape(shown) in answer.content.decode(), (path, shown)
    return [sql for sql, count in Counter(str(q["sql"]) for q in captured.captured_queries).items() if count > 1]


def test_the_demos_pages_read_nothing_twice(db: None) -> None:
    load_demo()
    pages = [("rus.delegate", f"/crises/{crisis.pk}/", crisis.area.pick().text)
             for crisis in Crisis.objects.order_by("pk")]
    pages += [("secretariat", f"/monitoring/{theme.pk}/", theme.name.pick().text)
              for theme in Theme.objects.order_by("pk")]
    pages += [("rus.delegate", "/meetings/calendar/?month=2022-05", "2022"),
              ("rus.delegate", "/members/RUS/", "RUS"), ("rus.head", "/members/RUS/", "RUS")]
    assert len(pages) >= 5
    repeats = {path: _repeated(username, path, shown) for username, path, shown in pages}
    assert repeats == {path: [] for _username, path, _shown in pages}
