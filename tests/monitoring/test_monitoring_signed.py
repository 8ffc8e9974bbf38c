"""A member reports a value signed with its own key (POST /api/v1/acts, as `accord sign --act` sends it), and a
participants-only indicator: only the theme's followers (and the secretariat) see it, anywhere."""

from __future__ import annotations

import json
from typing import Any

import pytest
from crises_signing import private_key, recorded, register_keys, submit
from django.http import StreamingHttpResponse
from monitoring_world import actor, afghan_direction, signed_in

from accord.core import provenance
from accord.core import signed as signed_acts
from accord.core.history import Signer
from accord.ledger.models import Entry, Sealed
from accord.monitoring import actions, queries
from accord.monitoring import api as monitoring_api  # noqa: F401 (registers its signed acts, as the URLs do)
from accord.monitoring.models import Indicator, Value
from accord_verify import entries

pytestmark = pytest.mark.usefixtures("monitoring_organization")

CANARY = "participants-only-indicator-canary-3391"


def _indicator(classification: str) -> Indicator:
    """An indicator Kazakhstan reports, on a theme Kazakhstan follows and Russia does not."""
    theme = afghan_direction()
    actions.follow_theme(actor=actor("kaz.head"), theme=theme.pk, member="KAZ")
    return actions.define_indicator(actor=actor("secretariat"), theme=theme.pk, name={"ru": CANARY, "en": CANARY},
                                    unit="%", frequency="monthly", reporters=["KAZ"], warning="50", alert="80",
                                    classification=classification)


def _drafted(handle: str, body: dict[str, Any]) -> dict[str, Any]:
    """The whole statement as the server drafts it for `accord sign --act` ({type, body})."""
    return signed_acts.draft(actor(handle), {"type": "monitoring.value_reported", "body": body})


def test_a_member_reports_a_value_signed_with_its_own_key_with_its_provenance() -> None:
    register_keys()
    found = _indicator("public")
    body = {"indicator": found.pk, "member": "KAZ", "value": "12.5", "as_of": "2022-05-01", "source": "",
            "corrects": None, "provenance": {"fields": {"value": {"certainty": "illustrative"}}}}
    stmt = _drafted("kaz.head", body)
    seq = recorded({"statement": stmt, "signature": entries.sign_statement(stmt, private_key("kaz.head"))})
    row = Value.objects.get(entry_seq=seq)
    assert (row.member_id, str(row.value), row.source) == ("KAZ", "12.5000", "")
    assert provenance.marked(seq, "value") is not None
    assert provenance.label(seq, "value") == "illustrative"
    # The correction is signed too, and names the value it corrects.
    stmt = _drafted("kaz.head", {**body, "value": "13", "corrects": row.pk, "provenance": None})
    seq = recorded({"statement": stmt, "signature": entries.sign_statement(stmt, private_key("kaz.head"))})
    assert Value.objects.get(entry_seq=seq).corrects_id == row.pk
    assert provenance.marked(seq, "value") is None


def test_a_value_signed_for_another_member_or_with_a_changed_body_is_refused_and_nothing_is_written() -> None:
    register_keys()
    found = _indicator("public")
    body = {"indicator": found.pk, "member": "KAZ", "value": "12.5", "as_of": "2022-05-01", "source": "",
            "corrects": None}
    size = Entry.objects.count()
    stmt = _drafted("kaz.head", body)
    changed = {**stmt, "body": {**stmt["body"], "value": "99"}}
    response = submit({"statement": changed, "signature": entries.sign_statement(stmt, private_key("kaz.head"))})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "signature.sig")
    rus = entries.statement(log=stmt["log"], type="monitoring.value_reported", member="RUS", person="rus.head",
                            classification="public", body={**body, "theme": found.theme_id},
                            nonce=entries.new_nonce())
    response = submit({"statement": rus, "signature": entries.sign_statement(rus, private_key("rus.head"))})
    assert response.status_code == 403, response.json()
    assert Entry.objects.count() == size


def test_a_signed_value_of_a_participants_only_indicator_is_sealed_for_the_followers_and_the_secretariat() -> None:
    register_keys()
    found = _indicator("participants")
    stmt = _drafted("kaz.head", {"indicator": found.pk, "member": "KAZ", "value": "90", "as_of": "2022-05-01",
                                 "source": "National statistics", "corrects": None})
    assert (stmt["classification"], stmt["audience"]) == ("participants", ["KAZ", "secretariat"])
    signature = entries.sign_statement(stmt, private_key("kaz.head"))
    response = submit({"statement": stmt, "signature": signature})
    assert response.status_code == 201, response.json()
    value = Value.objects.get(indicator=found)
    seq = value.entry_seq  # the act's first entry; the alert it raised is its second
    # The door answers with the signed statement's own entry, not the alert's recorded after it.
    assert response.json() == {"seq": seq, "type": "monitoring.value_reported"}
    assert value.alert.entry_seq == seq + 1
    sealed = json.loads(Sealed.objects.get(entry_id=seq).content)
    assert sealed["signatures"] == [signature]
    assert {k: v for k, v in sealed["statement"].items() if v != stmt.get(k)} == {}, sealed["statement"]
    assert Entry.objects.get(seq=seq).classification == "participants"
    assert list(Sealed.objects.get(entry_id=seq).audience) == ["KAZ", "secretariat"]
    # 90 crosses the alert level: the alert is sealed alike
    assert list(Sealed.objects.get(entry_id=value.alert.entry_seq).audience) == ["KAZ", "secretariat"]
    # Russia's head, who does not follow the theme, is told there is no such indicator, as for a missing one.
    missing = _drafted_refusal("rus.head", 987654)
    hidden = _drafted_refusal("rus.head", found.pk)
    assert hidden == missing.replace("987654", str(found.pk))


def _drafted_refusal(handle: str, indicator: int) -> str:
    client = signed_in(handle)
    response = client.post("/api/v1/acts/draft", data=json.dumps({"statement": {
        "type": "monitoring.value_reported", "body": {"indicator": indicator, "member": "RUS", "value": "1",
                                                     "as_of": "2022-05-01", "source": "", "corrects": None}}}),
        content_type="application/json")
    assert response.status_code == 404, response.content
    return response.content.decode()


def _everything(handle: str | None, theme: int, indicator: int) -> str:
    """What `handle` reads of the theme anywhere: its page, its live part, its CSV, the API, the search."""
    client = signed_in(handle)
    read = [client.get(f"/monitoring/{theme}/").content.decode(),
            client.get(f"/monitoring/{theme}/live/").content.decode(),
            client.get(f"/api/v1/monitoring/themes/{theme}").content.decode(),
            client.get(f"/api/v1/monitoring/themes/{theme}/alerts").content.decode(),
            client.get("/search/?q=3391").content.decode()]  # a word of it: the page repeats what was asked
    export = client.get(f"/monitoring/{theme}/indicators.csv")
    assert isinstance(export, StreamingHttpResponse)
    read.append(b"".join(export.streaming_content).decode())
    return "\n".join(read)


def test_a_participants_only_indicator_is_seen_by_the_followers_and_the_secretariat_alone() -> None:
    found = _indicator("participants")
    actions.report_value(actor=actor("kaz.head"), indicator=found.pk, member="KAZ", value="90",
                         as_of="2022-05-01", source="National statistics")
    theme = found.theme_id
    for handle in ("kaz.head", "kaz.delegate", "secretariat"):
        assert CANARY in _everything(handle, theme, found.pk), handle
    for outsider in ("rus.head", "observer", None):
        assert CANARY not in _everything(outsider, theme, found.pk), outsider
        client = signed_in(outsider)
        # Hidden and missing alike: the indicator's API and its CSV answer 404 as for one that does not exist.
        hidden = client.get(f"/api/v1/monitoring/indicators/{found.pk}")
        missing = client.get("/api/v1/monitoring/indicators/987654")
        assert (hidden.status_code, hidden.content.decode()) == (
            404, missing.content.decode().replace("987654", str(found.pk)))
        assert client.get(f"/monitoring/{theme}/indicators.csv?indicator={found.pk}").status_code == 404
    # Russia starts following the theme: it sees the indicator from now on.
    actions.follow_theme(actor=actor("rus.head"), theme=theme, member="RUS")
    assert CANARY in _everything("rus.head", theme, found.pk)
    assert queries.indicator_restriction(found).audience == ("KAZ", "RUS", "secretariat")


def test_a_value_reported_on_the_page_as_uncertain_carries_it_as_its_acts_provenance_and_shows_the_mark() -> None:
    found = _indicator("public")
    client = signed_in("kaz.head")
    response = client.post(f"/monitoring/{found.theme_id}/values/", {
        "indicator": found.pk, "member": "KAZ", "value": "12", "as_of": "2022-05-01", "source": "Estimate",
        "certainty": "uncertain"})
    assert response.status_code == 302, response.content.decode()[:2000]
    value = Value.objects.get(indicator=found)
    assert provenance.label(value.entry_seq, "value") == "uncertain"
    page = client.get(f"/monitoring/{found.theme_id}/").content.decode()
    assert 'class="certainty certainty--uncertain"' in page
    export = client.get(f"/monitoring/{found.theme_id}/indicators.csv")
    assert isinstance(export, StreamingHttpResponse)
    assert ",uncertain," in b"".join(export.streaming_content).decode()


def test_the_pages_value_form_is_drafted_for_the_browser_to_sign_and_the_signed_value_shows_its_signer() -> None:
    """What the theme page's script does (monitoring.js): the form drafted, its message signed with the key the
    browser keeps, the signed act sent to the door; the value's row then names its signer and key."""
    register_keys()
    found = _indicator("members")
    client = signed_in("kaz.head")
    form = {"indicator": found.pk, "member": "KAZ", "value": "12.5", "as_of": "1 May 2022", "source": "",
            "certainty": "illustrative"}
    refused = client.post(f"/monitoring/{found.theme_id}/values/draft/", {**form, "value": "many"})
    assert refused.status_code == 400
    assert [(error["field"], error["label"]) for error in refused.json()["errors"]] == [("value", "Value")]
    size = Entry.objects.count()
    drafted = client.post(f"/monitoring/{found.theme_id}/values/draft/", {**form, "value": "12.5"}).json()
    assert Entry.objects.count() == size  # a draft records nothing
    stmt = drafted["statement"]
    assert stmt["body"] == {"theme": found.theme_id, "indicator": found.pk, "member": "KAZ", "value": "12.5",
                            "as_of": "2022-05-01", "source": "", "corrects": None,
                            "provenance": {"fields": {"value": {"certainty": "illustrative"}}}}
    assert entries.unb64(drafted["message"]) == entries.signing_message(stmt)
    key = private_key("kaz.head")
    signature = {"key": entries.key_id_of(bytes(key.verify_key)), "sig": entries.b64(key.sign(
        entries.unb64(drafted["message"])).signature)}
    seq = recorded({"statement": stmt, "signature": signature})
    value = Value.objects.get(entry_seq=seq)
    assert provenance.label(seq, "value") == "illustrative"
    page = client.get(f"/monitoring/{found.theme_id}/").content.decode()
    shown = f'<a class="note signed" href="/ledger/{seq}/">signed by kaz.head with key {signature["key"]}</a>'
    assert shown in page
    # A value reported under the sign-in, unsigned, names no signer.
    actions.report_value(actor=actor("kaz.head"), indicator=found.pk, member="KAZ", value="13", as_of="2022-06-01")
    assert queries.signers(queries.series(found)) == {value.entry_seq: Signer("kaz.head", signature["key"])}
    # Russia's head, whose member does not report it, is refused as the action refuses it, and nothing drafted.
    refused = signed_in("rus.head").post(f"/monitoring/{found.theme_id}/values/draft/", {**form, "member": "RUS"})
    assert refused.status_code == 403, refused.json()
    assert "statement" not in refused.json()
