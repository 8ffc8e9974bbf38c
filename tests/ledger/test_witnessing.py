"""Member states' witnesses, as real processes: the log gets its checkpoints cosigned, and a fork or a
rollback is refused by the witnesses and found by `accord ledger verify --witness ... --quorum`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from ledger_acts import Acts
from nacl.signing import SigningKey
from pytest_django import Settings
from test_verify import change_body, damaged, edit_export, export, ledger, rewrite_history, sound

from accord.core.acting import Actor
from accord.core.errors import InvalidInput, NotPermitted
from accord.ledger import log, witnessing
from accord.ledger.logkey import log_key
from accord.ledger.models import Checkpoint
from accord.members import actions
from accord.members.models import Person
from accord_verify import cosignature, note

ACCORD = Path(sys.executable).parent / "accord"
CONSOLE = Actor.console()


@dataclass
class RunningWitness:
    name: str
    vkey: str
    url: str
    process: subprocess.Popen[str]

    @property
    def endpoint(self) -> witnessing.WitnessEndpoint:
        return next(w for w in witnessing.configured() if w.key.name == self.name)

    def served_checkpoint(self) -> httpx.Response:
        return httpx.get(f"{self.url}/{sha256(settings.LOG_ORIGIN.encode()).hexdigest()}/checkpoint")


def start(tmp_path: Path, names: list[str]) -> list[RunningWitness]:
    """`accord witness serve` for each name, each with its own key and state file, on a free port."""
    env = {**os.environ, "ACCORD_VAR_DIR": str(tmp_path / "witness-var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    started = []
    for name in names:
        key_file = tmp_path / f"{name.replace('/', '_')}.key"
        out = io.StringIO()
        call_command("witness", "keygen", name, "--key-file", str(key_file), stdout=out)
        process = subprocess.Popen(
            [str(ACCORD), "witness", "serve", "--key-file", str(key_file), "--state", f"{key_file}.db",
             "--log", log_key().vkey, "--listen", "127.0.0.1:0"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started.append((name, out.getvalue().strip(), process))
    running = []
    for name, vkey, process in started:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once the port is bound
        assert " listening on http://127.0.0.1:" in line, line + (process.stderr.read() if process.stderr else "")
        running.append(RunningWitness(name, vkey, line.strip().rsplit(" ", 1)[1], process))
    return running


def listed(tmp_path: Path) -> Iterator[list[RunningWitness]]:
    running = start(tmp_path, ["witness.arm.example/accord", "witness.kaz.example/accord"])
    try:
        actions.set_log_witnesses(actor=CONSOLE, witnesses=[{"vkey": w.vkey, "url": w.url} for w in running])
        yield running
    finally:
        for witness in running:
            witness.process.terminate()
            witness.process.wait(timeout=60)


@pytest.fixture
def witnesses(acts: Acts, tmp_path: Path) -> Iterator[list[RunningWitness]]:
    yield from listed(tmp_path)


@pytest.fixture
def witnesses_of_a_committed_log(committed_acts: Acts, tmp_path: Path) -> Iterator[list[RunningWitness]]:
    """For a server running in another thread, which reads only what is committed."""
    yield from listed(tmp_path)


def quorum_of_both(witnesses: list[RunningWitness], *args: str) -> tuple[int, str, str]:
    return ledger("verify", *args, "--witness", witnesses[0].vkey, "--witness", witnesses[1].vkey,
                  "--quorum", "2")


def submit_to(witness: RunningWitness) -> witnessing.Outcome:
    with httpx.Client() as client:
        return witnessing.submit(witness.endpoint, Checkpoint.objects.latest("size"), client)


def add_member(code: str) -> None:
    actions.add_member(actor=CONSOLE, code=code, acceded_on="1992-05-15")


def hide_cosignatures(size: int) -> None:
    """What a host showing a fork does with the cosignatures that would betray it (not through an action)."""
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "ledger_cosignature" WHERE "size" = %s', [size])


# The log gets its checkpoints cosigned.


def test_it_gets_each_new_checkpoint_cosigned_by_every_witness(witnesses: list[RunningWitness]) -> None:
    outcomes = witnessing.submit_latest()
    assert [(o.witness, o.ok) for o in outcomes] == [(w.name, True) for w in witnesses], outcomes
    size = log.size()
    out = sound(quorum_of_both(witnesses), size)
    assert f"witnessed at size {size} by witness.arm.example/accord, witness.kaz.example/accord" in out
    # A later checkpoint goes with a consistency proof from the one each witness cosigned last.
    add_member("TJK")
    outcomes = witnessing.submit_latest()
    assert all(o.ok for o in outcomes), outcomes
    assert witnessing.submit_latest() == []  # nothing left to submit
    sound(quorum_of_both(witnesses), size + 1)
    for witness in witnesses:
        served = witness.served_checkpoint()
        assert served.status_code == 200
        assert note.parse_checkpoint(note.split_note(served.text)[0]).size == size + 1


def test_it_serves_the_newest_cosigned_checkpoint_and_each_witnesses_newest(
    witnesses: list[RunningWitness],
) -> None:
    witnessing.submit_latest()
    cosigned_at = log.size()
    add_member("TJK")
    submit_to(witnesses[0])
    client = Client()
    both = client.get("/api/v1/log/checkpoint/cosigned", {"quorum": 2})
    assert both.status_code == 200
    assert both.content.decode().split("\n")[1] == str(cosigned_at)
    assert both.content.decode().count("\N{EM DASH}") == 3  # the log's signature and two cosignatures
    one = client.get("/api/v1/log/checkpoint/cosigned").content.decode()
    assert one.split("\n")[1] == str(cosigned_at + 1)
    assert client.get("/api/v1/log/checkpoint/cosigned", {"quorum": 3}).status_code == 404
    listed = client.get("/api/v1/log/cosigned").json()
    assert [text.split("\n")[1] for text in listed] == [str(cosigned_at + 1), str(cosigned_at)]
    named = client.get("/api/v1/log/witnesses").json()
    assert [(w["name"], w["cosigned_size"]) for w in named] == [
        (witnesses[0].name, cosigned_at + 1), (witnesses[1].name, cosigned_at)]
    page = client.get("/ledger/checkpoint/").content.decode()
    assert f"last cosigned the checkpoint of size {cosigned_at + 1}" in page
    assert f"--witness {witnesses[1].vkey} --quorum 2" in page


def test_it_exports_the_cosigned_checkpoints_for_an_auditor_offline(
    witnesses: list[RunningWitness], tmp_path: Path
) -> None:
    witnessing.submit_latest()
    path = export(tmp_path)
    assert len(json.loads(path.read_text())["cosigned"]) == 1
    sound(quorum_of_both(witnesses, str(path), "--key", log_key().vkey), log.size())
    stripped = edit_export(path, lambda document: document.update(cosigned=[]))
    damaged(quorum_of_both(witnesses, str(stripped)), None, "no quorum", "none of them")


def test_it_verifies_a_running_server_with_its_witnesses(
    witnesses_of_a_committed_log: list[RunningWitness], live_server: Any
) -> None:
    witnesses = witnesses_of_a_committed_log
    witnessing.submit_latest()
    size = log.size()
    out = sound(quorum_of_both(witnesses, "--url", live_server.url, "--key", log_key().vkey), size)
    assert f"witnessed at size {size} by witness.arm.example/accord, witness.kaz.example/accord" in out
    add_member("TJK")
    submit_to(witnesses[0])
    damaged(quorum_of_both(witnesses, "--url", live_server.url), None, "no quorum", "only witness.arm")


def test_it_refuses_a_log_whose_latest_checkpoint_a_witness_has_not_cosigned(
    witnesses: list[RunningWitness],
) -> None:
    witnessing.submit_latest()
    cosigned_at = log.size()
    add_member("TJK")
    submit_to(witnesses[1])
    damaged(quorum_of_both(witnesses), None, "no quorum", "only witness.kaz.example/accord did",
            f"witness.arm.example/accord last cosigned size {cosigned_at}")
    sound(ledger("verify", "--witness", witnesses[1].vkey, "--witness", witnesses[0].vkey, "--quorum", "1"),
          cosigned_at + 1)


# A log that forks its history: one fork shown to one witness, another to the other.


def test_a_fork_shown_to_two_witnesses_is_refused_by_them_and_found_by_the_verifier(
    witnesses: list[RunningWitness], tmp_path: Path
) -> None:
    arm, kaz = witnesses
    outcomes = witnessing.submit_latest()
    assert all(o.ok for o in outcomes), outcomes
    common = log.size()
    add_member("TJK")
    add_member("KGZ")
    forked_at = log.size()
    assert submit_to(arm).ok  # fork A, shown to ARM's witness
    fork_a = export(tmp_path, "fork-a.json")
    # The host, holding the log key, rewrites the history from the fork point and re-signs it: fork B.
    rewrite_history(common, change_body("acceded_on", "2001-01-01"))
    assert log.size() == forked_at
    assert submit_to(kaz).ok  # KAZ's witness saw only the common part: fork B extends it

    # ARM's witness refuses fork B: told its own size it answers 409, and no proof can make B extend A.
    fork_b = Checkpoint.objects.latest("size").note
    refused = httpx.post(f"{arm.url}/add-checkpoint", content=f"old {common}\n\n{fork_b}".encode())
    assert (refused.status_code, refused.text, refused.headers["content-type"]) == (
        409, f"{forked_at}\n", "text/x.tlog.size")
    outcome = submit_to(arm)
    assert not outcome.ok
    assert "refused with 422" in outcome.detail
    proved = httpx.post(f"{arm.url}/add-checkpoint", content=f"old {forked_at}\n\n{fork_b}".encode())
    assert proved.status_code == 422

    # The verifier, shown fork B: ARM's cosignature (on fork A) does not verify on it...
    damaged(quorum_of_both(witnesses), None, "the cosignature of witness.arm.example/accord", "does not verify")
    # ...and once the host hides it, fork B has only KAZ's witness: no quorum.
    hide_cosignatures(forked_at)
    assert [(o.witness, o.ok) for o in witnessing.submit_latest()] == [(arm.name, False), (kaz.name, True)]
    damaged(quorum_of_both(witnesses), None, "no quorum", "only witness.kaz.example/accord did",
            f"witness.arm.example/accord last cosigned size {common}")
    # The auditor shown fork A (an export made then) has only ARM's witness: no quorum either.
    damaged(quorum_of_both(witnesses, str(fork_a)), None, "no quorum", "only witness.arm.example/accord did")
    # And ARM's witness's own checkpoint, fetched from it, proves the fork to the auditor shown fork B.
    served = tmp_path / "arm.checkpoint"
    served.write_text(arm.served_checkpoint().text)
    damaged(quorum_of_both(witnesses, "--cosigned", str(served)), None,
            "witness.arm.example/accord cosigned another history", "fork")


# A log that rolls back its tail.


def test_a_rolled_back_log_is_refused_by_the_witnesses_and_found_by_the_verifier(
    witnesses: list[RunningWitness], tmp_path: Path
) -> None:
    add_member("TJK")
    add_member("KGZ")
    outcomes = witnessing.submit_latest()
    assert all(o.ok for o in outcomes), outcomes
    size = log.size()
    path = export(tmp_path)
    cut_to = size - 2
    earlier = Checkpoint.objects.get(size=cut_to).note

    # Each witness refuses the shorter checkpoint: 409 with the size it cosigned, then 400 (backwards).
    for witness in witnesses:
        answer = httpx.post(f"{witness.url}/add-checkpoint", content=f"old 0\n\n{earlier}".encode())
        assert (answer.status_code, answer.text) == (409, f"{size}\n")
        answer = httpx.post(f"{witness.url}/add-checkpoint", content=f"old {size}\n\n{earlier}".encode())
        assert answer.status_code == 400

    def cut(document: dict[str, Any]) -> None:
        del document["entries"][cut_to:]
        document["checkpoints"] = document["checkpoints"][:cut_to]
        document["checkpoint"] = earlier

    # The rolled-back log with the cosignatures it got before: the witnesses saw more than it has.
    damaged(quorum_of_both(witnesses, str(edit_export(path, cut))), None, "cosigned a checkpoint of "
            f"{size} entries", "rolled back")
    # With those cosignatures dropped too, nothing vouches for it...
    hidden = edit_export(path, lambda document: document.update(cosigned=[]))
    damaged(quorum_of_both(witnesses, str(hidden)), None, "no quorum")
    # ...and what a witness serves itself shows the rollback.
    served = tmp_path / "kaz.checkpoint"
    served.write_text(witnesses[1].served_checkpoint().text)
    damaged(quorum_of_both(witnesses, str(hidden), "--cosigned", str(served)), None, "rolled back")


# The charter's list of witnesses.


def test_only_the_secretariat_names_the_witnesses_and_each_must_be_one(witnesses: list[RunningWitness]) -> None:
    arm_head = Actor(person=Person.objects.get(username="arm.head"))
    with pytest.raises(NotPermitted):
        actions.set_log_witnesses(actor=arm_head, witnesses=[])
    given = {"vkey": witnesses[0].vkey, "url": witnesses[0].url}
    for bad, field in [
        ({**given, "vkey": log_key().vkey}, "witnesses[0].vkey"),  # a log's key, not a witness's
        ({**given, "url": "ftp://witness.example"}, "witnesses[0].url"),
        ({"vkey": given["vkey"]}, "witnesses[0]"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            actions.set_log_witnesses(actor=CONSOLE, witnesses=[bad])
        assert refused.value.field == field
    with pytest.raises(InvalidInput):
        actions.set_log_witnesses(actor=CONSOLE, witnesses=[given, given])
    size = log.size()
    actions.set_log_witnesses(actor=CONSOLE, witnesses=[given])
    assert log.size() == size + 1  # in the log, for every member to see
    assert json.loads(log.entries_between(size, size + 1)[0].data)["statement"]["body"] == {"witnesses": [given]}
    assert [w.key.name for w in witnessing.configured()] == [witnesses[0].name]


def test_it_refuses_witness_options_it_cannot_use(acts: Acts, tmp_path: Path) -> None:
    vkey = cosignature.format_cosigner_vkey("witness.arm.example/accord", bytes(SigningKey.generate().verify_key))
    garbage = tmp_path / "garbage.txt"
    garbage.write_text("not a checkpoint\n")
    for args, words in [
        (["--quorum", "1"], "--quorum needs the witnesses' keys"),
        (["--witness", vkey, "--quorum", "2"], "between 1 and the 1 witnesses"),
        (["--witness", vkey, "--quorum", "0"], "between 1 and the 1 witnesses"),
        (["--witness", log_key().vkey], "0x01"),
        (["--witness", vkey, "--witness", vkey], "the same witness twice"),
        (["--witness", vkey, "--cosigned", str(garbage)], "is not a cosigned checkpoint"),
        (["--cosigned", str(garbage)], "--cosigned needs the witnesses' keys"),
    ]:
        code, out, err = ledger("verify", *args)
        assert code == 2, (args, out, err)
        assert words in err, (args, err)


# Submission never holds up an act.


def test_an_unreachable_witness_neither_blocks_nor_undoes_an_act(acts: Acts) -> None:
    vkey = cosignature.format_cosigner_vkey("witness.down.example/accord", bytes(SigningKey.generate().verify_key))
    # Port 9 (discard) on the loopback: nothing listens there, the connection is refused at once.
    actions.set_log_witnesses(actor=CONSOLE, witnesses=[{"vkey": vkey, "url": "http://127.0.0.1:9"}])
    add_member("TJK")
    assert log.size() == acts.size + 2
    [outcome] = witnessing.submit_latest()
    assert not outcome.ok
    assert "cannot reach http://127.0.0.1:9" in outcome.detail
    assert witnessing.last_cosigned_size(vkey) == 0


def test_the_server_submits_each_checkpoint_after_its_act_commits(
    committed_acts: Acts, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.WITNESS_SUBMISSION = "background"
    running = start(tmp_path, ["witness.arm.example/accord"])
    # Each round of the background thread says what it submitted; the test waits for the one that
    # reached the witness with the act's checkpoint.
    rounds: list[list[witnessing.Outcome]] = []
    round_done = threading.Condition()
    submit = witnessing.submit_latest

    def submit_and_tell() -> list[witnessing.Outcome]:
        outcomes = submit()
        with round_done:
            rounds.append(outcomes)
            round_done.notify_all()
        return outcomes

    monkeypatch.setattr(witnessing, "submit_latest", submit_and_tell)
    try:
        actions.set_log_witnesses(actor=CONSOLE, witnesses=[{"vkey": running[0].vkey, "url": running[0].url}])
        add_member("TJK")
        size = log.size()
        # The act has returned; its checkpoint reaches the witness from the background thread.
        with round_done:
            round_done.wait_for(lambda: witnessing.last_cosigned_size(running[0].vkey) >= size, timeout=120)
        assert witnessing.last_cosigned_size(running[0].vkey) == size
    finally:
        settings.WITNESS_SUBMISSION = "manual"
        running[0].process.terminate()
        running[0].process.wait(timeout=60)


# The `accord witness` command's own refusals.


def witness_command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("witness", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


def test_the_witness_command_keeps_its_key_and_refuses_bad_input(tmp_path: Path) -> None:
    key_file = tmp_path / "w.key"
    code, vkey, _ = witness_command("keygen", "witness.arm.example/accord", "--key-file", str(key_file))
    assert code == 0
    assert cosignature.parse_cosigner_vkey(vkey.strip()).name == "witness.arm.example/accord"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert witness_command("vkey", "--key-file", str(key_file))[1] == vkey
    for args, words in [
        (["keygen", "witness.arm.example/accord", "--key-file", str(key_file)], "exists"),
        (["keygen", "a name", "--key-file", str(tmp_path / "other.key")], "NAME"),
        (["serve", "--key-file", str(key_file), "--state", str(tmp_path / "s.db"), "--log", vkey.strip()],
         "--log is not a log's public key"),
        (["serve", "--key-file", str(tmp_path / "missing.key"), "--state", "s.db", "--log", log_key().vkey],
         "cannot read the witness key"),
        (["serve", "--key-file", str(key_file), "--state", str(tmp_path / "s.db"), "--log", log_key().vkey,
          "--listen", "nowhere"], "HOST:PORT"),
        (["status", "--state", str(tmp_path / "missing.db")], "does not exist"),
    ]:
        code, _, said = witness_command(*args)
        assert code == 2, (args, said)
        assert words in said, (args, said)
    assert witness_command("vkey", "--key-file", str(key_file))[1] == vkey  # the key was not replaced
