"""The log's replay: how each act type's logged entry runs its action again, and the run that does it.

The domain state is the log's replay. `accord audit` runs every logged act again, in order, through its
own action, in a scratch database, and compares every domain table with the served one. For that, every
act type that an action records **declares how it is replayed**, in its app's `replay.py` (found by
`discover`, as Django's admin finds `admin.py`):

- `declare(type, replayer)`: `replayer(actor, signed, body, statement)` calls the action that records
  `type`, with the arguments the logged body gives. `actor` is the statement's (the person by username;
  the console when the person is null), `signed` the logged signature (None for an unsigned entry),
  `statement` the whole logged statement (a sealed act's opened), for what is not in the body (its
  classification, its audience).
- `declare_signed(type, ...)`: replayed by the adapter that runs a signed submission of that type
  (`accord.core.signed`), which already turns a body into a call of the action.
- `declare_compound((type, ...), replayer, matches)`: an action that records several entries in one act
  (one records another app's act as a `step`): when the log holds those types in a row and
  `matches(statements)`, `replayer(actor, signed, statements)` runs that action once for all of them.

The action itself does the rest: inside a replay `record()` takes the next logged entry's nonce, time
and salt, and refuses the act unless it records exactly that entry again (`accord.core.replaying`), and
`accord.core.clock` gives the act the logged entry's time as its instant. An act type with no declaration
stops the replay at its first entry, and `tests/core/test_replay.py` fails for any act type that an
action records without one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

from accord.core import clock, drill, replaying, signed, startup
from accord.core.acting import Actor, Signed, batched
from accord.core.errors import AccordError
from accord.core.replaying import Cursor, LoggedEntry, ReplayRefused
from accord_verify import entries

Body = Mapping[str, Any]
Statement = Mapping[str, Any]
Replayer = Callable[[Actor, Signed | None, Body, Statement], Any]
CompoundReplayer = Callable[[Actor, Signed | None, Sequence[Statement]], Any]


@dataclass(frozen=True)
class Compound:
    types: tuple[str, ...]
    replayer: CompoundReplayer
    matches: Callable[[Sequence[Statement]], bool]


_SINGLE: dict[str, Replayer] = {}
_COMPOUND: list[Compound] = []


def declare(act_type: str, replayer: Replayer) -> None:
    _SINGLE[act_type] = replayer


def declare_signed(*act_types: str) -> None:
    """These act types are replayed by the adapters that run their signed submissions."""
    for act_type in act_types:
        declare(act_type, _through_adapter(act_type))


def _through_adapter(act_type: str) -> Replayer:
    def replay(actor: Actor, signed_as: Signed | None, body: Body, statement: Statement) -> Any:
        adapter = signed.adapter_of(act_type)
        if adapter is None:
            raise ReplayRefused(None, f"{act_type} is declared replayed as a signed act, which it is not")
        return adapter(actor, signed_as, body)  # type: ignore[arg-type]  # the adapters pass None on

    return replay


def declare_compound(types: Sequence[str], replayer: CompoundReplayer,
                     matches: Callable[[Sequence[Statement]], bool]) -> None:
    _COMPOUND.append(Compound(tuple(types), replayer, matches))


def discover() -> None:
    """Load every app's declarations, and the signed adapters that some of them reuse (the API's modules
    register those, so the URLs, the API's among them, are loaded first).

    Importing the URL configuration alone no longer imports the API (accord.urls imports it on first use):
    the audit found every signed act unknown once `accord ledger audit` stopped running the URLs' system
    check, which had imported it (reliability/check_crash.py, 5 December 2026).
    """
    startup.warm_up()
    autodiscover_modules("replay")


def declared_types() -> set[str]:
    discover()
    return set(_SINGLE)


def _actor(logged: LoggedEntry) -> Actor:
    # An arrow from core up to members, declared in the import contract (pyproject.toml): the actor
    # of an act is a Person, the user model, which lives in members. Imported here, not at the top,
    # because members imports core at its own top.
    from accord.members.queries import person_named

    who = logged.statement.get("actor")
    username = who.get("person") if isinstance(who, Mapping) else None
    if username is None:
        return Actor.console()
    person = person_named(username)
    if person is None:
        raise ReplayRefused(logged.seq, f"its actor {username!r} is not a person in the replayed registry")
    return Actor(person=person)


def _signed(logged: LoggedEntry) -> Signed | None:
    if not logged.signatures:
        return None
    if len(logged.signatures) > 1:
        raise ReplayRefused(logged.seq, "an act with more than one signature line is not replayed")
    line = logged.signatures[0]
    return Signed(key=line["key"], sig=line["sig"], nonce=str(logged.statement.get("nonce")),
                  statement=logged.statement)


def _run_compound(compound: Compound, statements: Sequence[Statement], actor: Actor,
                  signed_as: Signed | None) -> Any:
    return compound.replayer(actor, signed_as, statements)


def _candidates(cursor: Cursor) -> list[Callable[[Actor, Signed | None], Any]]:
    """How the act that begins at the cursor may be run: a compound act's action where the log holds its
    entries, then the single act's."""
    first = cursor.peek()
    assert first is not None
    found: list[Callable[[Actor, Signed | None], Any]] = []
    for compound in _COMPOUND:
        following = [cursor.peek(offset) for offset in range(len(compound.types))]
        statements = [logged.statement for logged in following if logged is not None]
        if ([logged.type for logged in following if logged is not None] == list(compound.types)
                and compound.matches(statements)):
            found.append(functools.partial(_run_compound, compound, statements))
    replayer = _SINGLE.get(first.type)
    body = first.statement.get("body")
    if replayer is not None and isinstance(body, Mapping):
        found.append(lambda actor, signed_as: replayer(actor, signed_as, body, first.statement))
    if not found:
        raise ReplayRefused(first.seq, f"its act type {first.type} declares no replay (see accord.core.replay)")
    return found


def acts(logged: Sequence[LoggedEntry]) -> Iterator[tuple[LoggedEntry, Callable[[], int]]]:
    """The replay, act by act: each step is the act's first entry and a call that runs it again (in the
    current database, which must be a scratch one) and returns how many entries it recorded."""
    discover()
    cursor = Cursor(logged)
    while (first := cursor.peek()) is not None:
        def run(first: LoggedEntry = first) -> int:
            start = cursor.position
            candidates = _candidates(cursor)
            for number, candidate in enumerate(candidates, 1):
                cursor.position = start  # a compound act that did not replay was rolled back whole
                body = first.statement.get("body")
                marked = body.get("drill") if isinstance(body, Mapping) else None
                # An act of a drill is replayed in the drill's scope, as it was made (accord.core.drill).
                within = drill.scope(marked if isinstance(marked, int) else None)
                with replaying.replaying(cursor), clock.pinned(first.time), within:
                    try:
                        candidate(_actor(first), _signed(first))
                    except (ReplayRefused, AccordError) as error:
                        if number < len(candidates):
                            continue
                        if isinstance(error, ReplayRefused):
                            raise
                        raise ReplayRefused(first.seq, f"its act ({first.type}) is refused when run again: "
                                                       f"{error}") from None
                break
            if cursor.position == start:
                raise ReplayRefused(first.seq, f"the replay declared for {first.type} records nothing")
            return cursor.position - start

        yield first, run


# Acts replayed per transaction (`replay_all`): each act is checked as alone, they commit together, and one
# checkpoint is signed per batch rather than one per act.
BATCH = 1000


def replay_all(logged: Sequence[LoggedEntry], each: Callable[[LoggedEntry], None] | None = None,
               after: Callable[[int], object] | None = None, batch: int | None = None) -> None:
    """Run every act of `logged` again (`acts`), `batch` entries or so a transaction
    (`accord.core.acting.batched`): `each(first)` before each act, `after(count)` after it with the
    entries it recorded. A refusal (ReplayRefused) leaves the batch it is in, which is rolled back
    whole, and ends the replay. The scratch database's checkpoints are one per batch, not per entry."""
    batch = BATCH if batch is None else batch
    steps = acts(logged)
    more = True
    while more:
        more = False
        with batched():
            done = 0
            for first, run in steps:
                if each is not None:
                    each(first)
                count = run()
                if after is not None:
                    after(count)
                done += count
                if done >= batch:
                    more = True
                    break


def logged_entry(seq: int, time: Any, data: str, salt: str | None, content: str | None) -> LoggedEntry:
    """One entry of the log to replay, a sealed one opened: its content must open its commitment and say
    what its public part says, or the replay stops there."""
    parsed, _ = entries.parse(data)
    public = parsed.get("statement") if isinstance(parsed, dict) else None
    if not isinstance(public, dict):
        raise ReplayRefused(seq, "it is not an entry with a statement")
    if public.get("classification") == entries.PUBLIC:
        if salt is not None:
            raise ReplayRefused(seq, "a public entry has sealed content")
        return LoggedEntry(seq=seq, time=time, data=data.encode("utf-8"), statement=public,
                           signatures=parsed.get("signatures") or [])
    if salt is None or content is None:
        raise ReplayRefused(seq, "its sealed content is missing: the act cannot be replayed")
    try:
        opened, _ = entries.parse(content)
    except ValueError:
        raise ReplayRefused(seq, "its sealed content is not JSON") from None
    problem = entries.sealed_problem(public, salt, opened, content.encode("utf-8"))
    if problem is not None:
        raise ReplayRefused(seq, problem)
    return LoggedEntry(seq=seq, time=time, data=data.encode("utf-8"), statement=opened["statement"],
                       signatures=opened["signatures"], member=opened["member"], salt=salt)


def _annotated(actor: Actor, signed_as: Signed | None, body: Body, statement: Statement) -> Any:
    from accord.core import actions  # core's own act, declared here: core has no replay.py of its own

    return actions.annotate(actor=actor, entry=body["entry"], sources=body["provenance"])


declare("core.annotated", _annotated)
