"""The REST API under /api/v1/ (OpenAPI at /api/v1/openapi.json); errors name the field and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext, gettext_lazy
from ninja import Field, NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from accord.attachments.api import router as attachments_router
from accord.core.api import router as core_router
from accord.core.bodies import JsonObjectParser
from accord.core.errors import AccordError, NotFound
from accord.core.log_api import router as ledger_router
from accord.core.middleware import UnsupportedBody
from accord.core.pages import field_label
from accord.core.schema import Schema
from accord.crises.api import router as crises_router
from accord.decisions.api import router as decisions_router
from accord.documents.api import router as documents_router
from accord.drills.api import router as drills_router
from accord.exercises.api import router as exercises_router
from accord.forces.api import router as forces_router
from accord.meetings.api import router as meetings_router
from accord.members.api import router as members_router
from accord.monitoring.api import router as monitoring_router
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
    "503": "The database is out of reach for a moment (restarted, or its connection lost); nothing was "
           "written; try again after the Retry-After header's seconds",
    "507": "The server's disk is full; nothing was written; try again once the secretariat freed space",
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


# Pydantic's reasons by error type, said as the pages say them, in the request's language (its own messages
# are English). A type not listed keeps pydantic's message: a validator's own text, already ours.
_INTEGER = ("int_parsing", "int_type", "int_from_float", "int_parsing_size")
_NUMBER = ("float_parsing", "float_type", "decimal_parsing", "decimal_type")
_DATE = ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_past",
         "date_future")
_INSTANT = ("datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid")
_BOUNDS = {"greater_than": ("gt", gettext_lazy("must be greater than %(limit)s")),
           "greater_than_equal": ("ge", gettext_lazy("must be at least %(limit)s")),
           "less_than": ("lt", gettext_lazy("must be less than %(limit)s")),
           "less_than_equal": ("le", gettext_lazy("must be at most %(limit)s"))}


def _reason(error: Mapping[str, Any]) -> str:
    """Why pydantic refused a field, in the request's language."""
    kind, context, given = str(error.get("type", "")), error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return gettext("is required")
    if kind in _INTEGER:
        return gettext("must be a whole number")
    if kind in _NUMBER:
        return gettext("must be a number")
    if kind in _DATE:
        return gettext("must be a day, written YYYY-MM-DD")
    if kind in _INSTANT:
        return gettext("must be a date and time, written YYYY-MM-DDTHH:MM with its offset from UTC")
    if kind in ("timezone_aware", "timezone_naive"):
        return gettext("must give its offset from UTC (such as +00:00)")
    if kind in ("bool_parsing", "bool_type"):
        return gettext("must be true or false")
    if kind in ("string_type", "string_unicode"):
        return gettext("must be text")
    if kind == "string_too_long" and isinstance(given, str):
        return gettext("is %(length)d characters long; at most %(limit)d") % {
            "length": len(given), "limit": int(context.get("max_length", 0))}
    if kind == "string_too_short":
        return gettext("must be at least %(limit)s characters long") % {"limit": context.get("min_length", 1)}
    if kind in ("too_long", "too_short"):
        bound = "max_length" if kind == "too_long" else "min_length"
        message = (gettext_lazy("may hold at most %(limit)s items") if kind == "too_long"
                   else gettext_lazy("must hold at least %(limit)s items"))
        return str(message) % {"limit": context.get(bound, 0)}
    if kind in ("literal_error", "enum"):
        return gettext("must be one of: %(choices)s") % {"choices": context.get("expected", "")}
    if kind in _BOUNDS:
        key, message = _BOUNDS[kind]
        return str(message) % {"limit": context.get(key, "")}
    if kind in ("list_type", "tuple_type", "set_type"):
        return gettext("must be a list")
    if kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        return gettext("must be an object")
    if kind == "extra_forbidden":
        return gettext("is not a field this request takes")
    if kind == "json_invalid":
        return gettext("is not valid JSON")
    return str(error.get("msg", gettext("is invalid")))


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    # Each field by its label and why, as the pages say it, in the request's language.
    errors = [_named(_field(list(e.get("loc", []))), _reason(e)) for e in error.errors]
    detail = "; ".join(f"{e['label']}: {e['reason']}" for e in errors) or gettext("invalid input")
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


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
api.add_router("/", drills_router)
api.add_router("/", attachments_router)
api.add_router("/", monitoring_router)
api.add_router("/decisions", decisions_router)
api.add_router("/", search_router)
