"""The decisions API: every action, by the personas allowed, refused to outsiders and wrong members."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from decisions_helpers import decisions_client, decisions_session
from django.test import Client
from django.utils import timezone

from accord.decisions.models import Decision, Position, Procedure, Proposal
from accord.ledger import log

pytestmark = pytest.mark.usefixtures("decisions_org")
API = "/api/v1/decisions"


def post(client: Client, path: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(f"{API}{path}", data=json.dumps(data), content_type="application/json")


def refused(response: Any, status: int, field: str) -> None:
    body = response.json()
    assert response.status_code == status, body
    assert body["errors"][0]["field"] == field, body


def table(classification: str = "members") -> int:
    response = post(decisions_client("arm.delegate"), "", {
        "title": {"en": "On the budget", "ru": "О бюджете"}, "body": "CSC", "sponsors": ["ARM"],
        "classification": classification})
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def open_silence(proposal: int, hours: int = 24) -> Any:
    deadline = (timezone.now() + dt.timedelta(hours=hours)).isoformat()
    return post(decisions_client("secretariat"), f"/{proposal}/procedure",
                {"kind": "silence", "deadline": deadline})


def test_it_tables_a_proposal_and_shows_it_to_members_only() -> None:
    proposal = table()
    shown = decisions_client("kaz.head").get(f"{API}/{proposal}").json()["title"]
    assert shown == {"ru": "О бюджете", "en": "On the budget"}
    refused(Client().get(f"{API}/{proposal}"), 404, "proposal")
    assert Client().get(API).json() == []


def test_it_refuses_a_proposal_before_a_body_that_does_not_decide() -> None:
    response = post(decisions_client("arm.delegate"), "",
                    {"title": {"ru": "X"}, "body": "SEC", "sponsors": ["ARM"]})
    refused(response, 400, "body")
    refused(post(decisions_client("arm.delegate"), "", {"title": {"ru": "X"}, "body": "CSC", "sponsors": ["KAZ"]}),
            400, "sponsors")


def test_it_refuses_an_outsider_everywhere() -> None:
    proposal = table()
    outsider = Client()
    size = log.size()
    refused(post(outsider, "", {"title": {"ru": "X"}, "body": "CSC"}), 401, "session")
    refused(post(outsider, f"/{proposal}/procedure", {"kind": "silence"}), 401, "session")
    refused(post(outsider, f"/{proposal}/positions", {"member": "ARM", "stance": "join"}), 401, "session")
    refused(post(outsider, f"/{proposal}/close", {}), 401, "session")
    refused(post(outsider, f"/{proposal}/withdraw", {}), 401, "session")
    refused(post(outsider, "/decisions/1/accessions", {"member": "ARM"}), 401, "session")
    assert log.size() == size


def test_only_the_secretariat_or_the_chair_opens_a_procedure() -> None:
    proposal = table()
    deadline = (timezone.now() + dt.timedelta(days=1)).isoformat()
    refused(post(decisions_client("kaz.head"), f"/{proposal}/procedure",
                 {"kind": "silence", "deadline": deadline}), 403, "actor")
    response = post(decisions_client("chair.delegate"), f"/{proposal}/procedure",
                    {"kind": "silence", "deadline": deadline})
    assert response.status_code == 201, response.json()
    assert response.json()["procedure"]["outcome"] == "pending"


def test_a_procedure_needs_a_future_deadline() -> None:
    proposal = table()
    secretariat = decisions_client("secretariat")
    refused(post(secretariat, f"/{proposal}/procedure", {"kind": "silence"}), 400, "deadline")
    past = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    refused(post(secretariat, f"/{proposal}/procedure", {"kind": "written", "deadline": past}), 400, "deadline")
    refused(post(secretariat, f"/{proposal}/procedure", {"kind": "lottery"}), 400, "kind")
    refused(post(secretariat, f"/{proposal}/procedure", {"kind": "consensus", "quorum": "1/2"}), 400, "quorum")
    assert not Procedure.objects.exists()


def test_a_member_lodges_its_own_position_and_never_anothers() -> None:
    proposal = table()
    open_silence(proposal)
    size = log.size()
    refused(post(decisions_client("kaz.delegate"), f"/{proposal}/positions", {"member": "ARM", "stance": "join"}),
            403, "member")
    refused(post(decisions_client("kaz.liaison"), f"/{proposal}/positions", {"member": "KAZ", "stance": "join"}),
            403, "actor")
    refused(post(decisions_client("secretariat"), f"/{proposal}/positions", {"member": "KAZ", "stance": "join"}),
            403, "member")
    assert log.size() == size
    response = post(decisions_client("kaz.delegate"), f"/{proposal}/positions",
                    {"member": "KAZ", "stance": "join", "statement_kind": "reservation",
                     "statement": "Within its national law"})
    assert response.status_code == 201, response.json()
    grid = {row["member"]: row for row in response.json()["procedure"]["positions"]}
    assert grid["KAZ"]["stance"] == "join"
    assert grid["KAZ"]["statement_kind"] == "reservation"
    assert grid["ARM"]["stance"] == ""
    assert "ARM" in response.json()["procedure"]["not_answered"]
    refused(post(decisions_client("kaz.head"), f"/{proposal}/positions", {"member": "KAZ", "stance": "abstain"}),
            409, "member")


def test_an_objection_states_its_reasons_and_breaking_silence_an_amendment() -> None:
    proposal = table()
    open_silence(proposal)
    head = decisions_client("arm.head")
    refused(post(head, f"/{proposal}/positions", {"member": "ARM", "stance": "object"}), 400, "reasons")
    refused(post(head, f"/{proposal}/positions", {"member": "ARM", "stance": "break_silence"}), 400, "amendment")
    refused(post(head, f"/{proposal}/positions", {"member": "ARM", "stance": "abstain", "statement": "x",
                                                  "statement_kind": "reservation"}), 400, "statement")
    assert not Position.objects.exists()
    response = post(head, f"/{proposal}/positions", {"member": "ARM", "stance": "break_silence",
                                                     "amendment": "Replace paragraph 2"})
    assert response.json()["procedure"]["outcome"] == "returned"
    closed = post(decisions_client("secretariat"), f"/{proposal}/close", {})
    assert closed.json()["procedure"]["decision"]["outcome"] == "returned"
    assert closed.json()["procedure"]["decision"]["identifier"] is None


def test_a_reservation_an_objection_and_an_amendment_are_of_a_bounded_length() -> None:
    """Issue #21: a 20,000-character reservation broke the grid and the PDF."""
    proposal = table()
    open_silence(proposal)
    head, size = decisions_client("arm.head"), log.size()
    for stance, field, extra in (("join", "statement", {"statement_kind": "reservation"}),
                                 ("object", "reasons", {}), ("break_silence", "amendment", {})):
        answer = post(head, f"/{proposal}/positions", {"member": "ARM", "stance": stance, field: "x" * 20_000,
                                                       **extra})
        refused(answer, 400, field)
        assert "20000 characters long; at most 2000" in answer.json()["errors"][0]["reason"]
    assert (log.size(), Position.objects.count()) == (size, 0)
    joined = post(head, f"/{proposal}/positions", {"member": "ARM", "stance": "join", "statement": "x" * 2000,
                                                   "statement_kind": "reservation"})
    assert joined.status_code == 201, joined.json()


def test_it_closes_once_and_only_when_settled() -> None:
    proposal = table()
    secretariat = decisions_client("secretariat")
    post(secretariat, f"/{proposal}/procedure", {"kind": "consensus", "session": decisions_session()})
    post(decisions_client("arm.head"), f"/{proposal}/positions", {"member": "ARM", "stance": "non_participation"})
    refused(post(decisions_client("kaz.head"), f"/{proposal}/close", {}), 403, "actor")
    response = post(secretariat, f"/{proposal}/close", {})
    decision = response.json()["procedure"]["decision"]
    assert decision["outcome"] == "adopted_limited"
    assert decision["not_joined"] == ["ARM"]
    assert decision["absent"] == ["BLR", "KAZ", "KGZ", "RUS", "TJK"]  # recorded; absence is not objection
    assert decision["identifier"].startswith("Collective Security Council, ")
    assert decision["identifier"].endswith(", On the budget")
    refused(post(secretariat, f"/{proposal}/close", {}), 409, "proposal")
    assert Decision.objects.count() == 1


def test_a_silence_procedure_before_its_deadline_is_not_closed() -> None:
    proposal = table()
    open_silence(proposal)
    size = log.size()
    refused(post(decisions_client("secretariat"), f"/{proposal}/close", {}), 409, "procedure")
    assert log.size() == size
    assert not Decision.objects.exists()


def test_the_numbered_scheme_numbers_decisions_per_body_and_year() -> None:
    secretariat = decisions_client("secretariat")
    refused(post(decisions_client("arm.head"), "/scheme", {"scheme": "numbered"}, "put"), 403, "actor")
    refused(post(secretariat, "/scheme", {"scheme": "roman"}, "put"), 400, "scheme")
    assert post(secretariat, "/scheme", {"scheme": "numbered"}, "put").status_code == 200
    identifiers = []
    at = decisions_session()
    for _ in range(2):
        proposal = table()
        post(secretariat, f"/{proposal}/procedure", {"kind": "consensus", "session": at})
        closed = post(secretariat, f"/{proposal}/close", {}).json()
        identifiers.append(closed["procedure"]["decision"]["identifier"])
    year = timezone.now().year
    assert identifiers == [f"CSC-{year}/1", f"CSC-{year}/2"]


def test_a_member_that_did_not_join_accedes_later() -> None:
    proposal = table()
    secretariat = decisions_client("secretariat")
    post(secretariat, f"/{proposal}/procedure", {"kind": "consensus", "session": decisions_session()})
    post(decisions_client("kaz.head"), f"/{proposal}/positions", {"member": "KAZ", "stance": "join"})
    decision = post(secretariat, f"/{proposal}/close", {}).json()["procedure"]["decision"]["id"]
    refused(post(decisions_client("kaz.head"), f"/decisions/{decision}/accessions", {"member": "KAZ"}),
            409, "member")
    refused(post(decisions_client("kaz.head"), f"/decisions/{decision}/accessions", {"member": "ARM"}),
            403, "member")
    response = post(decisions_client("arm.delegate"), f"/decisions/{decision}/accessions", {"member": "ARM"})
    assert response.status_code == 201, response.json()
    grid = {row["member"]: row for row in response.json()["procedure"]["positions"]}
    assert grid["ARM"]["acceded"] is True
    assert response.json()["procedure"]["decision"]["accessions"] == ["ARM"]


def test_a_sponsor_withdraws_and_the_open_procedure_ends_withdrawn() -> None:
    proposal = table()
    open_silence(proposal)
    refused(post(decisions_client("kaz.head"), f"/{proposal}/withdraw", {}), 403, "actor")
    response = post(decisions_client("arm.head"), f"/{proposal}/withdraw", {"reason": "Superseded"})
    assert response.json()["withdrawn"] is True
    assert response.json()["procedure"]["decision"]["outcome"] == "withdrawn"
    assert not Proposal.objects.get(pk=proposal).procedures.filter(state="open").exists()


def test_a_participants_only_proposal_is_hidden_from_other_members() -> None:
    response = post(decisions_client("arm.delegate"), "", {
        "title": {"ru": "Closed item"}, "body": "CSC", "sponsors": ["ARM"], "classification": "participants",
        "audience": ["ARM"]})
    proposal = response.json()["id"]
    refused(decisions_client("kaz.head").get(f"{API}/{proposal}"), 404, "proposal")
    assert decisions_client("secretariat").get(f"{API}/{proposal}").status_code == 200


def test_a_sponsor_revises_the_text_once_silence_is_broken_and_before_a_new_procedure() -> None:
    """Issue #21: once silence was broken there was no way to revise the proposal's text."""
    proposal = table()
    open_silence(proposal)
    sponsor, head = decisions_client("arm.delegate"), decisions_client("kaz.head")
    revision = {"text": "Paragraph 2 as amended by Kazakhstan.", "reason": "Kazakhstan's amendment"}
    refused(post(sponsor, f"/{proposal}/revise", revision), 409, "proposal")  # the procedure is open
    post(head, f"/{proposal}/positions", {"member": "KAZ", "stance": "break_silence", "amendment": "Amend 2"})
    assert post(decisions_client("secretariat"), f"/{proposal}/close", {}).status_code == 200
    size = log.size()
    refused(post(head, f"/{proposal}/revise", revision), 403, "actor")  # Kazakhstan does not sponsor it
    refused(post(sponsor, f"/{proposal}/revise", {"text": "  "}), 400, "text.ru")
    assert log.size() == size
    revised = post(sponsor, f"/{proposal}/revise", revision)
    assert revised.status_code == 200, revised.json()
    assert Proposal.objects.get(pk=proposal).text == {"ru": revision["text"]}  # a string: the default language's
    assert log.size() == size + 1
    refused(post(sponsor, f"/{proposal}/revise", revision), 400, "text")  # the same text again
    assert open_silence(proposal).status_code == 201  # a new procedure on the revised text


def _adopted_at_a_session() -> tuple[int, Any, dict[str, Any]]:
    """A proposal adopted by consensus at a session: its id, the secretariat's client, the API's decision."""
    proposal = table()
    secretariat = decisions_client("secretariat")
    post(secretariat, f"/{proposal}/procedure", {"kind": "consensus", "session": decisions_session()})
    return proposal, secretariat, post(secretariat, f"/{proposal}/close", {}).json()["procedure"]["decision"]


def test_an_identifier_reads_in_each_language_and_is_found_as_any_of_them() -> None:
    from accord.decisions import queries
    from accord.members.models import Body

    proposal, secretariat, decision = _adopted_at_a_session()
    found = Decision.objects.get(pk=decision["id"])
    day = found.decided_on
    russian_name = Body.objects.get(code="CSC").name["ru"]
    months_ru = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря"]
    # The log keeps one stable identifier, in English; each language reads its own composition.
    assert decision["identifier"] == f"Collective Security Council, {day.day} {day:%B} {day.year}, On the budget"
    assert decision["identifier_texts"] == {
        "ru": f"{russian_name}, {day.day} {months_ru[day.month - 1]} {day.year} г., О бюджете",
        "en": decision["identifier"]}
    read = secretariat.get(f"{API}/{proposal}?lang=ru").json()["procedure"]["decision"]
    assert read["identifier_texts"] == {"ru": decision["identifier_texts"]["ru"]}
    assert read["identifier"] == decision["identifier"]
    russian = decision["identifier_texts"]["ru"]
    for shown in (decision["identifier"], russian, russian.replace(" ", "  ")):
        assert queries.decision_by_identifier(shown) == found
    assert queries.decision_by_identifier("Совет, 1 января 2000 г., Нет такого") is None
    page = decisions_client("secretariat")
    page.cookies["django_language"] = "ru"
    html = page.get(f"/decisions/{proposal}/").content.decode()
    assert f'<span lang="ru">{decision["identifier_texts"]["ru"]}</span>' in html


@pytest.mark.parametrize(("language", "named"), [("en", "Kazakhstan has already taken its position"),
                                                 ("ru", "Казахстан уже занял позицию"),
                                                 ("fr", "Kazakhstan")])
def test_a_refusal_names_the_member_in_the_readers_language(language: str, named: str) -> None:
    proposal = table()
    post(decisions_client("secretariat"), f"/{proposal}/procedure", {"kind": "consensus",
                                                                      "session": decisions_session()})
    head = decisions_client("kaz.head")
    post(head, f"/{proposal}/positions", {"member": "KAZ", "stance": "join"})
    again = head.post(f"{API}/{proposal}/positions", data=json.dumps({"member": "KAZ", "stance": "join"}),
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert again.status_code == 409
    reason = again.json()["errors"][0]["reason"]
    assert reason.startswith(named)
    assert "KAZ" not in reason


def test_a_renamed_body_keeps_each_decisions_identifier_as_each_language_reads_it() -> None:

    from django.apps import apps

    from accord.decisions import queries
    from accord.decisions.migrations._identifiers import compose_identifiers
    from accord.ledger import guard
    from accord.members.models import Body

    proposal, _secretariat, decision = _adopted_at_a_session()
    found = Decision.objects.get(pk=decision["id"])
    shown = dict(found.identifier_texts)
    # The body takes another name (no act renames one yet; a later version's data migration might): the
    # identifiers were composed when the decision was taken, and stay as they were, in every language.
    Body.objects.filter(code="CSC").update(name=[["ru", "Совет глав государств"], ["en", "Council of Heads"]])
    assert dict(Decision.objects.get(pk=found.pk).identifier_texts) == shown
    for identifier in (decision["identifier"], shown["ru"]):
        assert queries.decision_by_identifier(identifier) == found
    page = decisions_client("secretariat")
    page.cookies["django_language"] = "ru"
    assert f'<span lang="ru">{shown["ru"]}</span>' in page.get(f"/decisions/{proposal}/").content.decode()
    # decisions/0005 (and 0009) run on such a database compose each language's identifier from the name the log
    # recorded for the body when it was established, as a replay does: the same texts, never the new name.
    with guard.acting("the migration decisions/0005, run again"):  # a migration writes outside the acts
        compose_identifiers(apps, None)
    assert dict(Decision.objects.get(pk=found.pk).identifier_texts) == shown
    assert "Council of Heads" not in decision["identifier"]
