"""Pages and API answers cached on the log's head: an ETag of the log's size and the viewer, a 304 without
rendering, and never a stale page (accord.core.conditional)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
import reference_org
import time_machine
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.test import Client, RequestFactory

from accord.core import clock, conditional
from accord.core.acting import Actor, action, record
from accord.core.conditional import AnswerFromLogHead
from accord.members import actions

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

# Answers are kept here as a server keeps them (tests/conftest.py renders every answer elsewhere).
pytestmark = pytest.mark.usefixtures("keeping")

PAGES = ("/", "/members/", "/members/ARM/", "/ledger/", "/api/v1/members", "/api/v1/organization")


def _tagged(client: Client, path: str, **headers: str) -> Response:
    """The answer of a second GET: the first may give the browser its form token's cookie, and an answer
    that sets a cookie is not tagged."""
    client.get(path, headers=headers)
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.has_header("ETag"), f"{path} has no ETag"
    return response


def _again(client: Client, path: str, etag: str, **headers: str) -> Response:
    return client.get(path, headers={"If-None-Match": etag, **headers})


@action
def _record_a_public_note(*, actor: Actor, text: str) -> int:
    return record(type="test.public_note", actor=actor, body={"text": text}, classification="public").seq


@pytest.mark.parametrize("path", PAGES)
def test_it_answers_a_conditional_get_with_304_and_no_body(public: Client, path: str) -> None:
    etag = _tagged(public, path)["ETag"]
    answer = _again(public, path, etag)
    assert answer.status_code == 304
    assert answer.content == b""
    assert not answer.has_header("Content-Length")
    assert answer["ETag"] == etag
    assert "no-cache" in answer["Cache-Control"]
    head = public.head(path, headers={"If-None-Match": etag})
    assert head.status_code == 304
    assert head.content == b""


@pytest.mark.parametrize("path", PAGES)
def test_an_act_changes_the_etag_at_once_and_the_page_is_rendered_anew(public: Client, path: str) -> None:
    before = _tagged(public, path)["ETag"]
    seq = _record_a_public_note(actor=Actor.console(), text="a note")
    answer = _again(public, path, before)
    assert answer.status_code == 200
    assert answer["ETag"] != before
    assert _again(public, path, answer["ETag"]).status_code == 304
    if path == "/ledger/":
        assert f"/ledger/{seq}/" in answer.content.decode()


def test_a_change_of_the_registry_shows_on_the_conditional_get_after_it(public: Client) -> None:
    before = _tagged(public, "/api/v1/members")["ETag"]
    actions.add_member(actor=Actor.console(), code="MNG", acceded_on="2026-01-15")
    answer = _again(public, "/api/v1/members", before)
    assert answer.status_code == 200
    assert '"MNG"' in answer.content.decode()


@pytest.mark.parametrize("path", ["/", "/members/ARM/", "/api/v1/members"])
def test_viewers_of_different_access_never_share_an_etag(organization: None, path: str) -> None:
    public, delegate, head, secretariat = Client(), Client(), Client(), Client()
    for client, username in ((delegate, "arm.delegate"), (head, "kaz.head"), (secretariat, "secretariat")):
        assert client.login(username=username, password=reference_org.PASSWORD)
    # The same form token's secret for all four, so that only who they are tells their tags apart.
    tags = {}
    for name, client in (("public", public), ("delegate", delegate), ("head", head), ("secretariat", secretariat)):
        client.cookies["csrftoken"] = "s" * 32
        tags[name] = _tagged(client, path)["ETag"]
    assert len(set(tags.values())) == 4
    # A tag of another viewer's page is not this viewer's: the page is rendered, never a 304.
    assert _again(public, path, tags["delegate"]).status_code == 200
    assert _again(delegate, path, tags["public"]).status_code == 200
    assert _again(delegate, path, tags["secretariat"]).status_code == 200
    assert "private" in _again(delegate, path, tags["delegate"])["Cache-Control"]
    # Nor an answer kept for another: the public's is the public's, however often the others asked.
    assert public.get(path)["ETag"] == tags["public"]
    assert delegate.get(path)["ETag"] == tags["delegate"]


def test_the_language_changes_the_etag(public: Client) -> None:
    english = _tagged(public, "/members/")["ETag"]
    public.cookies["django_language"] = "ru"
    russian = _again(public, "/members/", english)
    assert russian.status_code == 200
    assert '<html lang="ru">' in russian.content.decode()
    assert russian["ETag"] != english
    # The API's own choice of language, in the query.
    assert _tagged(public, "/api/v1/members?lang=ru")["ETag"] != _tagged(public, "/api/v1/members?lang=en")["ETag"]


def test_signing_in_changes_the_etag_and_the_form_token(public: Client) -> None:
    anonymous = _tagged(public, "/members/")["ETag"]
    assert public.login(username="arm.delegate", password=reference_org.PASSWORD)
    answer = _again(public, "/members/", anonymous)
    assert answer.status_code == 200
    assert answer.get("ETag") != anonymous


def test_the_query_string_and_an_htmx_request_have_their_own_etags(public: Client) -> None:
    plain = _tagged(public, "/ledger/")["ETag"]
    assert _tagged(public, "/ledger/?before=3")["ETag"] != plain
    assert _tagged(public, "/ledger/", HX_Request="true")["ETag"] != plain


def test_a_missing_page_and_a_refusal_carry_no_etag(public: Client) -> None:
    # A hidden thing answers as a missing one (404): neither is tagged, so no tag tells them apart either.
    for path in ("/members/ZZZ/", "/api/v1/members/ZZZ", "/api/v1/persons"):
        answer = public.get(path)
        assert answer.status_code in (401, 404)
        assert not answer.has_header("ETag")


def test_the_live_stream_and_posts_are_never_tagged(public: Client) -> None:
    assert not conditional.cached_path("/api/v1/events")
    assert not conditional.cached_path("/log/checkpoint")
    posted = public.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert not posted.has_header("ETag")


# The middleware alone, around views that read the clock as pages do.


def _around(view: Callable[[HttpRequest], HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    middleware = AnswerFromLogHead(view)

    def get(etag: str | None = None) -> HttpResponseBase:
        headers = {"If-None-Match": etag} if etag else {}
        return middleware(RequestFactory().get("/a-page/", headers=headers))  # type: ignore[no-any-return]

    return get


def test_an_answer_that_read_the_instant_is_not_tagged(organization: None) -> None:
    get = _around(lambda request: HttpResponse(f"{clock.now():%H:%M:%S}"))
    assert not get().has_header("ETag")


def test_an_answer_that_read_the_day_is_tagged_for_that_day_only(organization: None) -> None:
    rendered: list[str] = []

    def page(request: HttpRequest) -> HttpResponse:
        rendered.append(clock.today().isoformat())
        return HttpResponse(f"today is {rendered[-1]}")

    get = _around(page)
    with time_machine.travel(dt.datetime(2026, 6, 15, 23, 59, tzinfo=dt.UTC), tick=False):
        etag = get()["ETag"]
        assert get(etag).status_code == 304
    with time_machine.travel(dt.datetime(2026, 6, 16, 0, 1, tzinfo=dt.UTC), tick=False):
        answer = get(etag)
    assert isinstance(answer, HttpResponse)
    assert answer.status_code == 200
    assert answer.content == b"today is 2026-06-16"
    assert rendered == ["2026-06-15", "2026-06-16"]


def test_a_304_does_not_render(organization: None) -> None:
    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        rendered.append(1)
        return HttpResponse("the same page")

    get = _around(page)
    etag = get()["ETag"]
    assert get(etag).status_code == 304
    conditional.kept.clear()  # not kept either: rendered again
    assert get('"another"').status_code == 200
    assert len(rendered) == 2


def test_a_kept_answer_is_given_again_without_rendering_and_with_its_tag(organization: None) -> None:
    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        rendered.append(1)
        response = HttpResponse("the same page", content_type="text/plain; charset=utf-8")
        response["Content-Language"] = "en"
        return response

    get = _around(page)
    first = get()
    again = get()
    assert rendered == [1]
    assert isinstance(again, HttpResponse)
    assert (again.status_code, again.content, again["ETag"]) == (200, b"the same page", first["ETag"])
    assert again["Content-Type"] == "text/plain; charset=utf-8"
    assert again["Content-Language"] == "en"
    # An act: the log's version, hence the tag, changes, and the page is rendered again.
    _record_a_public_note(actor=Actor.console(), text="a note")
    assert get()["ETag"] != first["ETag"]
    assert rendered == [1, 1]


def test_an_answer_that_read_the_instant_is_never_kept(organization: None) -> None:
    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        rendered.append(1)
        return HttpResponse(f"{clock.now():%H:%M:%S.%f}")

    get = _around(page)
    get()
    get()
    assert rendered == [1, 1]


def test_an_unconditional_get_after_an_act_shows_it(public: Client) -> None:
    assert '"MNG"' not in _tagged(public, "/api/v1/members").content.decode()
    actions.add_member(actor=Actor.console(), code="MNG", acceded_on="2026-01-15")
    assert '"MNG"' in public.get("/api/v1/members").content.decode()


def test_a_log_of_the_same_size_and_another_head_is_another_version(organization: None) -> None:
    """A database restored, or a demo loaded again, can hold another log of the same size: the kept answers of
    the one before are not this one's."""
    from accord.ledger import log

    class Undone(Exception):
        pass

    seen: list[str] = []

    @action
    def note_then_undo(*, actor: Actor) -> None:
        record(type="test.public_note", actor=actor, body={"text": "one note"}, classification="public")
        seen.append(log.version())
        raise Undone

    before = log.version()
    with pytest.raises(Undone):
        note_then_undo(actor=Actor.console())
    assert log.version() == before
    _record_a_public_note(actor=Actor.console(), text="another note")
    assert seen[0].split(":")[0] == log.version().split(":")[0]  # the same size
    assert seen[0] != log.version()


def test_the_kept_answers_stay_within_their_budget_the_least_recently_used_going_first() -> None:
    kept = conditional.Kept(budget=800)
    for name in ("a", "b", "c", "d"):
        kept.keep(name, HttpResponse(b"x" * 100))
    assert kept.size == 400
    assert kept.answer("a") is not None  # used: "b" is now the least recently used
    for name in ("e", "f", "g", "h", "i"):
        kept.keep(name, HttpResponse(b"x" * 100))
    assert kept.size <= 800
    assert kept.answer("b") is None
    assert kept.answer("a") is not None
    kept.keep("big", HttpResponse(b"x" * 101))  # more than an eighth of the budget: never kept
    assert kept.answer("big") is None


def test_a_stream_and_an_answer_with_its_own_validator_are_left_alone(organization: None) -> None:
    assert not _around(lambda request: StreamingHttpResponse(iter([b"x"])))().has_header("ETag")

    def dated(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("a file")
        response["Last-Modified"] = "Sun, 06 Dec 2026 08:00:00 GMT"
        return response

    assert not _around(dated)().has_header("ETag")


# Parts of a page kept alone (conditional.fragment): a page that reads the instant is never kept whole.


def _with_part(before: Callable[[], object] = lambda: None, part: Callable[[], str] = lambda: "the part",
               ) -> tuple[Callable[..., HttpResponseBase], list[int]]:
    """A page that reads what `before` reads, then shows a part kept alone, then reads the instant."""
    rendered: list[int] = []

    def render() -> str:
        rendered.append(1)
        return part()

    def page(request: HttpRequest) -> HttpResponse:
        before()
        shown = conditional.fragment(request, "test.part", render)
        return HttpResponse(f"{shown} at {clock.now():%H:%M:%S.%f}")

    return _around(page), rendered


def test_a_part_of_a_page_is_kept_until_the_log_grows(organization: None) -> None:
    get, rendered = _with_part()
    first = get()
    assert isinstance(first, HttpResponse)
    assert first.content.startswith(b"the part at ")
    assert not first.has_header("ETag")  # the page read the instant: never kept whole
    again = get()
    assert isinstance(again, HttpResponse)
    assert again.content.startswith(b"the part at ")
    assert rendered == [1]
    _record_a_public_note(actor=Actor.console(), text="a note")
    get()
    assert rendered == [1, 1]


def test_a_part_is_not_kept_after_the_request_read_the_instant(organization: None) -> None:
    # What the view gave the part might depend on the instant.
    get, rendered = _with_part(before=clock.now)
    get()
    get()
    assert rendered == [1, 1]


def test_a_part_that_reads_the_instant_is_not_kept_and_the_page_is_not_tagged(organization: None) -> None:
    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        def render() -> str:
            rendered.append(1)
            return f"{clock.now():%H:%M:%S.%f}"

        return HttpResponse(conditional.fragment(request, "test.clock", render))

    get = _around(page)
    assert not get().has_header("ETag")
    get()
    assert rendered == [1, 1]


def test_a_part_is_kept_for_its_day_only_and_tags_its_page_with_the_day(organization: None) -> None:
    rendered: list[str] = []

    def page(request: HttpRequest) -> HttpResponse:
        def render() -> str:
            rendered.append(clock.today().isoformat())
            return f"today is {rendered[-1]}"

        return HttpResponse(conditional.fragment(request, "test.day", render))

    get = _around(page)
    with time_machine.travel(dt.datetime(2026, 6, 15, 23, 59, tzinfo=dt.UTC), tick=False):
        conditional.kept.clear()  # this page only (the whole page kept would answer before its part)
        etag = get()["ETag"]
        assert get(etag).status_code == 304
    with time_machine.travel(dt.datetime(2026, 6, 16, 0, 1, tzinfo=dt.UTC), tick=False):
        answer = get(etag)
    assert isinstance(answer, HttpResponse)
    assert answer.content == b"today is 2026-06-16"
    assert rendered == ["2026-06-15", "2026-06-16"]


def test_each_viewer_has_parts_of_their_own(organization: None) -> None:
    from accord.members.models import Person

    rendered: list[str] = []

    def page(request: HttpRequest) -> HttpResponse:
        def render() -> str:
            rendered.append(request.user.get_username())
            return f"for {rendered[-1]}"

        return HttpResponse(f"{conditional.fragment(request, 'test.viewer', render)} at {clock.now()}")

    middleware = AnswerFromLogHead(page)
    for username in ("arm.delegate", "kaz.delegate", "arm.delegate", "kaz.delegate"):
        request = RequestFactory().get("/a-page/")
        request.user = Person.objects.get(username=username)
        answer = middleware(request)
        assert isinstance(answer, HttpResponse)
        assert answer.content.startswith(f"for {username} at ".encode())
    assert rendered == ["arm.delegate", "kaz.delegate"]


def test_a_part_is_made_anew_where_nothing_is_kept(organization: None) -> None:
    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        def render() -> str:
            rendered.append(1)
            return "a part"

        return HttpResponse(conditional.fragment(request, "test.post", render))

    middleware = AnswerFromLogHead(page)
    for _ in range(2):
        middleware(RequestFactory().post("/a-page/"))
    assert rendered == [1, 1]


def test_the_dashboard_shows_a_new_act_at_once(delegate: Client) -> None:
    assert delegate.get("/").status_code == 200
    before = delegate.get("/").content.decode()  # its latest acts, rotation and offices kept
    assert conditional.kept.size > 0
    seq = _record_a_public_note(actor=Actor.console(), text="a note")
    after = delegate.get("/").content.decode()
    assert f'id="act-{seq}"' not in before
    assert f'id="act-{seq}"' in after


def test_a_block_watched_within_another_marks_the_enclosing_one_too() -> None:
    with clock.watching() as page:
        with clock.watching() as part:
            clock.today()
        assert part.days
        assert not part.instant
        assert page.days == part.days
        assert clock.watched() is page
        with clock.watching():
            clock.now()
        assert page.instant
    assert clock.watched() is None


def test_a_part_is_made_anew_after_the_session_changed(organization: None) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    rendered: list[int] = []

    def page(request: HttpRequest) -> HttpResponse:
        request.session["zone"] = "Asia/Almaty"  # what the key read of the session is no longer so

        def render() -> str:
            rendered.append(1)
            return f"in {request.session['zone']}"

        return HttpResponse(f"{conditional.fragment(request, 'test.session', render)} at {clock.now()}")

    middleware = AnswerFromLogHead(page)
    for _ in range(2):
        request = RequestFactory().get("/a-page/")
        request.session = SessionStore()
        middleware(request)
    assert rendered == [1, 1]
