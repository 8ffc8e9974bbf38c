"""The one write path: the `action` decorator and `record`, which appends an action's ledger entry."""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Subquery

from accord.core import clock, drill, events, once, provenance, replaying
from accord.core.errors import AccordError, InvalidInput, SignatureRefused
from accord.core.prepared import Prepared
from accord.core.translations import says_the_same
from accord.ledger import actions as ledger
from accord.ledger.guard import acting, current_action
from accord.ledger.models import Head
from accord_verify import entries

if TYPE_CHECKING:
    from accord.members.models import Person, SigningKey

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Actor:
    """Who performs an act: a person, or the operator at the server's console (person None)."""

    person: Person | None

    @classmethod
    def console(cls) -> Actor:
        return cls(person=None)

    @property
    def handle(self) -> str | None:
        return self.person.username if self.person else None

    @property
    def member(self) -> str | None:
        return self.person.member_id if self.person else None

    def __str__(self) -> str:
        return self.handle or "console"


@dataclass(frozen=True)
class Signed:
    """A statement signed by its actor elsewhere (its own machine or its browser): always the whole
    statement, body included, whatever its classification (the ledger seals a non-public one)."""

    key: str
    sig: str
    nonce: str
    statement: Mapping[str, Any] | None = field(default=None)


_last_recorded: contextvars.ContextVar[Recorded | None] = contextvars.ContextVar("accord_last_recorded",
                                                                                default=None)
# The entry of the statement its actor signed, in the last action run here: the act's own, not the steps it
# records after it (the alert a value raised), which the server records unsigned.
_last_signed: contextvars.ContextVar[Recorded | None] = contextvars.ContextVar("accord_last_signed", default=None)


_drafting: contextvars.ContextVar[bool] = contextvars.ContextVar("accord_drafting", default=False)


class Drafted(Exception):
    """Raised by record() while drafting: the statement the act would record, which nothing recorded."""

    def __init__(self, statement: Mapping[str, Any]) -> None:
        super().__init__("drafted")
        self.statement = dict(statement)


@contextlib.contextmanager
def drafting() -> Iterator[None]:
    """Run an action up to its statement: every check it makes runs, then record() raises Drafted with the
    statement it would append, before any signature check or write, and the action's transaction ends."""
    token = _drafting.set(True)
    try:
        yield
    finally:
        _drafting.reset(token)


# The entries recorded by the act in progress, for the hooks that run when it ends (see after_each_act).
_recorded_in_act: contextvars.ContextVar[list[Recorded] | None] = contextvars.ContextVar(
    "accord_recorded_in_act", default=None)
_after_act: list[Callable[[Sequence[Recorded]], None]] = []


def after_each_act(hook: Callable[[Sequence[Recorded]], None]) -> Callable[[Sequence[Recorded]], None]:
    """Run `hook` at the end of every act, inside its transaction, with the entries it recorded: what
    derives from the state (the search index) is kept current by the same transaction, or not at all.
    In a batch (`batched`), once at the batch's end, inside its transaction, with the entries of all its acts."""
    if hook not in _after_act:
        _after_act.append(hook)
    return hook


def last_recorded() -> Recorded | None:
    """The entry that the last action run here (this thread or task) recorded last."""
    return _last_recorded.get()


def last_signed() -> Recorded | None:
    """The entry of the signed statement that the last action run here recorded (None if it recorded none)."""
    return _last_signed.get()


# The entries of the acts of the batch in progress (`batched`: one transaction for them all), whose hooks run
# at its end; None outside a batch.
_in_batch: contextvars.ContextVar[list[Recorded] | None] = contextvars.ContextVar("accord_in_batch", default=None)


def _after(recorded: Sequence[Recorded]) -> None:
    if recorded:
        for hook in _after_act:
            hook(tuple(recorded))


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Run the actions called inside as one transaction, for bulk work (the log's replay, an archive loaded):
    each act is what it is alone (its own reads and checks, its entry, its Merkle nodes), but they commit
    together, with one checkpoint signed for the last of them (`accord.ledger.actions.one_checkpoint`), and
    what derives from the state (`after_each_act`: the search index) is written once, after the last of them,
    from the entries of all. Written after each, in its savepoint, it was a third of a batched act: SQLite's
    FTS5 writes the words it holds to a segment of its own at every savepoint, a thousand a batch, and what
    several acts touch (a proposal, a session) was indexed again by each.

    An error that leaves the block rolls the whole batch back: none of its acts is recorded, and nothing
    that any of them would have published (live events, the witnesses' turn) is, for that happens on commit
    only. Each act runs in a savepoint of its own: one that its caller catches inside the block is undone
    alone, as it would have been refused alone, and the batch goes on (the replay tries another reading of
    a compound act so). Nothing done in a batch may be acknowledged to anyone before the block has ended.
    """
    if current_action() is not None or _in_batch.get() is not None:
        raise RuntimeError("a batch of acts runs outside any action or other batch")
    recorded: list[Recorded] = []
    token = _in_batch.set(recorded)
    try:
        with transaction.atomic(durable=True), ledger.one_checkpoint():
            yield
            _after(recorded)
    finally:
        _in_batch.reset(token)


def action(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` as one act: one durable transaction, the write guard lifted inside it only."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if current_action() is not None:
            raise RuntimeError(f"{func.__qualname__} was called inside {current_action()}")
        _last_recorded.set(None)
        _last_signed.set(None)
        recorded: list[Recorded] = []
        token = _recorded_in_act.set(recorded)
        # The log first (ledger.lock_log: the act reads the state its entry follows), then one instant for
        # the whole act (a replay has pinned the logged one already): what the act stores and the time of
        # its entries agree, a replay computes them again, and times follow the entries' order.
        try:
            # In a batch, a savepoint of the batch's transaction (`batched`).
            batch = _in_batch.get()
            with acting(func.__qualname__), transaction.atomic(durable=batch is None), ledger.holding_log():
                ledger.lock_log()
                with clock.pinned(clock.now()):
                    result = func(*args, **kwargs)
                    if batch is None:
                        _after(recorded)
            if batch is not None:  # its savepoint released: its entries stand, and the batch's hooks take them
                batch.extend(recorded)
            return result
        except AccordError as refused:
            refused.package = refused.package or func.__module__.rpartition(".")[0]
            raise
        finally:
            _recorded_in_act.reset(token)

    return run


def step(act: Callable[P, R]) -> Callable[P, R]:
    """Another app's action run as a step of the act in progress: inside its transaction, with its
    own rules and its own ledger entry, so that the whole act stands or falls together (a crisis
    request that opens a procedure on a draft decision tables it and opens it in one go)."""
    inner: Callable[P, R] = act.__wrapped__  # type: ignore[attr-defined]

    @functools.wraps(inner)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if current_action() is None:
            raise RuntimeError(f"{inner.__qualname__} runs as a step of an action only")
        return inner(*args, **kwargs)

    return run


@dataclass(frozen=True)
class Recorded:
    seq: int
    statement: dict[str, Any]
    drill: int | None = None  # the drill whose act it is (its body's mark; accord.core.drill), None: a real act
    # The act as accord.core.history reads it back from its entry, for the hooks at the act's end (the search
    # index), which would otherwise read the entry just written again; None where it was not built.
    event: events.Event | None = field(default=None, compare=False)
    # The person who signed it, with its member, as the act's signature check read them (None: unsigned), for
    # the same hooks: the search entry names them.
    signer: Person | None = field(default=None, compare=False)


# What a refused signature says, whatever the reason: the key id is public, so the answer must tell an
# outsider nothing about the person the statement names (whether it exists, is active, holds that key).
KEY_REFUSED = "is not a registered, unrevoked key of the active person the statement names as its actor"
SIGNATURE_REFUSED = "does not verify"
DIFFERS = "differs from what the act records"


def signing_key(key_id: str, person: Any) -> SigningKey:
    """The key `key_id` if it is registered, not revoked, and a key of the active person `person`
    (a username, or a Person); any other key is refused with one and the same answer. The key carries
    `log_size`, the log's size when it was read (`verified_at_door`)."""
    # An arrow from core up to members, declared in the import contract (pyproject.toml): the actor of an
    # act is a Person, the user model, and signs with its SigningKey; both live in members. Imported here,
    # not at the top, because members imports core at its own top.
    key = next(iter(_KEY_WITH_SIGNER(key_id=key_id)), None)
    _refuse_unless_usable(key, person)
    assert key is not None
    return key


def _key_with_signer(key_id: str) -> QuerySet[SigningKey]:
    from accord.members.models import SigningKey

    # By its primary key, unordered: `first()` would have Django build an ORDER BY for the one row. With its
    # person and the person's member (the act's search entry names both), and the log's size in the same
    # statement, so both are as of one moment.
    return (SigningKey.objects.select_related("person__member").filter(key_id=key_id)
            .annotate(log_size=Subquery(Head.objects.filter(pk=1).values("size")[:1])).order_by()[:1])


_KEY_WITH_SIGNER = Prepared(_key_with_signer, key_id=str)  # every signed act reads it, twice when the log grew


def _refuse_unless_usable(key: SigningKey | None, person: Any) -> None:
    from accord.members.models import Person

    # Read from the database, not from the actor: a person deactivated since it was loaded
    # (or since it signed, offline) no longer signs for anyone.
    if (key is None or key.revoked_seq is not None or not key.person.is_active
            or not (key.person_id == person.pk if isinstance(person, Person) else key.person.username == person)):
        raise SignatureRefused("signature.key", KEY_REFUSED)


@dataclass(frozen=True)
class _Door:
    statement: Mapping[str, Any]
    sig: str
    key: SigningKey
    log_size: int | None  # the log's size when the key was read with it


# The signature the door (accord.core.signed.signer_of) has just verified, before the act began: the statement
# object itself, the signature, and the key as read then with the log's size at that moment. The act's own
# check, in its transaction, neither verifies the same signature over the same statement a second time nor,
# when the log has not grown since (no act has been recorded in between: every change of a key or a person is
# an act), reads the key again; otherwise it reads it again (revoked, or its person deactivated, since).
# Taken once, by the act that follows.
_verified_at_door: contextvars.ContextVar[_Door | None] = contextvars.ContextVar(
    "accord_verified_at_door", default=None)


def verified_at_door(stmt: Mapping[str, Any], sig: str, key: SigningKey) -> None:
    """Verify `sig` (as verify_signature) and remember it for the act that follows in this request."""
    verify_signature(stmt, sig, key)
    _verified_at_door.set(_Door(stmt, sig, key, getattr(key, "log_size", None)))


def _from_door(stmt: Mapping[str, Any], signed: Signed) -> _Door | None:
    """What the door verified of this signature over this very statement object, taken once."""
    remembered = _verified_at_door.get()
    _verified_at_door.set(None)
    if remembered is None or remembered.statement is not stmt or remembered.sig != signed.sig:
        return None
    return remembered if remembered.key.key_id == signed.key else None


def verify_signature(stmt: Mapping[str, Any], sig: str, key: SigningKey) -> None:
    """Refuse unless `sig` is `key`'s signature over `stmt` exactly as given."""
    # signature_is_valid also says no for a statement without a canonical form (a number RFC 8785 cannot
    # write) and for a signature that is not base64: neither was signed by anyone.
    if not entries.signature_is_valid(stmt, sig, entries.unb64(key.public_key)):
        raise SignatureRefused("signature.sig", SIGNATURE_REFUSED)


def _first_difference(given: Any, expected: Any, path: str) -> str:
    """The first field where what was signed and what the act records differ: named, never shown, for the
    recorded value is the server's, which the signer may not be allowed to see."""
    if isinstance(given, Mapping) and isinstance(expected, Mapping):
        for name in sorted(set(given) | set(expected)):
            # A text in an older shape that says the same is no difference (`says_the_same`).
            if not says_the_same(given.get(name), expected.get(name)):
                return _first_difference(given.get(name), expected.get(name), f"{path}.{name}")
    return path


def _check_signature(actor: Actor, stmt: Mapping[str, Any], signed: Signed) -> tuple[list[dict[str, str]], Person]:
    """The act's signature lines, and its signer as read in the act's transaction (or unchanged since)."""
    # The signature first, over the statement as its signer gave it: until it stands, nothing the act
    # would record may shape the answer.
    given = stmt if signed.statement is None else signed.statement
    door = _from_door(given, signed)
    if door is not None and door.log_size is not None and door.log_size == ledger.held_size():
        key = door.key  # as read at the door, and the log has not grown since: still as it was
        _refuse_unless_usable(key, actor.person)
    else:
        key = signing_key(signed.key, actor.person)
    if door is None or door.key.public_key != key.public_key:
        verify_signature(given, signed.sig, key)
    if dict(given) != stmt:
        raise InvalidInput(_first_difference(dict(given), stmt, "statement"), DIFFERS)
    # A replay (a nonce recorded before) is refused by the ledger's unique nonce: see record().
    return [{"key": signed.key, "sig": signed.sig}], key.person


def record(
    *,
    type: str,
    actor: Actor,
    body: Mapping[str, Any],
    classification: str = entries.PUBLIC,
    audience: Sequence[str] = (),
    member: str | None = None,
    signed: Signed | None = None,
) -> Recorded:
    """Append the ledger entry of the act in progress and publish its live event on commit.

    `member` is the member state the act concerns, for filtering; `audience` names the members
    (and "secretariat") who may read a `participants` act.

    In a replay of the log (`accord.core.replay`) the entry is the next logged one: its nonce, time
    and salt are the log's, and the act is refused unless it records exactly that entry again.
    """
    if current_action() is None:
        raise RuntimeError("record() is called only from inside an action")
    if classification not in entries.CLASSIFICATIONS:
        raise InvalidInput("classification", f"must be one of {', '.join(entries.CLASSIFICATIONS)}")
    if classification == "participants" and not audience:
        raise InvalidInput("audience", "a participants-only act must name its participants")
    body = drill.marked(dict(body))  # an act in a drill's scope carries the drill's mark
    cursor = replaying.active()
    logged = cursor.take(type) if cursor else None
    body, sourced = _with_provenance(body, logged, signed)
    stmt = entries.statement(
        log=settings.LOG_ORIGIN,
        type=type,
        member=actor.member,
        person=actor.handle,
        classification=classification,
        body=body,
        nonce=str(logged.statement.get("nonce")) if logged else signed.nonce if signed else entries.new_nonce(),
        audience=audience,
    )
    if _drafting.get() and logged is None:
        # The statement a signer signs is the act's first entry: the draft stops there.
        raise Drafted(stmt)
    # One rule for statements in an older shape (texts as plain strings or `_en`/`_ru` pairs, as entries
    # were written before content followed the charter's languages): when the logged entry under replay,
    # or the statement a signer signed, says what the act would record, the act records it as it stands,
    # so that its bytes and its signature stay the log's (docs/ledger.md, "How an act is replayed").
    given = logged.statement if logged is not None else signed.statement if signed is not None else None
    if given is not None and given != stmt and says_the_same(dict(given), stmt):
        stmt = dict(given)
    signatures, signer = _check_signature(actor, stmt, signed) if signed else ([], None)
    if logged is not None:
        _same_as_logged(logged, stmt, signatures, member or actor.member)
    now = logged.time if logged else clock.now()
    try:
        # A non-public act's entry carries only its type, time and classification and a commitment to
        # the rest (the statement, its signatures and the member it concerns), which the ledger seals.
        appended = ledger.append(stmt=stmt, signatures=signatures, time=now, member=member or actor.member,
                                 audience=audience, salt=logged.salt if logged else None)
    except IntegrityError as error:
        # The one unique value an act brings is its nonce; the action's transaction then ends.
        if signed is not None and "nonce" in str(error):
            raise SignatureRefused("signature.nonce",
                                   "this signed statement has already been recorded (a replay)") from None
        raise
    once.forget_all()  # what the request read before this act may have changed: read it again when asked
    if sourced is not None:
        from accord.core.actions import keep_provenance  # core's one act records through this module

        keep_provenance(entry_seq=appended.seq, recorded_seq=appended.seq, data=sourced)
    mark = body.get("drill")
    written = dict(stmt)
    recorded = Recorded(seq=appended.seq, statement=dict(appended.statement),
                        drill=mark if isinstance(mark, int) and not isinstance(mark, bool) else None,
                        event=events.Event(id=appended.seq, type=type, time=now.isoformat(),
                                           classification=classification,
                                           audience=tuple(written.get("audience", ())),
                                           actor=(written.get("actor") or {}).get("person"),
                                           member=member or actor.member or None, body=written.get("body") or {}),
                        signer=signer)
    _last_recorded.set(recorded)
    if signed is not None:
        _last_signed.set(recorded)
    in_act = _recorded_in_act.get()
    if in_act is not None:
        in_act.append(recorded)
    if logged is not None:
        if appended.data != logged.data:
            raise replaying.ReplayRefused(logged.seq, f"the replay writes it as entry #{appended.seq} with other "
                                                      "bytes (its number or time differs)")
        return recorded  # a replay publishes nothing: nobody is watching a scratch database
    events.publish(
        events.Event(
            id=appended.seq,
            type=type,
            time=now.isoformat(),
            classification=classification,
            audience=tuple(sorted(audience)),
            actor=actor.handle,
            member=member or actor.member,
            body=dict(body),
        )
    )
    return recorded


def _carried(logged: replaying.LoggedEntry | None, signed: Signed | None) -> dict[str, Any] | None:
    """The provenance the signed statement, or the logged entry under replay, carries in its body, checked."""
    carried = logged.statement if logged is not None else signed.statement if signed is not None else None
    raw = carried.get("body", {}).get("provenance") if isinstance(carried, Mapping) else None
    if isinstance(carried, Mapping) and isinstance(carried.get("body"), Mapping) and raw is not None:
        return provenance.normalized(raw)
    return None


def provenance_in_progress(signed: Signed | None) -> dict[str, Any] | None:
    """The provenance the act in progress is to record with its next entry (as `_with_provenance` finds it),
    read and left in place: for an action whose own checks depend on it (a confirmed assessment names its
    sources), alike for its caller's, a signed statement's and a replayed entry's."""
    cursor = replaying.active()
    return provenance.peek_given() or _carried(cursor.peek() if cursor else None, signed)


def _with_provenance(body: Mapping[str, Any], logged: replaying.LoggedEntry | None,
                     signed: Signed | None) -> tuple[Mapping[str, Any], dict[str, Any] | None]:
    """The body with the act's provenance (accord.core.provenance): the one its caller gave, or the one
    the signed statement or the logged entry under replay carries in its body, checked like any other."""
    sourced = provenance.take_given()
    if sourced is None and "provenance" not in body:
        sourced = _carried(logged, signed)
    if sourced is None:
        return body, None
    if "provenance" in body:
        raise InvalidInput("provenance", "is given twice")
    return {**body, "provenance": sourced}, sourced


def _same_as_logged(logged: replaying.LoggedEntry, stmt: Mapping[str, Any],
                    signatures: Sequence[Mapping[str, str]], member: str | None) -> None:
    """Refuse a replayed act unless it records what the log holds: its statement, signatures and member."""
    if dict(stmt) != dict(logged.statement):
        where = _first_difference(dict(logged.statement), dict(stmt), "statement")
        raise replaying.ReplayRefused(logged.seq, f"the act run again records {where} differently")
    if [dict(line) for line in signatures] != [dict(line) for line in logged.signatures]:
        raise replaying.ReplayRefused(logged.seq, "the act run again does not carry the logged signatures")
    if logged.sealed and (member or None) != (logged.member or None):
        raise replaying.ReplayRefused(logged.seq, "the act run again concerns another member than its sealed "
                                                  "content says")
