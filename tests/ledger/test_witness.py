"""The witness's add-checkpoint, answer by answer as C2SP tlog-witness prescribes, against its own state file."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from hashlib import sha256
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from accord_verify import cosignature, merkle, note
from accord_verify.verify import Damage, check_witnessed
from accord_verify.witness import SIZE_CONTENT_TYPE, Witness, WitnessState

LOG = "accord.example/log"
WITNESS = "witness.arm.example/accord"
NOW = 1_790_000_000


def key(seed: int) -> SigningKey:
    return SigningKey(bytes([seed]) * 32)


LOG_KEY = key(1)
LOG_VKEY = note.parse_vkey(note.format_vkey(LOG, bytes(LOG_KEY.verify_key)))
WITNESS_KEY = cosignature.parse_cosigner_vkey(cosignature.format_cosigner_vkey(WITNESS, bytes(key(2).verify_key)))


def tree_of(*leaves: bytes) -> merkle.MemoryTree:
    tree = merkle.MemoryTree()
    for leaf in leaves:
        tree.append(merkle.leaf_hash(leaf))
    return tree


HISTORY = [b"entry %d" % n for n in range(12)]
FORK = [*HISTORY[:5], *(b"forked %d" % n for n in range(5, 12))]


def checkpoint(tree: merkle.MemoryTree, size: int | None = None, signer: SigningKey = LOG_KEY) -> str:
    size = tree.size if size is None else size
    return note.sign_note(note.checkpoint_body(LOG, size, merkle.root_hash(size, tree.lookup)), LOG, signer)


def request(old: int, proof: Sequence[bytes], signed: str) -> bytes:
    return ("".join(f"{line}\n" for line in [f"old {old}", *(base64.b64encode(p).decode() for p in proof)])
            + "\n" + signed).encode()


def submit(witness: Witness, tree: merkle.MemoryTree, old: int, size: int | None = None) -> tuple[int, str]:
    size = tree.size if size is None else size
    proof = merkle.consistency_proof(old, size, tree.lookup) if old else []
    answer = witness.add_checkpoint(request(old, proof, checkpoint(tree, size)))
    return answer.status, answer.body


@pytest.fixture
def witness(tmp_path: Path) -> Witness:
    return Witness(name=WITNESS, signing_key=key(2), logs=[LOG_VKEY], state=WitnessState(tmp_path / "w.db"),
                   clock=lambda: NOW)


def test_it_cosigns_a_first_checkpoint_and_then_one_that_extends_it(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    status, line = submit(witness, history, 0, 5)
    assert status == 200
    body = note.checkpoint_body(LOG, 5, merkle.root_hash(5, history.lookup))
    assert cosignature.verified_cosignatures(checkpoint(history, 5) + line, [WITNESS_KEY]) == {WITNESS: NOW}
    assert note.split_note(checkpoint(history, 5) + line)[0] == body
    assert submit(witness, history, 5)[0] == 200


def test_it_serves_the_last_checkpoint_it_cosigned_with_the_logs_signature(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    submit(witness, history, 0, 5)
    submit(witness, history, 5)
    served = witness.checkpoint_of(sha256(LOG.encode()).hexdigest())
    assert served.status == 200
    assert note.parse_checkpoint(note.open_note(served.body, [LOG_VKEY]).body).size == 12
    assert WITNESS in cosignature.verified_cosignatures(served.body, [WITNESS_KEY])
    assert witness.checkpoint_of(sha256(b"another/log").hexdigest()).status == 404


def test_it_answers_409_with_its_size_to_a_wrong_old_size(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    submit(witness, history, 0, 5)
    answer = witness.add_checkpoint(request(0, [], checkpoint(history)))
    assert (answer.status, answer.body, answer.content_type) == (409, "5\n", SIZE_CONTENT_TYPE)
    proof = merkle.consistency_proof(3, 12, history.lookup)
    answer = witness.add_checkpoint(request(3, proof, checkpoint(history)))
    assert (answer.status, answer.body) == (409, "5\n")


def test_it_refuses_a_fork_of_what_it_cosigned_with_422(witness: Witness) -> None:
    submit(witness, tree_of(*HISTORY), 0, 8)
    fork = tree_of(*FORK)
    # The forked log knows the witness's size, but cannot prove its tree extends the one it cosigned.
    assert submit(witness, fork, 8)[0] == 422
    assert submit(witness, fork, 8, 8)[0] == 422  # the same size with another root
    assert [(status, origin) for _, origin, status, _ in witness.state.refusals()] == [(422, LOG), (422, LOG)]


def test_it_refuses_a_rollback_below_what_it_cosigned(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    submit(witness, history, 0, 10)
    assert submit(witness, history, 0, 7)[0] == 409
    # Told the witness's size, a rolled-back log can only ask it to go backwards: a bad request.
    answer = witness.add_checkpoint(request(10, [], checkpoint(history, 7)))
    assert answer.status == 400
    assert witness.checkpoint_of(sha256(LOG.encode()).hexdigest()).body.split("\n")[1] == "10"


def test_it_answers_404_for_a_log_it_does_not_follow(witness: Witness) -> None:
    signed = note.sign_note(note.checkpoint_body("other.example/log", 1, bytes(32)), "other.example/log", key(5))
    assert witness.add_checkpoint(request(0, [], signed)).status == 404


def test_it_answers_403_without_a_valid_signature_of_the_log_key(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    assert submit_signed(witness, checkpoint(history, signer=key(6))) == 403  # another key, the log's name
    signed = checkpoint(history)
    forged = signed.replace(base64.b64encode(history.root()).decode(), base64.b64encode(bytes(32)).decode(), 1)
    assert submit_signed(witness, forged) == 403


def submit_signed(witness: Witness, signed: str) -> int:
    return witness.add_checkpoint(request(0, [], signed)).status


@pytest.mark.parametrize(
    "body",
    [b"", b"old 1\n", b"old x\n\nnote", b"old 01\n\nnote", b"old 0\n\nnot a checkpoint\n", b"\xff\xfe",
     ("old 2\n" + "AAAA\n" + "\n").encode()],
)
def test_it_answers_400_to_what_is_not_an_add_checkpoint_request(witness: Witness, body: bytes) -> None:
    assert witness.add_checkpoint(body).status == 400


def test_it_refuses_a_proof_from_the_empty_tree_and_an_empty_tree_with_a_root(witness: Witness) -> None:
    history = tree_of(*HISTORY)
    assert witness.add_checkpoint(request(0, [bytes(32)], checkpoint(history))).status == 422
    empty = note.sign_note(note.checkpoint_body(LOG, 0, bytes(32)), LOG, LOG_KEY)
    assert witness.add_checkpoint(request(0, [], empty)).status == 422


def test_two_witness_processes_on_one_state_file_never_go_backwards(tmp_path: Path) -> None:
    """The check and the update are one SQLite transaction: a second process sees what the first stored."""
    first, second = (Witness(name=WITNESS, signing_key=key(2), logs=[LOG_VKEY],
                             state=WitnessState(tmp_path / "w.db")) for _ in range(2))
    history = tree_of(*HISTORY)
    assert submit(first, history, 0, 9)[0] == 200
    assert submit(second, history, 0, 6)[0] == 409
    assert submit(second, history, 9)[0] == 200


# What the verifier requires of cosigned checkpoints (accord_verify.verify.check_witnessed).

ARM, KAZ, RUS = (cosignature.parse_cosigner_vkey(cosignature.format_cosigner_vkey(f"witness.{c}.example/w",
                                                                                   bytes(key(seed).verify_key)))
                 for c, seed in (("arm", 11), ("kaz", 12), ("rus", 13)))
SIGNERS = {ARM.name: key(11), KAZ.name: key(12), RUS.name: key(13)}


def cosigned(tree: merkle.MemoryTree, size: int, *names: str) -> str:
    body = note.checkpoint_body(LOG, size, merkle.root_hash(size, tree.lookup))
    return checkpoint(tree, size) + "".join(cosignature.cosign(body, n, SIGNERS[n], NOW) for n in names)


def no_proof(first: int, second: int) -> list[bytes] | None:
    return None


def check(notes: list[str], verified: merkle.MemoryTree, quorum: int = 2,
          prove: Callable[[int, int], list[bytes] | None] = no_proof) -> str:
    return check_witnessed(notes, verified, LOG_VKEY, [ARM, KAZ, RUS], quorum, prove)


def test_it_counts_witnesses_at_the_verified_size_and_beyond_by_a_proof() -> None:
    history = tree_of(*HISTORY)
    verified = tree_of(*HISTORY[:8])
    notes = [cosigned(history, 8, ARM.name), cosigned(history, 12, KAZ.name), cosigned(history, 5, RUS.name)]

    def prove(first: int, second: int) -> list[bytes] | None:
        return merkle.consistency_proof(first, second, history.lookup)

    assert check(notes, verified, 2, prove) == (
        "witnessed at size 8 by witness.arm.example/w, witness.kaz.example/w (2 of 3, quorum 2)")
    with pytest.raises(Damage, match=r"no quorum: 3 of the 3 .* witness\.rus\.example/w last cosigned size 5"):
        check(notes, verified, 3, prove)


def test_it_takes_a_larger_cosigned_checkpoint_without_a_proof_for_a_rollback() -> None:
    history = tree_of(*HISTORY)
    with pytest.raises(Damage, match="cannot prove that these 8 entries are its beginning: the log was rolled"):
        check([cosigned(history, 12, ARM.name, KAZ.name)], tree_of(*HISTORY[:8]))


def test_it_takes_a_cosigned_checkpoint_of_another_tree_for_a_fork() -> None:
    fork = tree_of(*FORK)
    with pytest.raises(Damage, match=r"witness\.kaz\.example/w cosigned another history at size 8"):
        check([cosigned(fork, 8, KAZ.name)], tree_of(*HISTORY[:8]))
    # Beyond the verified size, a proof from the fork cannot make the history its beginning.
    with pytest.raises(Damage, match="not the beginning"):
        check([cosigned(fork, 12, KAZ.name)], tree_of(*HISTORY[:8]),
              prove=lambda first, second: merkle.consistency_proof(first, second, fork.lookup))


def test_it_ignores_cosignatures_of_witnesses_not_trusted_and_refuses_a_forged_one() -> None:
    history = tree_of(*HISTORY)
    body = note.checkpoint_body(LOG, 12, history.root())
    stranger = cosignature.cosign(body, "witness.other.example/w", key(20), NOW)
    with pytest.raises(Damage, match=r"no quorum: 1 of the 3 witnesses you trust .* none of them did"):
        check([checkpoint(history) + stranger], history, 1)
    forged = cosignature.cosign(body.replace("\n12\n", "\n11\n"), ARM.name, SIGNERS[ARM.name], NOW)
    with pytest.raises(Damage, match=r"the cosignature of witness\.arm\.example/w.* does not verify"):
        check([checkpoint(history) + forged], history, 1)
