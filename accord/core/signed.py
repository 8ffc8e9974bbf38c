"""Signed acts from outside the server: a statement signed on the actor's own machine or browser.

The door checks the signature before anything else (`signer_of`): an act's adapter and action, which look
up what the statement names, run only for a statement its actor's own key signed. Each app registers, per
act type, how a signed statement's body becomes a call of its action; the action then rebuilds the
statement itself and refuses it unless it is exactly what was signed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from accord.core.acting import Actor, Drafted, Signed, drafting, signing_key, verified_at_door
from accord.core.errors import InvalidInput
from accord_verify import entries

if TYPE_CHECKING:
    from accord.members.models import Person

Adapter = Callable[[Actor, Signed, Mapping[str, Any]], Any]
_ADAPTERS: dict[str, Adapter] = {}


def register(act_type: str, adapter: Adapter) -> None:
    _ADAPTERS[act_type] = adapter


def signable_types() -> list[str]:
    return sorted(_ADAPTERS)


def adapter_of(act_type: str) -> Adapter | None:
    """The adapter of a signable act type; the log's replay (accord.core.replay) runs acts through it too."""
    return _ADAPTERS.get(act_type)


def signer_of(statement: Mapping[str, Any], key_id: str, sig: str) -> Person:
    """The person whose registered, unrevoked key signed `statement` exactly as given, and who is the actor
    it names; anything else is refused as a bad key or a bad signature, and nothing more is said.

    Key ids and who holds them are public, so the checks read nothing but the key; what the statement
    names is looked up only once its signer is known, by the action, as that signer may see it.
    """
    actor = statement.get("actor")
    key = signing_key(key_id, actor.get("person") if isinstance(actor, Mapping) else None)
    verified_at_door(statement, sig, key)
    return key.person


def submit(actor: Actor, statement: Mapping[str, Any], signed: Signed) -> Any:
    act_type = statement.get("type")
    adapter = _ADAPTERS.get(str(act_type))
    if adapter is None:
        raise InvalidInput("statement.type", f"{act_type!r} is not an act that can be signed here")
    try:
        return adapter(actor, signed, _body_of(statement))
    except KeyError as missing:
        raise InvalidInput(f"statement.body.{missing.args[0]}", "is required") from None


def draft(actor: Actor, statement: Mapping[str, Any]) -> dict[str, Any]:
    """The whole statement `actor` is to sign for an act, as its action builds it: from `statement`'s type
    and body (and its classification, where the act takes it from the statement), the action adds the
    log, the actor, the member state and the audience. The action runs every check it makes, as it would
    for the signed act, and records nothing. The statement keeps `statement`'s nonce, or gets a new one.
    """
    nonce = statement.get("nonce")
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 64:
        nonce = entries.new_nonce()
    # No key and no signature: record() stops at the statement, before it would check them.
    unsigned = Signed(key="", sig="", nonce=nonce, statement={**statement, "nonce": nonce})
    with drafting():
        try:
            submit(actor, statement, unsigned)
        except Drafted as drafted:
            return drafted.statement
    raise RuntimeError(f"the action of {statement.get('type')!r} recorded no act")


def _body_of(statement: Mapping[str, Any]) -> Mapping[str, Any]:
    """The body the act is to record: the statement's own. Every statement is signed whole, body included,
    whatever its classification; the ledger keeps a non-public one out of the public log."""
    if "body" not in statement:
        raise InvalidInput("statement.body", "is required: a statement is signed whole, body included, "
                                             "whatever its classification")
    if not isinstance(statement["body"], Mapping):
        raise InvalidInput("statement.body", "must be an object")
    return statement["body"]


def number(body: Mapping[str, Any], name: str) -> int:
    """A body's field that names something by its number: a whole number, or refused at the field
    (a text there would otherwise reach the database and fail as a server error)."""
    value = body[name]
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(f"statement.body.{name}", f"{value!r} is not a number")
    return value
