"""Signed acts from outside the server: a statement signed on the actor's own machine or browser.

Each app registers, per act type, how a signed statement's body becomes a call of its action; the
action then rebuilds the statement itself and refuses it unless it is exactly what was signed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from accord.core.acting import Actor, Signed
from accord.core.errors import InvalidInput

Adapter = Callable[[Actor, Signed, Mapping[str, Any]], Any]
_ADAPTERS: dict[str, Adapter] = {}


def register(act_type: str, adapter: Adapter) -> None:
    _ADAPTERS[act_type] = adapter


def signable_types() -> list[str]:
    return sorted(_ADAPTERS)


def submit(actor: Actor, statement: Mapping[str, Any], signed: Signed) -> Any:
    act_type = statement.get("type")
    adapter = _ADAPTERS.get(str(act_type))
    if adapter is None:
        raise InvalidInput("statement.type", f"{act_type!r} is not an act that can be signed here")
    body = statement.get("body")
    if not isinstance(body, Mapping):
        raise InvalidInput("statement.body", "a signed statement submitted here must carry its body")
    try:
        return adapter(actor, signed, body)
    except KeyError as missing:
        raise InvalidInput(f"statement.body.{missing.args[0]}", "is required") from None
