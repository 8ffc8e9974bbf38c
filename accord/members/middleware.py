"""The request's user (Django's authentication, its person read once per version of the log), and the gate of a
person whose password someone else set (a one-time password): it reaches nothing until it chose its own."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accord.core.middleware import _Middleware, error_body, is_api
from accord.members.backends import user_of


class Authentication(AuthenticationMiddleware):
    """Django's, the request's person read once per version of the log (accord.members.backends.user_of)."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(partial(user_of, request))  # type: ignore[assignment]


def _open_paths() -> tuple[str, ...]:
    """What such a person may still reach: the page to choose a password, signing out, the language switch
    and the static files the page needs."""
    return (reverse("administration:choose_password"), reverse("web:logout"), "/i18n/", settings.STATIC_URL)


def _gate(request: HttpRequest, user: Any) -> HttpResponseBase | None:
    if not getattr(user, "must_change_password", False) or not user.is_authenticated:
        return None
    if request.path_info.startswith(_open_paths()):
        return None
    if is_api(request):
        reason = "choose a new password first: the one you signed in with was set for you, for one use"
        return JsonResponse(error_body(f"password: {reason}", [
            {"field": "password", "label": "password", "reason": reason}]), status=403)
    return redirect("administration:choose_password")


class OneTimePasswordGate(_Middleware):
    """After the authentication middleware: every page sends such a person to the page to choose its
    password, and the API answers 403 naming the password; sync and async (the live stream) alike."""

    def before(self, request: HttpRequest) -> HttpResponseBase | None:
        return _gate(request, request.user)

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        # In the event loop the user is read without blocking it (request.user would query synchronously).
        answer = _gate(request, await request.auser())
        return answer or await self.get_response(request)
