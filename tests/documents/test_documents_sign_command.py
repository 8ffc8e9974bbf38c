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
    """With the day and the place in each organization language, what it prints is the request's body."""
    document, digest = org.adopted_statement()
    out = io.StringIO()
    call_command("sign", digest, "--key", str(_key_file(tmp_path, head_keys["RUS"])), "--document",
                 str(document), "--number", "1", "--signed-on", "2022-05-16", "--place", "ru=Москва",
                 "--place", "en=Moscow", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["document"] == document
    assert printed["place"] == {"ru": "Москва", "en": "Moscow"}
    client = Client()
    assert client.login(username="rus.head", password=org.PASSWORD)
    body = {name: printed[name] for name in ("version", "key_id", "signature", "signed_on", "place")}
    response = client.post(f"/api/v1/documents/{document}/signatures", json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["place"] == {"ru": "Москва", "en": "Moscow"}


def test_a_place_not_given_as_lang_equals_text_is_refused(head_keys: dict[str, SigningKey],
                                                           tmp_path: Path) -> None:
    _document, digest = org.adopted_statement()
    with pytest.raises(CommandError, match="--place 'Moscow': give LANG=TEXT"):
        call_command("sign", digest, "--key", str(_key_file(tmp_path, head_keys["RUS"])), "--place", "Moscow",
                     stdout=io.StringIO())


@pytest.mark.parametrize("problem", ["no file", "not a hash"])
def test_it_exits_with_one_clear_line(tmp_path: Path, problem: str) -> None:
    key = _key_file(tmp_path, SigningKey.generate())
    arguments = ("sha256:" + "0" * 64, "--key", str(tmp_path / "missing.key")) if problem == "no file" \
        else ("abc", "--key", str(key))
    with pytest.raises(CommandError) as error:
        call_command("sign", *arguments, stdout=io.StringIO())
    assert error.value.returncode == 2
