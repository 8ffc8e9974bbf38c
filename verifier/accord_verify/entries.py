"""The format of a log entry: statements, commitments, signatures and the key acts a verifier reads."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import rfc8785
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

FORMAT_VERSION = 2
PUBLIC = "public"
CLASSIFICATIONS = ("public", "members", "participants")

# What a person signs is this prefix and the statement's canonical JSON: the prefix keeps an
# Accord signature from ever being valid as a signature over anything else.
SIGNING_CONTEXT = b"accord statement v1\n"

# The key acts: the verifier learns who may sign from these entries alone.
KEY_REGISTERED = "keys.registered"
KEY_ROTATED = "keys.rotated"
KEY_REVOKED = "keys.revoked"
# A deactivated person signs for no one, with any key, until an entry reactivates it.
PERSON_DEACTIVATED = "members.person_deactivated"
PERSON_REACTIVATED = "members.person_reactivated"
# The acts that change who may sign (`KeyRegistry.apply`).
KEY_ACTS = frozenset({KEY_REGISTERED, KEY_ROTATED, KEY_REVOKED, PERSON_DEACTIVATED, PERSON_REACTIVATED})


# RFC 8785 needs integers within what an IEEE 754 double holds exactly.
_SAFE_INTEGER = 2**53 - 1


class _NotPlain(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _NotPlain(text)


def _safe_int(text: str) -> int:
    value = int(text)
    if abs(value) > _SAFE_INTEGER:
        raise _NotPlain(text)
    return value


_FAST_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
# The C encoder that `_FAST_ENCODER.encode` builds anew at every call, built once: the verifier
# encodes four values an entry, and building it cost as much as encoding a small one. Without a
# check for cycles, which JSON that was read cannot hold (a cycle built in code raises RecursionError).
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_encode_chunks = (None if _c_make_encoder is None else
                  _c_make_encoder(None, _FAST_ENCODER.default, json.encoder.encode_basestring, None, ":", ",",
                                  True, False, False))


def _fast_text(value: Any) -> str:
    if _encode_chunks is None or isinstance(value, str):
        return _FAST_ENCODER.encode(value)
    return "".join(_encode_chunks(value, 0))
_PLAIN_DECODER = json.JSONDecoder(parse_float=_refuse_float, parse_int=_safe_int)


def parse(data: bytes | str) -> tuple[Any, bool]:
    """JSON read, and whether it is plain: no number that `canonical` must leave to `rfc8785`.

    A value read from plain JSON may be given to `canonical` with `plain=True`, which then skips
    reading its fast form back. Raises ValueError when `data` is not JSON.
    """
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        # The scanner straight away: what the log holds has no whitespace around it for `decode` to skip
        # (two regular expressions an entry). Anything else is read again by `decode`, as before.
        try:
            value, end = _PLAIN_DECODER.raw_decode(text)
            if end == len(text):
                return value, True
        except ValueError:
            pass
        return _PLAIN_DECODER.decode(text), True
    except _NotPlain:
        return json.loads(text), False


_STATEMENT_KEY = b',"statement":'
_TIME_KEY = b',"time":'


_FLOATLESS_DECODER = json.JSONDecoder(parse_float=_refuse_float)
# The decoder's scanner (set by JSONDecoder.__init__, absent from its type stubs), which `raw_decode` calls.
_scan_floatless: Callable[[str, int], tuple[Any, int]] = _FLOATLESS_DECODER.scan_once  # type: ignore[attr-defined]
_SORTED_SAFE = orjson.OPT_SORT_KEYS | orjson.OPT_STRICT_INTEGER


def read_entry(data: bytes) -> tuple[Any, bytes | None]:
    """An entry read, with its statement's canonical bytes when the whole entry is canonical as it
    stands; `(value, None)` when that cannot be told in one pass (then `entry` must write it again).

    The verifier's fast path. For JSON with no fraction or exponent, no integer beyond 2**53 and no
    character beyond the Basic Multilingual Plane, RFC 8785 is JSON with sorted keys and no spaces
    (see `canonical`), which orjson writes byte for byte as the standard library does
    (tests/verifier/test_read_entry.py checks every character); so one encoding of the whole entry,
    compared with the bytes, shows it canonical. A number with a fraction is refused by the decoder
    here, an integer beyond 2**53 by orjson's strict mode. The statement's bytes (what its signatures
    sign) are then the slice between its key and the time's: neither key can stand inside a string
    (a quote inside a string is escaped), and the statement is the only object before the time that
    may hold such keys. Raises ValueError when `data` is not JSON.
    """
    text = data.decode("utf-8")
    try:
        # The decoder's scanner itself, as `raw_decode` calls it, without that call's frame.
        value, end = _scan_floatless(text, 0)
    except _NotPlain:
        return json.loads(text), None
    except (StopIteration, ValueError):
        return parse(text)[0], None  # not JSON (ValueError), or JSON with spaces before it
    if (end != len(text) or type(value) is not dict or type(value.get("time")) is not str
            or not (text.isascii() or max(text) <= "\uffff")):
        return (parse(text)[0] if end != len(text) else value), None
    try:
        if orjson.dumps(value, option=_SORTED_SAFE) != data:
            return value, None
    except orjson.JSONEncodeError:  # an integer beyond 2**53, a lone surrogate from an escape
        return value, None
    start = data.find(_STATEMENT_KEY)
    end = data.rfind(_TIME_KEY)
    if start < 0 or end < start:
        return value, None
    return value, data[start + len(_STATEMENT_KEY):end]


def canonical(value: Any, *, plain: bool = False) -> bytes:
    """RFC 8785 canonical JSON.

    The `rfc8785` library is the definition; it is pure Python and the log's hottest code. For
    what Accord's acts hold (strings, safe integers, booleans, null), RFC 8785 and the standard
    library's JSON with sorted keys and no spaces write the same bytes; they differ only on
    numbers with a fraction or an exponent, integers beyond 2**53, and the order of keys holding
    characters beyond the Basic Multilingual Plane. The fast form is used only when reading it
    back shows none of those, and `rfc8785` writes everything else.
    """
    try:
        text = _fast_text(value)
        if text.isascii() or max(text) <= "\uffff":
            if not plain:
                _PLAIN_DECODER.decode(text)
            return text.encode("utf-8")
    except (_NotPlain, TypeError, ValueError):
        pass
    return rfc8785.dumps(value)


def commitment(salt: str, value: Any) -> str:
    """The salted SHA-256 commitment to a value: "sha256:" + hex(SHA-256(salt bytes || RFC 8785 bytes))."""
    return commitment_to_bytes(salt, canonical(value))


def commitment_to_bytes(salt: str, data: bytes) -> str:
    """`commitment`, given the value's RFC 8785 bytes. Raises ValueError when the salt is not hexadecimal."""
    return "sha256:" + hashlib.sha256(bytes.fromhex(salt) + data).hexdigest()


def sealed_content(
    stmt: Mapping[str, Any], signatures: Sequence[Mapping[str, str]], member: str | None
) -> dict[str, Any]:
    """What a non-public entry's commitment hides: the whole statement as signed, its signature lines, and
    the member state the act concerns (which pages filter by); none of it is in the public entry."""
    return {"member": member, "signatures": [dict(line) for line in signatures], "statement": dict(stmt)}


# The fields a non-public entry shows everyone: what kind of act, when (the entry's time), how it is
# classified, and the nonce that makes it unique; the actor, the audience and the body are sealed.
PUBLIC_PART = ("v", "log", "type", "classification", "nonce")


def public_part(stmt: Mapping[str, Any], sealed_commitment: str) -> dict[str, Any]:
    """The statement a non-public act's public entry carries in place of `stmt`."""
    return {**{name: stmt[name] for name in PUBLIC_PART}, "commitment": sealed_commitment}


SEALED_FIELDS = frozenset({"member", "signatures", "statement"})


def sealed_problem(
    public: Mapping[str, Any], salt: str, content: Any, content_bytes: bytes | None = None
) -> str | None:
    """Why `content` with `salt` does not open the commitment of the public statement `public`, or None
    when it does and its statement says what the public part says. Its signatures are for
    `KeyRegistry.problem_with` to check, against the keys in force at that entry.

    `content_bytes`, its canonical JSON, spares making it again.
    """
    try:
        data = canonical(content) if content_bytes is None else content_bytes
        opened = commitment_to_bytes(salt, data)
    except (TypeError, ValueError, rfc8785.CanonicalizationError):
        opened = None
    if opened != public.get("commitment"):
        return "its sealed content does not open the commitment in the entry"
    if (not isinstance(content, dict) or content.keys() != SEALED_FIELDS
            or not isinstance(content["statement"], dict) or not isinstance(content["signatures"], list)
            or not all(isinstance(line, dict) for line in content["signatures"])):
        return "its sealed content is not a statement with its signature lines and member"
    inner = content["statement"]
    for name in PUBLIC_PART:
        if inner.get(name) != public.get(name):
            return f"its sealed statement's {name} differs from the entry's"
    return None


def new_salt() -> str:
    return secrets.token_hex(32)


def new_nonce() -> str:
    return secrets.token_hex(16)


def key_id_of(public_key: bytes) -> str:
    """A key's identifier: the first 16 hex digits of SHA-256 of the raw Ed25519 public key."""
    return "ed25519:" + hashlib.sha256(public_key).hexdigest()[:16]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Strict base64: only its alphabet, with the right padding (binascii's strict mode, which is what
    `base64.b64decode(validate=True)` checks with a regular expression first)."""
    try:
        return binascii.a2b_base64(text.encode("ascii"), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise ValueError(f"not base64: {error}") from None


def statement(
    *,
    log: str,
    type: str,
    member: str | None,
    person: str | None,
    classification: str,
    body: Mapping[str, Any],
    nonce: str,
    audience: Sequence[str] = (),
) -> dict[str, Any]:
    """The statement of an act, whole, as its actor signs it, whatever its classification.

    A public act's entry carries it; a non-public act's entry carries only its `public_part` and
    a commitment to it (see `sealed_content`).
    """
    result: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "log": log,
        "type": type,
        "actor": {"member": member, "person": person},
        "classification": classification,
        "nonce": nonce,
        "body": dict(body),
    }
    if classification != PUBLIC and audience:
        result["audience"] = sorted(audience)
    return result


def signing_message(stmt: Mapping[str, Any], stmt_bytes: bytes | None = None) -> bytes:
    return SIGNING_CONTEXT + (canonical(stmt) if stmt_bytes is None else stmt_bytes)


def sign_statement(stmt: Mapping[str, Any], key: SigningKey) -> dict[str, str]:
    """A signature line for an entry: which key, and its Ed25519 signature over the statement."""
    signature = key.sign(signing_message(stmt)).signature
    return {"key": key_id_of(bytes(key.verify_key)), "sig": b64(signature)}


def signature_is_valid(
    stmt: Mapping[str, Any], sig: str, public_key: bytes | VerifyKey, stmt_bytes: bytes | None = None
) -> bool:
    verify_key = public_key if isinstance(public_key, VerifyKey) else VerifyKey(public_key)
    try:
        verify_key.verify(signing_message(stmt, stmt_bytes), unb64(sig))
    except (BadSignatureError, ValueError):
        return False
    return True


ENTRY_FIELDS = frozenset({"seq", "signatures", "statement", "time"})
# A public act that concerns a member state names it in its entry, beside the statement (which its actor
# signs, and which does not say it): the stored `member` column that pages filter by is then bound to
# the log like every other. A non-public act's member is sealed with it, never in its entry.
ENTRY_FIELDS_WITH_MEMBER = ENTRY_FIELDS | {"member"}


def entry(
    *, seq: int, time: str, stmt: Mapping[str, Any], signatures: Sequence[Mapping[str, str]],
    stmt_bytes: bytes | None = None, plain: bool = False, member: str | None = None,
) -> bytes:
    """The bytes of an entry, exactly as hashed into the log: the RFC 8785 form of
    {"member" (only when the act concerns one), "seq", "signatures", "statement", "time"}.

    Written from its parts, in RFC 8785's order of those keys, so that the statement's canonical
    bytes (what its signatures sign) are made once: give them as `stmt_bytes` when you have them.
    `plain` is as for `canonical`, for parts read by `parse`.
    """
    statement_bytes = canonical(stmt, plain=plain) if stmt_bytes is None else stmt_bytes
    opening = b'{"seq":' if member is None else b'{"member":' + canonical(member, plain=plain) + b',"seq":'
    # A safe integer is its decimal digits in RFC 8785 as in Python (a bool is not an int here).
    seq_bytes = (str(seq).encode("ascii") if type(seq) is int and -_SAFE_INTEGER <= seq <= _SAFE_INTEGER
                 else canonical(seq, plain=plain))
    return b"".join((opening, seq_bytes, b',"signatures":',
                     canonical(list(signatures), plain=plain), b',"statement":', statement_bytes,
                     b',"time":', canonical(time, plain=plain), b"}"))


@dataclass(frozen=True)
class RegisteredKey:
    key_id: str
    person: str
    member: str | None
    public_key: bytes

    @functools.cached_property
    def verify_key(self) -> VerifyKey:
        return VerifyKey(self.public_key)


class KeyRegistry:
    """The signing keys in force, as the key acts in the log so far define them."""

    def __init__(self) -> None:
        self.active: dict[str, RegisteredKey] = {}
        self.revoked: set[str] = set()
        self.deactivated: set[str] = set()

    def apply(self, stmt: Mapping[str, Any]) -> None:
        kind = stmt.get("type")
        if kind not in KEY_ACTS:
            return
        body = stmt.get("body") or {}
        if kind == PERSON_DEACTIVATED:
            if isinstance(body.get("person"), str):
                self.deactivated.add(body["person"])
            return
        if kind == PERSON_REACTIVATED:
            self.deactivated.discard(body.get("person"))
            return
        if kind in (KEY_ROTATED, KEY_REVOKED):
            old = body.get("revoked_key") if kind == KEY_ROTATED else body.get("key_id")
            if old in self.active:
                del self.active[old]
                self.revoked.add(old)
        if kind in (KEY_REGISTERED, KEY_ROTATED):
            public_key = unb64(body["public_key"])
            key = RegisteredKey(key_id_of(public_key), body["person"], body.get("member"), public_key)
            self.active[key.key_id] = key

    def key_of(self, key_id: str, person: Any, role: str) -> tuple[RegisteredKey, None] | tuple[None, str]:
        """The key `key_id` when it is in force for `person` (the act's `role`: its actor, a document's
        signer) at this point of the log; otherwise why not, as "<which> key ..." for a message."""
        key = self.active.get(key_id) if type(key_id) is str else None
        if key is None:
            revoked = type(key_id) is str and key_id in self.revoked
            return None, f"{'a revoked' if revoked else 'an unknown'} key {key_id}"
        if key.person != person:
            return None, f"key {key_id} of {key.person}, not of the {role} {person}"
        if key.person in self.deactivated:
            return None, f"key {key_id} of {key.person}, who was deactivated by an earlier entry"
        return key, None

    def problem_with(
        self, stmt: Mapping[str, Any], signatures: Sequence[Mapping[str, str]], stmt_bytes: bytes | None = None
    ) -> str | None:
        """Why these signatures do not stand for this statement's actor, or None when they do.

        `stmt_bytes`, the statement's canonical JSON, spares making it again.
        """
        actor = stmt.get("actor")
        person = actor.get("person") if type(actor) is dict else None  # no actor: no key is its
        message = b""
        active, deactivated = self.active, self.deactivated
        for line in signatures:
            key_id = line.get("key", "")
            # `key_of` written out for a key in force (this runs for every signed entry the verifier
            # reads); it words the refusal otherwise.
            key = active.get(key_id) if type(key_id) is str else None
            if key is None or key.person != person or person in deactivated:
                return f"signed with {self.key_of(key_id, person, 'actor')[1]}"
            # `signature_is_valid`, with the message made once for all lines.
            message = message or (SIGNING_CONTEXT + stmt_bytes if stmt_bytes is not None
                                  else signing_message(stmt))
            sig = line.get("sig", "")
            try:
                if type(sig) is not str:
                    raise ValueError("a signature is base64 text")
                key.verify_key.verify(message, unb64(sig))
            except (BadSignatureError, ValueError):
                return f"the signature by key {key_id} does not verify"
        return None
