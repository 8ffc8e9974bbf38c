"""What issue 21's walk through the demo found reading wrong, as each walked page reads now (bench/walk.py)."""

from __future__ import annotations

import datetime as dt
import re

from reading import read as _read

from accord.crises.models import Crisis
from accord.demo.loader import load_demo
from accord.documents.models import Document
from accord.meetings.models import Session


def test_it_reads_the_walked_pages_right_in_russian(db: None) -> None:
    load_demo()
    summit = Session.objects.get(starts_on=dt.date(2022, 5, 16))
    session = _read(f"/meetings/sessions/{summit.pk}/", "ru")
    # «Доступ: Открытый (установлен…)»: the reason agrees with the masculine label it explains.
    assert "(установлен при созыве сессии)" in session
    assert "унаследована" not in session
    assert "установлена" not in session
    # A statement's access, the same as its part's, is not said again on every statement.
    assert "(унаследован от части, в которой сделано выступление)" not in session
    # A statement's language by its name, not its code pasted after the speaker.
    assert '<span lang="ru">ru</span>' not in session
    assert "<span class=\"muted\">русский</span>" in session

    # The secretariat circulates the minutes with a button that looks like one.
    minutes = _read(f"/meetings/sessions/{summit.pk}/minutes/", "ru", "secretariat")
    assert '<button class="button" type="submit">Разослать протокол</button>' in minutes

    statement = Document.objects.filter(classification="public").order_by("pk").first()
    assert statement is not None
    document = _read(f"/documents/{statement.pk}/", "ru")
    assert 'class="code">ru</span>' not in document
    assert "русский</span></h4>" in document
    assert "английский</span></h4>" in document

    kazakhstan = Crisis.objects.get(requester_id="KAZ", requested_at__year=2022)
    crisis = _read(f"/crises/{kazakhstan.pk}/", "ru")
    # The request was answered in 2022: nothing is "awaited" on it any more; the Council's decision is recorded as
    # each member's answer (issue #19).
    assert "ожидается" not in crisis
    assert "5 из 5 других" in crisis
    assert "UTC UTC" not in crisis
    # The axis of the timeline writes the month in lower case, as a Russian date does.
    assert ">5 янв<" in crisis
    assert "Янв" not in crisis

    # The open procedure's state reads as one phrase: «Открыта: не решено».
    assert re.search(r"Открыта:\s+не решено", _read("/decisions/", "ru"))

    # The dashboard's latest sessions: «(Очередная сессия, формат заседания не записан)», one phrase.
    assert "(Очередная сессия, формат заседания не записан)" in _read("/", "ru")

    exercises = _read("/exercises/", "ru")
    # A member with no part recorded in a year is not said to take part in none.
    assert "ни в одном не участвует" not in exercises
    assert "участие не записано" in exercises


def test_it_keeps_the_english_axis_and_acknowledgements(db: None) -> None:
    load_demo()
    kazakhstan = Crisis.objects.get(requester_id="KAZ", requested_at__year=2022)
    crisis = _read(f"/crises/{kazakhstan.pk}/", "en")
    assert ">5 Jan<" in crisis
    assert "pending" not in crisis
    assert "5 of the 5 other members" in crisis
    assert "no part recorded" in _read("/exercises/", "en")
