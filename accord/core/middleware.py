"""What every request goes through first: input no action can store is refused, and /api/ answers JSON.

Two middlewares, so that no view has to remember either: `ApiAnswersJson` turns every error answer under
/api/ (Django's 404 for an unknown path, ninja's 405, a server error's 500) into the API's error body,
and `RefuseUnreadableInput` refuses, before any view reads it, a request too large to read, a NUL byte in
the URL or the query, and a body with text that cannot be stored (accord.core.text).
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.http.multipartparser import MultiPartParserError

from accord.core import once, text, translations
from accord.core.errors import AccordError, InvalidInput

log = logging.getLogger(__name__)
API_PREFIX = "/api/"
JSON_TYPES = ("application/json",)


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_body(detail: str, errors: list[dict[str, str]]) -> dict[str, Any]:
    """The API's one error body: what went wrong, and each field with its reason."""
    return {"detail": detail, "errors": errors}


def error_response(request: HttpRequest, error: AccordError) -> HttpResponse:
    if is_api(request):
        return JsonResponse(error_body(str(error), [error.as_dict()]), status=error.status)
    return HttpResponse(f"{error}\n", status=error.status, content_type="text/plain; charset=utf-8")


class PayloadTooLarge(AccordError):
    status = 413


class UnsupportedBody(AccordError):
    status = 415


def _generic_error(request: HttpRequest, response: HttpResponseBase) -> JsonResponse:
    status = response.status_code
    if status == 404:
        errors = [{"field": "path", "label": "path", "reason": "no such resource"}]
    elif status == 405:
        allowed = response.get("Allow", "")
        errors = [{"field": "method", "label": "method",
                   "reason": f"{request.method} is not allowed here; allowed: {allowed}"}]
    else:
        errors = []
    try:
        detail = HTTPStatus(status).phrase.lower()
    except ValueError:
        detail = "error"
    answer = JsonResponse(error_body(detail, errors), status=status)
    if "Allow" in response:
        answer["Allow"] = response["Allow"]
    return answer


class _Middleware:
    """Both a sync and an async middleware, so that an async view (the live stream) stays in its loop:
    `before` may answer instead of the view, `after` may replace the answer; neither does I/O."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        return None

    def after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        return response

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self._acall(request)
        answer = self.before(request)
        if answer is None:
            answer = self.get_response(request)
        return self.after(request, answer)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        answer = self.before(request)
        if answer is None:
            answer = await self.get_response(request)
        return self.after(request, answer)


class ApiAnswersJson(_Middleware):
    """Every answer under /api/ is JSON: an error that Django or ninja answered in HTML is rewritten."""

    def after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if (
            is_api(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(JSON_TYPES)
        ):
            return _generic_error(request, response)
        return response


class HeadAsGet(_Middleware):
    """HEAD is answered as GET would be, without the body (RFC 9110, 9.3.2): a link checker or a download
    manager asking a PDF's type and size gets them, from every page and API answer, without each view
    allowing HEAD on its own. And a 304, to either, says no length of a body."""

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        if request.method == "HEAD":
            request.method = "GET"
            request.accord_head = True  # type: ignore[attr-defined]  # read back by `after`
        return None

    def after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code == 304:
            # A 304 (accord.core.conditional) has no body, and says no length (RFC 9110, 8.6): Django's
            # CommonMiddleware, below this one, gave it its empty body's.
            response.headers.pop("Content-Length", None)
        if not getattr(request, "accord_head", False):
            return response
        request.method = "HEAD"
        if response.status_code == 304:
            return response
        if isinstance(response, HttpResponse):
            response["Content-Length"] = str(len(response.content))
            response.content = b""
            return response
        # A stream (the live events, a file) is not started: its headers alone.
        headers = HttpResponse(status=response.status_code)
        for name, value in response.items():
            headers[name] = value
        response.close()
        return headers


def max_request_bytes(content_type: str) -> int:
    """The largest body read for this content type: an upload's, or any other body's (settings.py)."""
    if content_type == "multipart/form-data":
        return int(settings.ACCORD_MAX_UPLOAD_BYTES)
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _check_size(request: HttpRequest) -> None:
    """By the declared length, before anything reads the body; Django's own check stands behind it for a
    body that declares none."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(declared)
    except ValueError:
        raise InvalidInput("Content-Length", "is not a number") from None
    limit = max_request_bytes(request.content_type or "")
    if length > limit:
        raise PayloadTooLarge("body", f"is larger than {limit} bytes")


def _check_url(request: HttpRequest) -> None:
    if "\x00" in request.path:
        raise InvalidInput("path", "contains a NUL character")
    for key, values in request.GET.lists():
        for value in (key, *values):
            if reason := text.refusal(key, value):
                raise InvalidInput(key, reason)


def _body(request: HttpRequest) -> bytes:
    try:
        return request.body
    except RequestDataTooBig:
        raise PayloadTooLarge("body", f"is larger than {max_request_bytes('')} bytes") from None


def _check_body(request: HttpRequest) -> None:
    content_type = request.content_type or ""
    if request.method not in ("POST", "PUT", "PATCH") or not content_type:
        return
    if content_type.startswith(JSON_TYPES) and is_api(request):
        try:
            data = json.loads(_body(request))
        except ValueError:
            return  # the API's parser names the body as not JSON
        text.check_all(data)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = request.POST
        except RequestDataTooBig:
            raise PayloadTooLarge("body", f"is larger than {max_request_bytes(content_type)} bytes") from None
        except (MultiPartParserError, SuspiciousOperation):
            raise InvalidInput("body", "is not a readable form") from None
        for key, values in form.lists():
            for value in (key, *values):
                if reason := text.refusal(key, value):
                    raise InvalidInput(key, reason)


class RefuseUnreadableInput(_Middleware):
    """Refuse what no view can read or store, naming the field, before any view reads the request."""

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        try:
            _check_size(request)
            _check_url(request)
            _check_body(request)
        except AccordError as error:
            return error_response(request, error)
        return None


class ApiLanguage(_Middleware):
    """`?lang=fr` on an API request: every translatable field answers in that language only (with the
    default's text, under its own code, where a translation is missing); without it, in every language."""

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        asked = request.GET.get("lang") if is_api(request) else None
        if asked is None:
            return None
        try:
            code = translations.language_code(asked, "lang")
        except AccordError as error:
            return error_response(request, error)
        request._accord_api_language = translations.set_api_language(code)  # type: ignore[attr-defined]
        return None

    def after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        token = getattr(request, "_accord_api_language", None)
        if token is not None:
            translations.reset_api_language(token)
        return response


class ReadOnce(_Middleware):
    """The organization's charter and languages read once per request, when first asked for
    (accord.core.once: a document's page read the languages three times, the meetings' list the charter
    three times)."""

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        request._accord_read_once = once.open_request()  # type: ignore[attr-defined]
        return None

    def after(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        once.close_request(request._accord_read_once)  # type: ignore[attr-defined]
        return response
