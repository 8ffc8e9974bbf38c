"""`accord sign`: a head signs on its own machine with its key file; the API accepts what it prints."""

from __future__ import annotations

import io
import json
from pathlib import Path

import documents_org as org
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from nacl.signing import SigningKey

from accord_verify import entries


def _key_file(tmp_path: Path, key: SigningKey) -> Path:
    path = tmp_path / "rus.head.key"
    path.write_text(json.dumps({"person": "rus.head", "key_id": entries.key_id_of(bytes(key.verify_key)),
                                "private_key": entries.b64(bytes(key))}))
    return path


def test_what_accord_sign_prints_is_accepted(head_keys: dict[str, SigningKey], tmp_path: Path) -> None:
    document, digest = org.adopted_statement()
    out = io.StringIO()
    call_command("sign", digest, "--key", str(_key_file(tmp_path, head_keys["RUS"])), "--document",
                 str(document), "--number", "1", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["document"] == document
    client = Client()
    assert client.login(username="rus.head", password=org.PASSWORD)
    body = {"version": printed["version"], "key_id": printed["key_id"], "signature": printed["signature"],
            "signed_on": "2022-05-16", "place": "Moscow"}
    response = client.post(f"/api/v1/documents/{document}/signatures", json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("problem", ["no file", "not a hash"])
def test_it_exits_with_one_clear_line(tmp_path: Path, problem: str) -> None:
    key = _key_file(tmp_path, SigningKey.generate())
    arguments = ("sha256:" + "0" * 64, "--key", str(tmp_path / "missing.key")) if problem == "no file" \
        else ("abc", "--key", str(key))
    with pytest.raises(CommandError) as error:
        call_command("sign", *arguments, stdout=io.StringIO())
    assert error.value.returncode == 2
