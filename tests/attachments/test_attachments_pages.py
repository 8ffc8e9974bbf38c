"""The attachments on the session, item and document pages: the list, the upload form for those the policy
allows, refusals beside the field in the page's language, downloads, withdrawal, and hidden as missing."""

from __future__ import annotations

import re

import meetings_world
from django.core.files.uploadedfile import SimpleUploadedFile
from files import EXECUTABLE, PDF, TEXT

from accord.attachments import actions
from accord.attachments.models import Attachment
from accord.core.acting import Actor
from accord.documents import actions as documents
from accord.ledger.models import Entry
from accord.meetings.models import AgendaItem
from accord.members.models import Person


def _file(content: bytes = PDF, name: str = "agenda.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_secretariat_attaches_from_the_session_page(world: meetings_world.World,
                                                        login: meetings_world.SignIn) -> None:
    officer = login("secretariat")
    page = officer.get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert f'action="/attachments/sessions/{world.summit}/attach/"' in page
    sent = officer.post(f"/attachments/sessions/{world.summit}/attach/", {"file": _file()})
    assert sent.status_code == 302
    assert sent["Location"] == f"/meetings/sessions/{world.summit}/"
    row = Attachment.objects.get()
    shown = login(None).get(f"/meetings/sessions/{world.summit}/").content.decode()
    assert "agenda.pdf" in shown
    assert row.sha256 in shown
    assert f'action="/attachments/sessions/{world.summit}/attach/"' not in shown  # the public may not attach
    got = login(None).get(f"/attachments/files/{row.pk}/")
    assert got.content == PDF
    assert got["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert got["X-Content-Type-Options"] == "nosniff"


def test_a_refused_file_comes_back_beside_its_field_in_russian(world: meetings_world.World,
                                                               login: meetings_world.SignIn) -> None:
    officer = login("secretariat")
    before = Entry.objects.count()
    refused = officer.post(f"/attachments/items/{world.open_item}/attach/", {"file": _file(EXECUTABLE)},
                           headers={"accept-language": "ru"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "не является PDF" in page
    assert 'id="attach-item-' in page
    assert Entry.objects.count() == before


def test_an_item_page_lists_its_files_and_a_closed_one_is_missing_for_outsiders(
        world: meetings_world.World, login: meetings_world.SignIn) -> None:
    officer = Actor(person=Person.objects.get(username="secretariat"))
    row = actions.attach(actor=officer, on="item", target=world.closed_item, name="closed.txt", content=TEXT)
    assert "closed.txt" in login("kaz.head").get(f"/attachments/items/{world.closed_item}/").content.decode()
    outside = login("arm.head")
    for hidden, missing in ((f"/attachments/items/{world.closed_item}/", "/attachments/items/987654/"),
                            (f"/attachments/files/{row.pk}/", "/attachments/files/987654/")):
        shown, absent = outside.get(hidden), outside.get(missing)
        assert shown.status_code == absent.status_code == 404
        assert "closed.txt" not in shown.content.decode()
        assert meetings_world.CLOSED_ITEM not in shown.content.decode()
    assert "closed.txt" not in outside.get(f"/meetings/sessions/{world.summit}/").content.decode()


def test_withdrawing_asks_first_and_then_removes_the_file(world: meetings_world.World,
                                                          login: meetings_world.SignIn) -> None:
    officer = Actor(person=Person.objects.get(username="secretariat"))
    row = actions.attach(actor=officer, on="session", target=world.summit, name="a.pdf", content=PDF)
    client = login("secretariat")
    page = client.get(f"/attachments/sessions/{world.summit}/").content.decode()
    assert f'action="/attachments/files/{row.pk}/withdraw/"' in page
    assert "data-confirm=" in page
    done = client.post(f"/attachments/files/{row.pk}/withdraw/", {"confirmed": "1"})
    assert done.status_code == 302
    assert Attachment.objects.get().withdrawn


def test_the_document_page_shows_its_files(world: meetings_world.World, login: meetings_world.SignIn) -> None:
    officer = Actor(person=Person.objects.get(username="secretariat"))
    made = documents.create_document(actor=officer, kind="joint_statement",
                                     title={"ru": "Заявление", "en": "Statement"},
                                     texts={"ru": "Текст.", "en": "Text."}, authentic=["ru"])
    client = login("secretariat")
    assert client.post(f"/attachments/documents/{made.pk}/attach/", {"file": _file(TEXT, "notes.txt")}
                       ).status_code == 302
    assert "notes.txt" in client.get(f"/documents/{made.pk}/").content.decode()


def test_anonymous_posts_go_to_sign_in_alike(world: meetings_world.World, login: meetings_world.SignIn) -> None:
    public = login(None)
    for target in (world.summit, 987654):
        sent = public.post(f"/attachments/sessions/{target}/attach/", {"file": _file()})
        assert sent.status_code == 303
        assert sent["Location"].startswith("/login/")


def test_no_heading_stands_over_nothing_attached(world: meetings_world.World,
                                                 login: meetings_world.SignIn) -> None:
    """Issue 21's walk: "Attachments of item 1" on every agenda item, and an "Attachments" card, with nothing
    attached. A reader who may not attach sees the files' card and an item's link only where there is a file,
    the link saying how many and naming the item by its title; whoever may attach sees the form under a
    heading that says so."""
    public, officer = login(None), login("secretariat")
    session = f"/meetings/sessions/{world.summit}/"
    bare = public.get(session).content.decode()
    assert 'class="card card--wide attachments"' not in bare
    assert "agenda__files" not in bare
    assert "of item" not in bare
    offered = officer.get(session).content.decode()
    assert re.search(r'<h2 id="files-session-\d+">\s*Attach a file</h2>', offered)
    assert f'href="/attachments/items/{world.open_item}/">Attach a file<span class="visually-hidden">' in offered
    empty = public.get(f"/attachments/items/{world.open_item}/").content.decode()
    assert '<p class="empty">No files attached.</p>' in empty
    assert "<h2" not in empty.split('<main', 1)[1].split('</main>', 1)[0]

    clerk = Actor(person=Person.objects.get(username="secretariat"))
    actions.attach(actor=clerk, on="item", target=world.open_item, name="draft.pdf", content=PDF)
    actions.attach(actor=clerk, on="item", target=world.open_item, name="annex.pdf", content=PDF)
    listed = " ".join(public.get(session).content.decode().split())
    [title] = re.findall(rf'href="/attachments/items/{world.open_item}/">2 files attached<span '
                         r'class="visually-hidden">: ([^<]+)</span></a>', listed)
    assert title == AgendaItem.objects.get(pk=world.open_item).title.pick().text
    files = public.get(f"/attachments/items/{world.open_item}/").content.decode()
    assert re.search(r'<h2 id="files-item-\d+">\s*Attachments\s*</h2>', files)
    assert "Attach a file" not in files
    public.cookies["django_language"] = "ru"
    assert "2 прикреплённых файла<span" in public.get(session).content.decode()
    document = documents.create_document(actor=clerk, kind="joint_statement", title={"ru": "З", "en": "S"},
                                         texts={"ru": "Т.", "en": "T."}, authentic=["ru"])
    assert f'id="files-document-{document.pk}"' not in login("kaz.head").get(f"/documents/{document.pk}/"
                                                                             ).content.decode()
    assert f'id="files-document-{document.pk}"' in officer.get(f"/documents/{document.pk}/").content.decode()
