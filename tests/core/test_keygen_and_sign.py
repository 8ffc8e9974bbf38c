"""`accord keygen` and `accord sign` for any act: a head makes its key on its own machine, registers the public
half, and signs an act through the signed door (POST /api/v1/acts) with no software of its own."""

from __future__ import annotations

import io
import json
import re
import stat
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from reference_org import PASSWORD

from accord.core import keyfile
from accord.ledger import log
from accord.ledger.models import Entry
from accord.members.models import Person, SigningKey
from accord_verify import entries

SERVER = "http://testserver"
PROMOTION: dict[str, Any] = {"type": "members.role_changed",
             "body": {"person": "arm.delegate", "role": "liaison", "delegation_admin": False}}


class DjangoTransport(httpx.BaseTransport):
    """httpx's requests answered by the Django test client, with the CSRF check on as a server has it."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        client = Client(enforce_csrf_checks=True)
        client.cookies = SimpleCookie(request.headers.get("cookie", ""))
        headers = {name: value for name, value in request.headers.items()
                   if name.lower() not in ("host", "content-length", "content-type", "cookie")}
        answer = client.generic(request.method, request.url.raw_path.decode(), data=request.content,
                                content_type=request.headers.get("content-type", ""), headers=headers)
        cookies = [("set-cookie", morsel.OutputString()) for morsel in answer.cookies.values()]
        return httpx.Response(answer.status_code, headers=[*answer.items(), *cookies], content=answer.content)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> None:
    """`accord sign --server http://testserver` reaches this test's server."""
    real = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **options: real(transport=DjangoTransport()))
    monkeypatch.setenv("ACCORD_PASSWORD", PASSWORD)


def run(*arguments: str) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def keygen(tmp_path: Path, person: str) -> tuple[Path, str]:
    path = tmp_path / f"{person}.key"
    printed = run("keygen", person, "--out", str(path), "--label", "laptop")
    public = next(line for line in printed.splitlines() if line.startswith("Public key: "))
    return path, public.removeprefix("Public key: ")


def register(person: str, public_key: str) -> None:
    """What the person does once, signed in (docs/roles/head-of-delegation.md)."""
    client = Client()
    assert client.login(username=person, password=PASSWORD)
    response = client.post(f"/api/v1/persons/{person}/keys", {"public_key": public_key, "label": "laptop"},
                           content_type="application/json")
    assert response.status_code == 201, response.content


def arm_head_with_a_registered_key(tmp_path: Path) -> tuple[Path, Path]:
    """arm.head's key file, made and registered, and the act it means to sign, as files."""
    path, public = keygen(tmp_path, "arm.head")
    register("arm.head", public)
    act = tmp_path / "act.json"
    act.write_text(json.dumps(PROMOTION))
    return path, act


def test_keygen_writes_a_key_file_only_its_owner_reads_and_never_over_another(tmp_path: Path) -> None:
    path, public = keygen(tmp_path, "arm.head")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    made = keyfile.load(path)
    assert (made.person, made.public_key) == ("arm.head", public)
    assert json.loads(path.read_text())["key_id"] == made.key_id == entries.key_id_of(entries.unb64(public))
    before = path.read_bytes()
    with pytest.raises(CommandError, match="exists already") as error:
        run("keygen", "arm.head", "--out", str(path))
    assert error.value.returncode == 2
    assert path.read_bytes() == before


@pytest.mark.usefixtures("organization", "server")
def test_keygen_register_then_sign_an_act_through_the_signed_door(tmp_path: Path) -> None:
    path, act = arm_head_with_a_registered_key(tmp_path)
    before = log.size()
    answer = json.loads(run("sign", "--key", str(path), "--act", str(act), "--server", SERVER))
    assert answer == {"seq": before, "type": "members.role_changed"}
    assert Person.objects.get(username="arm.delegate").role == "liaison"
    entry = json.loads(Entry.objects.get(seq=before).data)
    assert entry["statement"]["actor"] == {"member": "ARM", "person": "arm.head"}
    assert [line["key"] for line in entry["signatures"]] == [keyfile.load(path).key_id]


@pytest.mark.usefixtures("organization", "server")
def test_a_drafted_statement_saved_to_a_file_is_signed_and_submitted_later(tmp_path: Path) -> None:
    path, act = arm_head_with_a_registered_key(tmp_path)
    before = log.size()
    printed = json.loads(run("sign", "--key", str(path), "--act", str(act), "--server", SERVER, "--no-submit"))
    assert log.size() == before  # drafting and signing recorded nothing
    statement = tmp_path / "statement.json"
    statement.write_text(json.dumps(printed["statement"]))
    offline = json.loads(run("sign", "--key", str(path), "--statement", str(statement)))
    assert offline == printed  # the same statement, the same Ed25519 signature
    response = Client().post("/api/v1/acts", json.dumps(offline), content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.usefixtures("organization", "server")
def test_a_key_file_of_another_person_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    path, _ = keygen(tmp_path, "kaz.head")
    statement = tmp_path / "statement.json"
    statement.write_text(json.dumps(entries.statement(
        log="accord", type="members.role_changed", member="ARM", person="arm.head", classification="public",
        body=PROMOTION["body"], nonce=entries.new_nonce())))
    with pytest.raises(CommandError, match=re.escape(
            "the statement's actor is 'arm.head', but the key file is 'kaz.head''s")) as error:
        run("sign", "--key", str(path), "--statement", str(statement), "--server", SERVER)
    assert error.value.returncode == 2


@pytest.mark.usefixtures("organization", "server")
def test_a_key_not_registered_is_refused_by_the_door_and_nothing_is_recorded(tmp_path: Path) -> None:
    path, _ = keygen(tmp_path, "arm.head")
    act = tmp_path / "act.json"
    act.write_text(json.dumps(PROMOTION))
    before = log.size()
    with pytest.raises(CommandError, match=re.escape(
            "answered 400: signature.key: is not a registered")) as error:
        run("sign", "--key", str(path), "--act", str(act), "--server", SERVER)
    assert error.value.returncode == 1
    assert log.size() == before
    assert not SigningKey.objects.filter(key_id=keyfile.load(path).key_id).exists()


@pytest.mark.usefixtures("organization", "server")
def test_a_wrong_password_is_refused_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _ = keygen(tmp_path, "arm.head")
    act = tmp_path / "act.json"
    act.write_text(json.dumps(PROMOTION))
    monkeypatch.setenv("ACCORD_PASSWORD", "not the password")
    with pytest.raises(CommandError, match=re.escape(
            "refused the sign-in of 'arm.head': wrong username or password")):
        run("sign", "--key", str(path), "--act", str(act), "--server", SERVER)


@pytest.mark.parametrize("content", ["not json", '{"person": "arm.head"}', '{"private_key": "AAAA"}',
                                     '{"person": "arm.head", "key_id": "ed25519:0000000000000000", '
                                     '"private_key": "' + entries.b64(b"\x07" * 32) + '"}'])
def test_a_bad_key_file_is_refused_in_one_clear_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.key"
    path.write_text(content)
    with pytest.raises(CommandError, match=r"bad\.key (is not an Accord private key file|is damaged)") as error:
        run("sign", "--key", str(path), "--statement", "-")
    assert error.value.returncode == 2


@pytest.mark.usefixtures("organization")
def test_the_draft_needs_a_session_and_refuses_as_the_act_would(tmp_path: Path) -> None:
    assert Client().post("/api/v1/acts/draft", {"statement": PROMOTION},
                         content_type="application/json").status_code == 401
    client = Client()
    assert client.login(username="kaz.head", password=PASSWORD)
    before = log.size()
    # Kazakhstan's head may not change the role of Armenia's delegate: the draft says so as the act would.
    refused = client.post("/api/v1/acts/draft", {"statement": PROMOTION}, content_type="application/json")
    assert refused.status_code in (403, 404), refused.content
    unknown = client.post("/api/v1/acts/draft", {"statement": {"type": "no.such", "body": {}}},
                          content_type="application/json")
    assert unknown.json()["errors"] == [{"field": "statement.type", "label": "statement.type",
                                         "reason": "'no.such' is not an act that can be signed here"}]
    assert log.size() == before


def _statement(answer: Any) -> dict[str, Any]:
    statement: dict[str, Any] = answer.json()["statement"]
    return statement


@pytest.mark.usefixtures("organization")
def test_the_draft_is_the_statement_the_act_records() -> None:
    client = Client()
    assert client.login(username="arm.head", password=PASSWORD)
    drafted = _statement(client.post("/api/v1/acts/draft", {"statement": PROMOTION},
                                     content_type="application/json"))
    assert drafted["actor"] == {"member": "ARM", "person": "arm.head"}
    assert drafted["body"] == PROMOTION["body"]
    assert (drafted["type"], drafted["classification"]) == ("members.role_changed", "public")
