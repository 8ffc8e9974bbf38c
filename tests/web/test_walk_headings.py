"""What the second part of issue 21's walk found: a card with no heading saying what it holds (the monitoring
theme's "not recorded yet" card, the exercises' filters), and a session's state in Russian that agreed with
«сессия» beside a title led by «Заседание» («Заседание: …» — «Закрыта»)."""

from __future__ import annotations

import re

from reading import read as _read

from accord.crises.models import Crisis
from accord.demo.loader import load_demo
from accord.meetings.models import Session
from accord.monitoring.models import Theme

SECTION = re.compile(r"<section\b([^>]*)>(.*?)</section>", re.S)


def _headless(page: str) -> list[str]:
    """The sections of the page's main part not labelled by a heading inside them (an `aria-label` names a
    region for a screen reader, but a sighted reader sees no heading)."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    found = []
    for attributes, inside in SECTION.findall(main):
        named = re.search(r'aria-labelledby="([^"]+)"', attributes)
        if not named or not re.search(rf'<h[2-6][^>]*\bid="{re.escape(named[1])}"', inside):
            found.append(attributes.strip())
    return found


def test_every_card_of_the_walked_pages_has_its_heading(db: None) -> None:
    load_demo()
    themes = [f"/monitoring/{theme.pk}/" for theme in Theme.objects.order_by("pk")]
    summit = Session.objects.get(starts_on__year=2022, starts_on__month=5, starts_on__day=16).pk
    pages = [*themes, "/monitoring/", "/exercises/", "/exercises/?year=1990", "/drills/lessons/",
             f"/meetings/sessions/{summit}/", "/meetings/", "/meetings/calendar/?month=2022-05", "/crises/",
             "/documents/", "/"]
    for username in ("", "secretariat", "kaz.head"):
        headless = {path: found for path in pages if (found := _headless(_read(path, username=username)))}
        assert not headless, (username, headless)
    theme = _read(themes[0], "ru")
    assert re.search(r'<h2 id="theme-empty-heading">Пока не записано</h2>', theme)


def test_a_sessions_state_needs_no_agreement_with_its_title(db: None) -> None:
    load_demo()
    listed = " ".join(_read("/meetings/", "ru").split())
    # A body's meeting («Заседание: …») and the Council's sessions («… сессия …») alike.
    state = r'<span class="session-list__state" data-state="closed">Работа завершена</span> ·'
    assert re.search(r"Заседание: [^<]+</span></a></p> <p class=\"muted\">" + state, listed)
    assert re.search(r"[Сс]ессия[^<]*</span></a></p> <p class=\"muted\">" + state, listed)
    assert not re.search(r">\s*(Созвана|Идёт|Закрыта)\s*[<·]", listed)
    assert "<option value=\"closed\">Работа завершена</option>" in listed
    summit = Session.objects.get(starts_on__year=2022, starts_on__month=5, starts_on__day=16).pk
    assert re.search(r'<p class="now" data-state="closed">Работа завершена', _read(f"/meetings/sessions/{summit}/",
                                                                                  "ru"))
    # A crisis request's state is its own word: the request («просьба») is closed.
    # A closed request's response, one phrase: «Коллективная операция · завершено» did not agree.
    kazakhstan = Crisis.objects.get(requester_id="KAZ", requested_at__year=2022).pk
    crisis = _read(f"/crises/{kazakhstan}/", "ru")
    assert "Коллективная операция завершена</span" in crisis
    assert "· завершено" not in crisis
    assert "Collective operation completed</span" in _read(f"/crises/{kazakhstan}/")
    crises = _read("/crises/", "ru")
    assert '<option value="closed">Закрыта</option>' in crises
    assert '<option value="active">В работе</option>' in crises
    # A membership event is a noun, as its neighbours are («Присоединение»): «Прекратил уплату взносов» stood
    # beside «Армения»; a person is named by «Имя», not an organization's «Наименование».
    history = _read("/administration/history/", "ru", "secretariat")
    assert "Прекращение уплаты взносов" in history
    assert "Прекратил" not in history
    people = _read("/administration/people/", "ru", "secretariat")
    assert '<th scope="col">Имя</th>' in people
    assert "Наименование" not in people
    assert '<th scope="col">Имя</th>' in _read("/members/KAZ/", "ru", "kaz.head")
    # A term's field says what to write in it: a year.
    chair = _read("/administration/chairmanship/", "ru", "secretariat")
    assert chair.count("Год срока председательства, например 2024.") == 2
    # The act that agreed the agenda is a link to it, not a bare number.
    session = _read(f"/meetings/sessions/{summit}/", "ru")
    assert re.search(r'Согласована заранее \(<a href="/ledger/(\d+)/">запись \1 журнала</a>\)\.', session)
