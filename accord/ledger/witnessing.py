"""The log's side of witnessing: submit each new checkpoint to the charter's witnesses, keep their cosignatures.

Submission runs after the act's commit, in one background thread per server process, so that a
witness that is slow, down or refusing never holds up an act; a failed round is logged and retried
with a growing delay, and each round submits the newest checkpoint, which covers every one before it.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Max

from accord.ledger import actions, log
from accord.ledger.models import Checkpoint, Cosignature
from accord_verify import cosignature, note

logger = logging.getLogger(__name__)

TIMEOUT = 10.0
RETRY_FIRST = 5.0
RETRY_MAX = 300.0
# At most one round a second: a burst of acts (the demo's loading, a busy session) is covered by the
# newest checkpoint of the burst, and the thread stays off the acts' way.
ROUND_INTERVAL = 1.0


@dataclass(frozen=True)
class WitnessEndpoint:
    key: cosignature.CosignerKey
    url: str


@dataclass(frozen=True)
class Outcome:
    witness: str
    size: int
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{self.witness}: {'cosigned' if self.ok else 'not cosigned'} size {self.size}: {self.detail}"


def _no_witnesses() -> list[dict[str, str]]:
    return []


_provider: Callable[[], list[dict[str, str]]] = _no_witnesses


def use_witnesses(provider: Callable[[], list[dict[str, str]]]) -> None:
    """Where the charter's list of witnesses is read from ([{"vkey", "url"}]); the registry sets it."""
    global _provider
    _provider = provider


def configured() -> list[WitnessEndpoint]:
    found = []
    for given in _provider():
        try:
            found.append(WitnessEndpoint(cosignature.parse_cosigner_vkey(given["vkey"]), given["url"]))
        except (KeyError, note.NoteError) as error:  # checked when set; kept from failing every round
            logger.error("the charter lists a witness that is not one (%s): %s", given, error)
    return found


def last_cosigned_size(vkey: str) -> int:
    """The size of the newest checkpoint this witness cosigned, as far as the log kept it; 0 if none."""
    return int(Cosignature.objects.filter(vkey=vkey).aggregate(size=Max("size"))["size"] or 0)


def last_cosigned_sizes(vkeys: Sequence[str]) -> dict[str, int]:
    """`last_cosigned_size` of each witness, in one query (for a list of the witnesses)."""
    newest = dict(Cosignature.objects.filter(vkey__in=vkeys).values("vkey").annotate(newest=Max("size"))
                  .values_list("vkey", "newest"))
    return {vkey: int(newest.get(vkey) or 0) for vkey in vkeys}


def _request(old: int, proof: Sequence[bytes], checkpoint: str) -> bytes:
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in proof)]
    return ("".join(line + "\n" for line in lines) + "\n" + checkpoint).encode("utf-8")


def submit(witness: WitnessEndpoint, checkpoint: Checkpoint, client: httpx.Client) -> Outcome:
    """Submit `checkpoint` to one witness (C2SP tlog-witness add-checkpoint) and keep its cosignature."""
    name, size = witness.key.name, checkpoint.size
    old = last_cosigned_size(witness.key.vkey)
    # One retry, after a 409 has told the log which size the witness last cosigned.
    for _attempt in range(2):
        if old > size:
            return Outcome(name, size, False, f"the witness has cosigned size {old}, more than the log's {size}: "
                                              "the log lost entries that a witness had seen")
        proof = log.consistency_proof(old, size) if 0 < old < size else []
        try:
            response = client.post(witness.url + "/add-checkpoint", content=_request(old, proof, checkpoint.note),
                                   headers={"content-type": "text/plain; charset=utf-8"})
        except httpx.HTTPError as error:
            return Outcome(name, size, False, f"cannot reach {witness.url}: {error}")
        if response.status_code == 409 and response.headers.get("content-type", "").startswith("text/x.tlog.size"):
            text = response.text.strip()
            if not text.isdigit() or int(text) == old:
                return Outcome(name, size, False, f"409 without a usable size: {text[:80]!r}")
            old = int(text)
            continue
        if response.status_code != 200:
            refusal = response.text.strip()[:300]
            return Outcome(name, size, False, f"refused with {response.status_code}: {refusal}")
        return _keep(witness, checkpoint, response.text)
    return Outcome(name, size, False, "the witness answered 409 twice")


def _keep(witness: WitnessEndpoint, checkpoint: Checkpoint, answer: str) -> Outcome:
    name, size = witness.key.name, checkpoint.size
    cosigned = checkpoint.note + answer
    try:
        timestamps = cosignature.verified_cosignatures(cosigned, [witness.key])
        _, lines = note.split_note(cosigned)
    except note.NoteError as error:
        return Outcome(name, size, False, f"answered with no valid cosignature: {error}")
    if name not in timestamps:
        return Outcome(name, size, False, "answered without a cosignature by its key")
    line = next(s.line for s in lines if (s.name, s.key_id) == (name, witness.key.key_id))
    # The time kept is the one the witness signed in its line, so that the verifier holds the column to it.
    actions.record_cosignature(size=size, witness=name, vkey=witness.key.vkey, line=line,
                               time=dt.datetime.fromtimestamp(timestamps[name], dt.UTC))
    return Outcome(name, size, True, f"cosignature of {timestamps[name]}")


def submit_latest(client: httpx.Client | None = None) -> list[Outcome]:
    """Submit the newest checkpoint to every witness that has not cosigned it yet."""
    witnesses = configured()
    latest = log.latest_checkpoint()
    if not witnesses or latest is None:
        return []
    done = set(Cosignature.objects.filter(size=latest.size).values_list("vkey", flat=True))
    outcomes = []
    # A client given by the caller stays the caller's to close.
    with nullcontext(client) if client else httpx.Client(timeout=TIMEOUT) as http:
        for witness in witnesses:
            if witness.key.vkey in done:
                continue
            outcome = submit(witness, latest, http)
            if not outcome.ok:
                logger.warning("witness %s", outcome)
            outcomes.append(outcome)
    return outcomes


# What the log serves: each checkpoint with the cosignatures it got.


def cosigned_note(size: int) -> str | None:
    checkpoint = log.checkpoint_at(size)
    if checkpoint is None:
        return None
    lines = Cosignature.objects.filter(size=size).order_by("witness").values_list("line", flat=True)
    return checkpoint.note + "".join(lines)


def newest_cosigned(quorum: int = 1, witnesses: Sequence[str] = (), up_to: int | None = None) -> str | None:
    """The newest checkpoint cosigned by at least `quorum` witnesses (among `witnesses`, by name, if given)."""
    rows = Cosignature.objects.all()
    if witnesses:
        rows = rows.filter(witness__in=list(witnesses))
    if up_to is not None:
        rows = rows.filter(size__lte=up_to)
    counted: dict[int, set[str]] = {}
    for size, name in rows.order_by("-size").values_list("size", "witness").iterator(chunk_size=1000):
        counted.setdefault(size, set()).add(name)
        if len(counted[size]) >= quorum:
            return cosigned_note(size)
    return None


def cosigned_notes(up_to: int | None = None) -> list[str]:
    """Each witness's newest cosigned checkpoint (with all the cosignatures of that size), newest first."""
    rows = Cosignature.objects.all()
    if up_to is not None:
        rows = rows.filter(size__lte=up_to)
    sizes = {row["newest"] for row in rows.values("vkey").annotate(newest=Max("size"))}
    return [text for size in sorted(sizes, reverse=True) if (text := cosigned_note(size)) is not None]


class _Worker:
    """The background submitter of one server process, woken after each commit that signed a checkpoint."""

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        if settings.WITNESS_SUBMISSION != "background":
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="accord-witnessing", daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        delay: float | None = None
        while True:
            self._wake.wait(timeout=delay)
            self._wake.clear()
            failed = True
            try:
                close_old_connections()
                failed = any(not outcome.ok for outcome in submit_latest())
            except Exception:
                logger.exception("submitting the latest checkpoint to the witnesses failed")
            finally:
                connection.close()
            # A failure is retried on its own, sooner at first; a success waits for the next act.
            delay = min((delay or RETRY_FIRST / 2) * 2, RETRY_MAX) if failed else None
            time.sleep(ROUND_INTERVAL)


worker = _Worker()
wake = worker.wake
