"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json); errors name the field and why."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from accord.core.api import router as core_router
from accord.core.bodies import JsonObjectParser
from accord.core.errors import AccordError, NotFound
from accord.core.log_api import router as ledger_router
from accord.core.middleware import UnsupportedBody
from accord.core.pages import field_label
from accord.crises.api import router as crises_router
from accord.decisions.api import router as decisions_router
from accord.documents.api import router as documents_router
from accord.exercises.api import router as exercises_router
from accord.forces.api import router as forces_router
from accord.meetings.api import router as meetings_router
from accord.members.api import router as members_router
from accord.search.api import router as search_router


class FieldErrorOut(Schema):
    field: str = Field(..., description="The field, dotted (`signature.sig`), or `body`, `path`, `method`")
    label: str = Field(..., description="What a person calls the field, as the pages label it, in the "
                                        "request's language; the field itself where no page shows it")
    reason: str = Field(..., description="Why, in the request's language")


class ErrorOut(Schema):
    """Every error the API answers, 4xx and 5xx alike."""

    detail: str
    errors: list[FieldErrorOut]


# What each error status means here; every operation may answer these (401 where it needs a session,
# 413 and 415 where it takes a body).
ERRORS = {
    "400": "Bad input (the field and why); nothing was written",
    "401": "Not signed in",
    "403": "Signed in, but not allowed to do this; nothing was written",
    "404": "No such thing, or one the viewer may not see: the two answer alike",
    "405": "The method is not allowed on this path",
    "409": "In conflict with the current state; nothing was written",
    "413": "The request body is larger than the server reads, refused before it is read",
    "415": "The body is not a JSON object sent as application/json",
    "422": "The input does not match the schema (each field and why)",
    "500": "A fault of the server; nothing was written",
}


def _errors() -> dict[str, str]:
    limits = (f"; this server reads at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes of a JSON body "
              f"and {settings.ACCORD_MAX_UPLOAD_BYTES} bytes of a request with an upload")
    return {**ERRORS, "413": ERRORS["413"] + limits}


class AccordAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["FieldErrorOut"] = FieldErrorOut.model_json_schema()
        components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        components["ErrorOut"].pop("$defs", None)
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, description in _errors().items():
                    if status == "401" and not operation.get("security"):
                        continue
                    if status in ("413", "415") and "requestBody" not in operation:
                        continue
                    operation["responses"].setdefault(status, {"description": description, **error})
        return schema


api = AccordAPI(
    title="Accord",
    version="1",
    description=(
        "The organization's registry, its verifiable log of acts, and live events. Every answer is JSON; "
        "an error is `{detail, errors: [{field, label, reason}]}`: the field, what the pages call it in the "
        "request's language, and why. A body is one JSON object sent as "
        "application/json; its size is limited (see the 413 answers and docs/operator.md). The same log is "
        "also served outside this API as C2SP tlog-tiles, for standard tools: `/log/checkpoint`, "
        "`/log/tile/<L>/<N>[.p/<W>]` and `/log/tile/entries/<N>[.p/<W>]` (docs/ledger.md)."
    ),
    urls_namespace="api",
    parser=JsonObjectParser(),
)


def _field(loc: list[str | int]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def _named(field: str, reason: str, package: str = "") -> dict[str, str]:
    return {**AccordError(field, reason).as_dict(), "label": field_label(field, package) or field}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    # A missing field is said as the pages say it; pydantic's other reasons stay its own (in English).
    errors = [_named(_field(list(e.get("loc", []))),
                     gettext("is required") if e.get("type") == "missing" else e.get("msg", "is invalid"))
              for e in error.errors]
    return api.create_response(request, {"detail": gettext("invalid input"), "errors": errors}, status=422)


@api.exception_handler(AccordError)
def on_accord_error(request: HttpRequest, error: AccordError) -> HttpResponse:
    named = _named(error.field, str(error.reason), error.package)
    return api.create_response(
        request, {"detail": f"{named['label']}: {named['reason']}", "errors": [named]}, status=error.status
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "sign in first", "errors": [{"field": "session", "reason": "not signed in"}]},
        status=401,
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if isinstance(error.__cause__, AccordError):  # ninja wraps what the body's parser refused
        return on_accord_error(request, error.__cause__)
    return api.create_response(request, {"detail": str(error), "errors": []}, status=error.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return on_accord_error(request, NotFound("path", "no such resource"))


@api.exception_handler(RawPostDataException)
def on_form_body(request: HttpRequest, error: RawPostDataException) -> HttpResponse:
    # A form or multipart body that the CSRF check read already, sent where a JSON object is expected.
    return on_accord_error(request, UnsupportedBody("body", "must be a JSON object sent as application/json"))


api.add_router("/", core_router)
api.add_router("/log", ledger_router)
api.add_router("/", members_router)
api.add_router("/documents", documents_router)
api.add_router("/meetings", meetings_router)
api.add_router("/", crises_router)
api.add_router("/", forces_router)
api.add_router("/", exercises_router)
api.add_router("/decisions", decisions_router)
api.add_router("/", search_router)
