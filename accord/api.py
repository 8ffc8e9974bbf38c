"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json); errors name the field and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accord.core.api import router as core_router
from accord.core.errors import AccordError
from accord.crises.api import router as crises_router
from accord.decisions.api import router as decisions_router
from accord.documents.api import router as documents_router
from accord.ledger.api import router as ledger_router
from accord.meetings.api import router as meetings_router
from accord.members.api import router as members_router

api = NinjaAPI(
    title="Accord",
    version="1",
    description=(
        "The organization's registry, its verifiable log of acts, and live events. The same log is also "
        "served outside this API as C2SP tlog-tiles, for standard tools: `/log/checkpoint`, "
        "`/log/tile/<L>/<N>[.p/<W>]` and `/log/tile/entries/<N>[.p/<W>]` (docs/ledger.md)."
    ),
    urls_namespace="api",
)


def _field(loc: list[str | int]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [{"field": _field(list(e.get("loc", []))), "reason": e.get("msg", "is invalid")}
              for e in error.errors]
    return api.create_response(request, {"detail": "invalid input", "errors": errors}, status=422)


@api.exception_handler(AccordError)
def on_accord_error(request: HttpRequest, error: AccordError) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(error), "errors": [error.as_dict()]}, status=error.status
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "sign in first", "errors": [{"field": "session", "reason": "not signed in"}]},
        status=401,
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(error), "errors": []}, status=error.status_code)


api.add_router("/", core_router)
api.add_router("/log", ledger_router)
api.add_router("/", members_router)
api.add_router("/documents", documents_router)
api.add_router("/meetings", meetings_router)
api.add_router("/", crises_router)
api.add_router("/decisions", decisions_router)
