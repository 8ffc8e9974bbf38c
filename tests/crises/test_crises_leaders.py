"""Issue #16: a mission's leaders, each a name per language. A Russian reader reads them in Cyrillic, an
English one in Latin script; a name given in one language is that language's, marked where it stands in for
another; an entry written when a leader was one plain string replays to the same state."""

from __future__ import annotations

import json
from typing import Any

from crises_fixtures import REQUEST, T0, actor, call, signed_in
from django.db import connection

from accord.core.audit import audit
from accord.crises import actions
from accord.crises.models import Crisis
from accord.ledger.models import Entry
from accord_verify import entries

ZAS = {"ru": "Станислав Зась, Генеральный секретарь", "en": "Stanislav Zas, Secretary General"}
CHIEF = {"ru": "Начальник Объединённого штаба", "en": "The Chief of the Joint Staff"}


def _mission(leaders: list[Any]) -> Crisis:
    crisis = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    return actions.choose_response(actor=actor("secretariat"), crisis=crisis.pk, response="mission",
                                   leaders=leaders, reports_to="CSC", at=T0)


def _body(seq: int) -> Any:
    return json.loads(Entry.objects.get(seq=seq).data)["statement"]["body"]


def test_each_leader_is_a_name_per_language_in_the_state_and_in_the_entry(organization: None) -> None:
    done = _mission([ZAS, "Начальник штаба"])
    assert done.leaders == [ZAS, {"ru": "Начальник штаба"}]  # a plain name is the default language's
    entry = Entry.objects.filter(type="crises.response_chosen").get()
    assert _body(entry.seq)["leaders"] == [ZAS, {"ru": "Начальник штаба"}]


def test_the_page_names_the_leaders_in_the_readers_language(organization: None) -> None:
    crisis = _mission([ZAS, CHIEF])
    russian = signed_in("arm.head", "ru").get(f"/crises/{crisis.pk}/").content.decode()
    english = signed_in("arm.head", "en").get(f"/crises/{crisis.pk}/").content.decode()
    assert '<span lang="ru">Станислав Зась, Генеральный секретарь</span>' in russian
    assert "Stanislav Zas" not in russian
    assert '<span lang="en">Stanislav Zas, Secretary General</span>' in english
    assert "Зась" not in english


def test_the_form_takes_the_leaders_line_by_line_in_each_language(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    client = signed_in("secretariat")
    refused = client.post(f"/crises/{crisis.pk}/response/", {
        "response": "mission", "reports_to": "CSC", "leaders_ru": f"{ZAS['ru']}\n{CHIEF['ru']}",
        "leaders_en": "Stanislav Zas, Secretary General"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "give the same leaders, one a line, in each language you fill in" in page
    assert "Начальник Объединённого штаба" in page  # what was typed comes back
    done = client.post(f"/crises/{crisis.pk}/response/", {
        "response": "mission", "reports_to": "CSC", "leaders_ru": f"{ZAS['ru']}\n{CHIEF['ru']}",
        "leaders_en": f"{ZAS['en']}\n\n{CHIEF['en']}\n"})  # blank lines are no leaders
    assert done.status_code == 302
    assert Crisis.objects.get(pk=crisis.pk).leaders == [ZAS, CHIEF]


def test_the_api_takes_and_gives_the_leaders_per_language(organization: None) -> None:
    crisis = actions.file_request(actor=actor("arm.head"), classification="public", at=T0, **REQUEST)
    answer = call("secretariat", "post", f"/crises/{crisis.pk}/response",
                  {"response": "mission", "leaders": [ZAS, {"ru": CHIEF["ru"]}], "reports_to": "CSC"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["leaders"] == [ZAS, {"ru": CHIEF["ru"]}]
    english = call("kaz.head", "get", f"/crises/{crisis.pk}?lang=en").json()
    assert english["leaders"] == [{"en": ZAS["en"]}, {"ru": CHIEF["ru"]}]  # the default stands in, named


def test_an_entry_naming_its_leaders_as_plain_strings_replays_to_the_same_state(organization: None) -> None:
    crisis = _mission(["Секретарь", "Начальник штаба"])
    entry = Entry.objects.filter(type="crises.response_chosen").get()
    data = json.loads(entry.data)
    data["statement"]["body"]["leaders"] = ["Секретарь", "Начальник штаба"]  # as the code before #16 wrote it
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_entry SET data = %s WHERE seq = %s",
                       [entries.canonical(data).decode(), entry.seq])
    assert Crisis.objects.get(pk=crisis.pk).leaders == [{"ru": "Секретарь"}, {"ru": "Начальник штаба"}]
    report = audit()
    assert report.sound, (report.refused, report.differences)
