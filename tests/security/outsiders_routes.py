"""Every route of the site, derived from Django's URL resolver and the API's OpenAPI schema, and how to call it.

Nobody lists routes here: a new page or API operation is called by the outsider test as soon as it exists.
What a new route may need is a filler for a path parameter this module has never seen: `FILLERS` is the one
place that says, for a parameter, which id names a public thing, a members-only one, a participants-only one
and a missing one in the outsiders' world.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from outsiders_world import Level

from accord.api import api

API_PREFIX = "/api/v1/"
PUBLIC, MEMBERS, PARTICIPANTS, MISSING = "public", "members", "participants", "missing"
LEVELS = (PUBLIC, MEMBERS, PARTICIPANTS, MISSING)
MISSING_ID = 987_654
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\{(?:\w+:)?(?P<api_name>\w+)\}")


@dataclass(frozen=True)
class Surface:
    """One way in: a method on a route template (`/crises/{pk}/`), a page or an API operation."""

    method: str
    template: str
    parameters: tuple[tuple[str, str], ...]  # (the literal segment before it, its name), in order
    body_schema: dict[str, Any] | None = None
    body_type: str = ""
    probe: str = ""  # an act type sent to the signed door, naming a thing of each level (SIGNED_PROBES)

    @property
    def is_api(self) -> bool:
        return self.template.startswith(API_PREFIX) and self.body_type != "page"

    def __str__(self) -> str:
        return f"{self.method} {self.template}" + (f" [{self.probe}]" if self.probe else "")

    def path(self, values: dict[str, str]) -> str:
        path = self.template
        for _, name in self.parameters:
            path = path.replace("{" + name + "}", values[name])
        return path


def _parameters(template: str) -> tuple[tuple[str, str], ...]:
    found = []
    for match in re.finditer(r"\{(\w+)\}", template):
        before = [s for s in re.sub(r"\{\w+\}", "", template[: match.start()]).split("/") if s]
        found.append((before[-1] if before else "", match.group(1)))
    return tuple(found)


def _walk(resolver: URLResolver, prefix: str = "/") -> Iterator[str]:
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        text = str(pattern)
        if isinstance(pattern, RegexPattern) and pattern.regex.groups:
            raise AssertionError(f"a regular-expression route the test cannot fill: {prefix}{text}")
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + text)
        elif isinstance(entry, URLPattern):
            yield prefix + text


def _as_template(django_route: str) -> str:
    """`crises/<int:pk>/` as `/crises/{pk}/`, the form OpenAPI uses."""
    return _PARAMETER.sub(lambda m: "{" + (m.group("name") or m.group("api_name")) + "}", django_route)


@cache
def _schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def surfaces() -> list[Surface]:
    """Every page (GET, and POST as a form would) and every OpenAPI operation with its request body."""
    schema = _schema()
    operations = schema["paths"]
    found: list[Surface] = []
    for route in _walk(get_resolver()):
        template = _as_template(route)
        if template in operations:
            continue  # an API operation: called below with the methods its schema names
        for method in ("GET", "POST"):
            found.append(Surface(method, template, _parameters(template), body_type="page"))
    for template, methods in operations.items():
        for method, operation in methods.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            body_type = next(iter(content), "")
            body = content[body_type]["schema"] if body_type else None
            found.append(Surface(method.upper(), template, _parameters(template), body, body_type))
            if template == SIGNED_DOOR:
                found.extend(Surface("POST", template, (), body, body_type, probe) for probe in SIGNED_PROBES)
    return found


# The signed door takes a statement naming things in its body, not in its path: a junk signature by a
# registered key (key ids are public) over a statement naming a thing of each level must be answered
# alike, whatever it names, and must never show what the act would have recorded.
SIGNED_DOOR = API_PREFIX + "acts"
SIGNED_PROBES: dict[str, tuple[str, str, Callable[[Any, int], dict[str, Any]]]] = {
    # (the key's holder, the thing named, the body naming it, given that level's things: None if missing)
    "crises.lesson_validated": ("secretariat", "lesson", lambda things, n: {
        "crisis": things.crisis if things else n, "lesson": n, "text": ""}),
    "crises.letter_sent": ("secretariat", "crisis", lambda things, n: {
        "crisis": n, "kind": "report", "reference": "", "at": "2022-01-06T12:00:00+00:00"}),
    "decisions.position_lodged": ("kaz.delegate", "proposal", lambda things, n: {
        "proposal": n, "member": "KAZ", "stance": "join"}),
    "meetings.session_opened": ("secretariat", "session", lambda things, n: {"session": n}),
}


def probe_body(surface: Surface, world: Any, call: Call) -> dict[str, Any]:
    from django.conf import settings

    from accord_verify import entries

    signer, attribute, body = SIGNED_PROBES[surface.probe]
    member = "KAZ" if signer.startswith("kaz.") else None
    things = world.levels.get(call.level)
    statement = entries.statement(log=settings.LOG_ORIGIN, type=surface.probe, member=member, person=signer,
                                  classification="public", body=body(things, int(call.values[attribute])),
                                  nonce="0123456789abcdef" * 2)
    junk = base64.b64encode(bytes(64)).decode()
    return {"statement": statement, "signature": {"key": world.keys[signer], "sig": junk}}


def api_routes_outside_the_schema() -> list[str]:
    """Django routes under the API prefix that the OpenAPI schema does not describe (its own pages)."""
    operations = _schema()["paths"]
    templates = map(_as_template, _walk(get_resolver()))
    return [t for t in templates if t.startswith(API_PREFIX) and t not in operations]


# Path parameters: (the literal segment before it, its name) -> a filler.


@dataclass(frozen=True)
class Filler:
    """How to name a thing of each classification. `sealed`: the members' and participants' things are
    hidden from whoever may not see them (a missing one must look the same); otherwise they exist
    openly (a sealed ledger entry's public part) and are only read for canaries."""

    pick: Callable[[Any, str | None, str], str | None]  # (world, persona's username, level) -> the value
    sealed: bool | tuple[str, ...] = True  # or the levels at which the thing is hidden
    ambient: bool = False  # the same for every level: another parameter decides what is named


def _level(attribute: str, sealed: bool | tuple[str, ...] = True) -> Filler:
    # Each kind of thing has its own missing id, so that an answer naming two of them reads unambiguously.
    missing = MISSING_ID + sorted(vars(Level())).index(attribute)

    def pick(world: Any, username: str | None, level: str) -> str | None:
        if level == MISSING:
            return str(missing)
        value = getattr(world.levels[level], attribute)
        return None if value is None else str(value)

    return Filler(pick, sealed)


def _constant(value: str, missing: str | None = None, *, ambient: bool = False) -> Filler:
    return Filler(lambda world, username, level: (missing or value) if level == MISSING
                  else value if level == PUBLIC or ambient else None, sealed=False, ambient=ambient)


def _feed_user(world: Any, username: str | None, level: str) -> str | None:
    # One's own feed when signed in; someone's feed with a wrong token must answer as no one's.
    return {PUBLIC: username or "kaz.head", PARTICIPANTS: "rus.head", MISSING: "no.such.person"}.get(level)


def _feed_token(world: Any, username: str | None, level: str) -> str | None:
    from accord.core.calendar import feed_token

    if level == PUBLIC:
        return feed_token(username or "kaz.head") if username else "0" * 32
    return "0" * 32 if level in (PARTICIPANTS, MISSING) else None


def _entry(world: Any, username: str | None, level: str) -> str | None:
    if level == MISSING:
        return str(MISSING_ID)
    return str(world.levels[level].entry)


def _checkpoint_size(world: Any, username: str | None, level: str) -> str | None:
    from accord.ledger.models import Entry

    return {PUBLIC: str(Entry.objects.count()), MISSING: str(MISSING_ID)}.get(level)


def _tile(prefix: str) -> Filler:
    """The first tile (or entry bundle) of the log, whole or as far as the log goes; a tile far beyond it."""

    def pick(world: Any, username: str | None, level: str) -> str | None:
        from accord.ledger.models import Entry

        count = Entry.objects.count()
        first = "000" if count >= 256 else f"000.p/{count}"
        return {PUBLIC: prefix + first, MISSING: prefix + "x999/999"}.get(level)

    return Filler(pick, sealed=False)


FILLERS: dict[tuple[str, str], Filler] = {
    ("crises", "pk"): _level("crisis"),
    ("pledges", "pledge"): _level("pledge"),
    ("lessons", "lesson"): _level("lesson"),
    ("forces", "pk"): _level("force"),
    ("exercises", "pk"): _level("exercise"),
    ("monitoring", "pk"): _level("theme"),
    ("themes", "pk"): _level("theme"),
    ("indicators", "pk"): _level("indicator"),
    ("consultations", "pk"): _level("consultation"),
    ("drills", "pk"): _level("drill"),
    # The drill (its pk) decides what is named; a number no page holds otherwise (not the viewport's "1").
    ("injects", "inject"): _constant("424242", ambient=True),
    ("offices", "code"): _constant("SG", "NO-SUCH-OFFICE"),
    ("letters", "kind"): _constant("notification", ambient=True),
    ("decisions", "proposal_id"): _level("proposal"),
    ("decisions", "decision_id"): _level("decision"),
    ("documents", "pk"): _level("document"),
    ("documents", "document_id"): _level("document"),
    ("amendments", "amendment"): _level("amendment"),
    ("amendments", "amendment_id"): _level("amendment"),
    ("versions", "number"): _constant("1", ambient=True),
    ("sessions", "session_id"): _level("session"),
    # A closed part's existence shows in its session; writing into it is refused as into a missing part.
    ("parts", "part_id"): _level("part"),
    ("items", "item_id"): _level("item"),
    ("statements", "statement_id"): _level("statement"),
    ("bilaterals", "bilateral_id"): _level("bilateral"),
    ("files", "attachment_id"): _level("attachment"),
    ("attachments", "attachment_id"): _level("attachment"),
    ("calendar", "username"): Filler(_feed_user),
    ("calendar", "token"): Filler(_feed_token, ambient=False),
    ("members", "code"): _constant("KAZ", "ZZZ"),
    ("bodies", "code"): _constant("CSC", "ZZZ"),
    ("seats", "username"): _constant("kaz.head", "no.such.person", ambient=True),
    ("persons", "username"): _constant("kaz.delegate", "no.such.person"),
    ("people", "username"): _constant("kaz.delegate", "no.such.person"),
    ("chairmanship", "name"): _constant("handover", "no-such-act", ambient=True),
    ("keys", "key_id"): Filler(lambda world, username, level: world.key_id if level == PUBLIC
                               else "ed25519:0000000000000000" if level == MISSING else None, sealed=False),
    ("ledger", "seq"): Filler(_entry, sealed=False),
    ("entries", "seq"): Filler(_entry, sealed=False),
    # An act's sources and certainty are as hidden as the act (a members' entry's, like a missing one's).
    ("provenance", "seq"): Filler(_entry),
    ("checkpoints", "size"): Filler(_checkpoint_size, sealed=False),
    # The log as C2SP tiles: public by nature (a sealed act's public part is all a bundle holds).
    ("entries", "path"): _tile(""),
    ("tile", "path"): _tile("0/"),
}
# The sealed part of an entry is hidden as its thing is: there a members' entry and a missing one look alike.
ROUTE_FILLERS: dict[tuple[str, str], Filler] = {
    (API_PREFIX + "log/entries/{seq}/sealed", "seq"): Filler(_entry),
    # Annotating an act: a hidden act is refused as a missing one (its entry's page shows its public part).
    ("/ledger/{seq}/annotate/", "seq"): Filler(_entry),
}


def filler(surface: Surface, parameter: tuple[str, str]) -> Filler | None:
    return ROUTE_FILLERS.get((surface.template, parameter[1])) or FILLERS.get(parameter)


def unfillable(all_surfaces: list[Surface]) -> list[str]:
    return sorted({f"{s.template}: {{{name}}} after {segment!r}" for s in all_surfaces
                   for segment, name in s.parameters if filler(s, (segment, name)) is None})


# The pages' query parameters, which no schema declares: each variant is read besides the bare page.
PAGE_QUERIES: dict[str, tuple[str, ...]] = {
    "/meetings/calendar/": ("?month=2022-05", "?month=2022-06"),
    "/meetings/sessions/{session_id}/minutes/": ("?format=pdf", "?version=public", "?version=public&format=pdf"),
    "/acts/rows/": ("?after=-1",),
    "/ledger/rows/": ("?after=-1",),
    "/ledger/": tuple(f"?page={n}" for n in range(2, 8)),
}
# Values for the API's query parameters (the schema names them): the whole log, a day in the world.
QUERY_VALUES: dict[str, str] = {"since": "0", "start": "0", "first": "1", "second": "1", "on": "2022-05-16"}


def queries_of(surface: Surface) -> tuple[str, ...]:
    if surface.body_type == "page":
        return ("", *PAGE_QUERIES.get(surface.template, ()))
    operation = _schema()["paths"][surface.template][surface.method.lower()]
    wanted = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
              and (p.get("required") or p["name"] in QUERY_VALUES)]
    if not wanted:
        return ("",)
    return ("?" + "&".join(f"{name}={QUERY_VALUES.get(name, '1')}" for name in wanted),)


@dataclass(frozen=True)
class Call:
    """One request of a surface: the level its parameters name, and whether that thing is hidden."""

    level: str
    values: dict[str, str]
    hidden: bool


def calls(surface: Surface, world: Any, username: str | None, sees: Callable[[str], bool]) -> list[Call]:
    """The surface called on a public thing, on each members' or participants' thing (hidden when the
    persona may not see it), and on a missing one; a level at which the thing does not exist is skipped."""
    if surface.probe:
        attribute = SIGNED_PROBES[surface.probe][1]
        pick = _level(attribute).pick
        # A junk signature proves nothing: whatever the statement names, even a public thing, is as missing.
        return [Call(level, {attribute: value}, level != MISSING) for level in LEVELS
                if (value := pick(world, username, level)) is not None]
    if not surface.parameters:
        return [Call(PUBLIC, {}, False)]
    result = []
    for level in LEVELS:
        values: dict[str, str] = {}
        hidden, identifies = False, False
        for parameter in surface.parameters:
            fill = filler(surface, parameter)
            assert fill is not None, f"no filler for {parameter} of {surface}: add one to FILLERS"
            value = fill.pick(world, username, level)
            if value is None:
                break
            values[parameter[1]] = value
            identifies = identifies or not fill.ambient
            sealed = fill.sealed if isinstance(fill.sealed, bool) else level in fill.sealed
            hidden = hidden or (sealed and level in (MEMBERS, PARTICIPANTS) and not sees(level))
        else:
            if identifies or level == PUBLIC:
                result.append(Call(level, values, hidden))
    return result


# Request bodies: the smallest body the schema accepts, with values that look like the real thing.

HINTS: dict[str, Any] = {
    "language": "ru", "body": "CSC", "member": "KAZ", "delegation": "KAZ", "requester": "KAZ",
    "counterpart": "RUS", "host": "KAZ", "commander_body": "CMD", "speaker": "kaz.head", "code": "KAZ",
    "username": "kaz.delegate", "person": "kaz.delegate", "stance": "join", "outcome": "adopted",
    "presence": "in_person", "capability": "airborne_unit", "phase": "alerted", "legal_basis": "aggression",
    "response": "consultations", "classification": "public", "kind": "notification",
    "public_key": "MCowBQYDK2VwAyEA" + "A" * 27 + "=",
}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def example(schema: dict[str, Any], components: dict[str, Any], name: str = "") -> Any:
    schema = _resolve(schema, components)
    if "enum" in schema:
        return HINTS[name] if HINTS.get(name) in schema["enum"] else schema["enum"][0]
    if "anyOf" in schema:
        options = [option for option in schema["anyOf"] if option.get("type") != "null"]
        return example(options[0], components, name) if options else None
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {key: example(value, components, key) for key, value in schema.get("properties", {}).items()
                if key in required or key in HINTS}
    if kind == "array":
        return [example(schema.get("items", {}), components, name)] * schema.get("minItems", 0)
    if kind == "integer" or kind == "number":
        return 1
    if kind == "boolean":
        return True
    if schema.get("format") == "date-time":
        return "2022-05-16T10:00:00+00:00"
    if schema.get("format") == "date":
        return "2022-05-16"
    return HINTS.get(name, "x")


def body_of(surface: Surface) -> Any:
    if surface.body_schema is None:
        return None
    return example(surface.body_schema, _schema().get("components", {}).get("schemas", {}))
