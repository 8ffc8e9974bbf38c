"""The attachments' API: multipart upload, list, download with its headers, withdrawal; a hidden
attachment answers exactly as a missing one."""

from __future__ import annotations

import hashlib

import meetings_world
from django.core.files.uploadedfile import SimpleUploadedFile
from files import EXECUTABLE, PDF

from accord.attachments.models import Attachment
from accord.ledger.models import Entry

API = "/api/v1/attachments"


def _upload(client: object, on: str, target: int, content: bytes = PDF, name: str = "agenda.pdf") -> object:
    return client.post(API, {"on": on, "target": str(target),  # type: ignore[attr-defined]
                             "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")})


def test_it_uploads_lists_downloads_and_withdraws(world: meetings_world.World,
                                                  login: meetings_world.SignIn) -> None:
    officer = login("secretariat")
    made = _upload(officer, "session", world.summit)
    assert made.status_code == 201, made.content  # type: ignore[attr-defined]
    body = made.json()  # type: ignore[attr-defined]
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["content_type"] == "application/pdf"
    assert body["allowed"] == ["withdraw"]
    listed = login(None).get(API, {"on": "session", "target": str(world.summit)}).json()
    assert [row["id"] for row in listed] == [body["id"]]
    assert listed[0]["allowed"] == []
    got = login(None).get(body["content"])
    assert got.status_code == 200
    assert got.content == PDF
    assert got["Content-Type"] == "application/pdf"
    assert got["Content-Disposition"].startswith("attachment")
    assert got["X-Content-Type-Options"] == "nosniff"
    gone = officer.post(f"{API}/{body['id']}/withdraw")
    assert gone.status_code == 200
    assert login(None).get(body["content"]).status_code == 404


def test_it_refuses_a_file_of_another_kind_naming_the_field(world: meetings_world.World,
                                                             login: meetings_world.SignIn) -> None:
    before = Entry.objects.count()
    refused = _upload(login("secretariat"), "session", world.summit, EXECUTABLE, "agenda.pdf")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert refused.json()["errors"][0]["field"] == "file"  # type: ignore[attr-defined]
    assert Entry.objects.count() == before


def test_a_hidden_attachment_answers_as_a_missing_one(world: meetings_world.World,
                                                      login: meetings_world.SignIn) -> None:
    made = _upload(login("secretariat"), "item", world.closed_item).json()  # type: ignore[attr-defined]
    outside = login("arm.head")
    assert login("kaz.head").get(f"{API}/{made['id']}").status_code == 200
    for path in (API + "/{}", API + "/{}/content"):
        hidden = outside.get(path.format(made["id"]))
        missing = outside.get(path.format(987654))
        assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
        assert hidden.status_code == 404
    on_hidden = outside.get(API, {"on": "item", "target": str(world.closed_item)})
    on_missing = outside.get(API, {"on": "item", "target": "987654"})
    assert (on_hidden.status_code, on_hidden.content) == (on_missing.status_code, on_missing.content)


def test_anonymous_upload_is_refused(world: meetings_world.World, login: meetings_world.SignIn) -> None:
    assert _upload(login(None), "session", world.summit).status_code == 401  # type: ignore[attr-defined]
    assert not Attachment.objects.exists()
