"""Checking a signed document's PDF, whole, against a copy of the log and a pinned log key.

Everything the PDF prints is made again from the log (accord_verify.printed) and compared with every line
of every page; the embedded record is checked against the log entry by entry. It reads the PDF's bytes
and the log's entries and writes nothing, and it needs no Django: `accord-verify document` and the
server's `accord ledger verify-document` and upload page all call it.
"""

from __future__ import annotations

import difflib
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nacl.exceptions import BadSignatureError

from accord_verify import entries, merkle, note, printed, texts

ATTACHMENT = "accord-verification.json"
# The PDF creator of a session's minutes (WeasyPrint writes an HTML page's <meta name="generator"> there):
# minutes carry no verification record, and a check of one says so rather than doubting where it came from.
MINUTES_GENERATOR = "Accord: minutes of a session"
FORMAT = "accord-document-verification/2"
# More differences than this on the pages say nothing more than that the PDF is not the signed one.
MOST_LINES_NAMED = 12

_KEY_ACTS = (entries.KEY_REGISTERED, entries.KEY_ROTATED, entries.KEY_REVOKED, entries.PERSON_DEACTIVATED)
# What the log records of a signature, and the name of each field in the embedded record.
_SIGNATURE_FIELDS = (("member", "member"), ("key", "key_id"), ("signature", "signature"),
                     ("signed_on", "signed_on"), ("place", "place"), ("reservations", "reservations"))


@dataclass
class Report:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and not self.problems

    @property
    def placed(self) -> list[tuple[str, str]]:
        """Each problem as (the page and line it names, or "", what is wrong there), for a page to show."""
        parts = []
        for problem in self.problems:
            place, _, rest = problem.partition(": ")
            parts.append((place, rest) if place.startswith("page ") and rest else ("", problem))
        return parts


@dataclass(frozen=True)
class LogCopy:
    """A copy of the log to check against: its latest checkpoint and its entries from the first on
    (an export file, a server's API, or the server's own database), read once, as they come."""

    checkpoint: str
    entries: Iterable[bytes]
    description: str


def opened(statement: Mapping[str, Any], opening: Any) -> Mapping[str, Any]:
    """A sealed statement as its signer signed it (actor and body included), when the record opens its
    commitment with the salt and sealed content it carries (a members-only document's PDF carries its acts'
    openings); otherwise as it is."""
    if statement.get("body") is not None or not isinstance(opening, dict):
        return statement
    salt, content = opening.get("salt"), opening.get("content")
    if isinstance(salt, str) and isinstance(content, dict) \
            and entries.sealed_problem(statement, salt, content) is None:
        inner: Mapping[str, Any] = content["statement"]
        return inner
    return statement


def read_pdf(data: bytes) -> tuple[dict[str, Any], list[str]]:
    """The embedded verification record and each page's text. Raises ValueError."""
    record, pages, _ = _read(data)
    return record, pages


def _images(resources: Any, depth: int = 0) -> int:
    """How many images a page's resources draw, looking inside the forms they use too."""
    objects = resources.get("/XObject") if hasattr(resources, "get") else None
    if not objects or depth > 8:
        return 0
    found = 0
    for reference in objects.values():
        drawn = reference.get_object()
        if drawn.get("/Subtype") == "/Image":
            found += 1
        elif drawn.get("/Subtype") == "/Form":
            found += _images(drawn.get("/Resources"), depth + 1)
    return found


def _marks(reader: Any) -> list[str]:
    """What a page shows that its text does not carry: Accord prints neither annotations (a note or text
    box laid over the page, a form field) nor images, so either is something added afterwards."""
    marks = []
    for number, page in enumerate(reader.pages, 1):
        annotations = page.get("/Annots")
        if annotations:
            kinds = sorted({str(a.get_object().get("/Subtype", "?")).lstrip("/") for a in annotations})
            marks.append(f"page {number}: carries {len(annotations)} annotation(s) ({', '.join(kinds)}) laid over "
                         "the page, which Accord never prints")
        images = _images(page.get("/Resources"))
        if images:
            marks.append(f"page {number}: draws {images} image(s), which Accord never prints")
        marks += _hiding(reader, page, number)
    return marks


Matrix = tuple[float, float, float, float, float, float]
# The palest ink Accord prints with is #555 (0.33); anything near white on a white page hides.
PALEST_INK = 0.8
SMALLEST_TEXT = 4.0  # points; Accord's smallest is 7.5
LARGEST_RULE = 3.0  # points; the one filled shape Accord draws is a signature block's 1px line


def _times(m: Matrix, n: Matrix) -> Matrix:
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _lightness(operator: bytes, operands: list[Any]) -> float | None:
    values = [float(v) for v in operands if isinstance(v, (int, float)) or hasattr(v, "as_numeric")]
    if len(values) != len(operands) or not values:
        return None  # a pattern or a named colour: not Accord's ink
    if operator == b"k" or len(values) == 4:
        return (1 - values[3]) * (1 - max(values[:3]))
    return sum(values) / len(values)


def _bounds(path: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    if not path:
        return None
    xs, ys = [p[0] for p in path], [p[1] for p in path]
    return min(xs), min(ys), max(xs), max(ys)


def _hiding(reader: Any, page: Any, number: int) -> list[str]:
    """How a page hides words that its text still carries: ink near white, invisible or tiny text, text
    off the page, a filled area over the text, a clip, transparency. Accord's pages do none of these;
    text extraction would not notice any of them."""
    from pypdf.generic import ContentStream

    box = page.mediabox
    width, height = float(box.width), float(box.height)
    found: set[str] = set()
    ctm: Matrix = (1, 0, 0, 1, 0, 0)
    light = 0.0
    # WeasyPrint draws a rule as a fill clipped to a thin strip: a clip is Accord's only when no text is
    # drawn under it, and a fill counts for the part of it the clip lets through.
    clip: tuple[float, float, float, float] | None = None
    clipping = False
    stack: list[tuple[Matrix, float, tuple[float, float, float, float] | None]] = []
    tm = lm = ctm
    size, leading = 0.0, 0.0
    path: list[tuple[float, float]] = []
    states = (page.get("/Resources") or {}).get("/ExtGState") or {}
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        numbers = [float(v) for v in operands if isinstance(v, (int, float))]
        if operator == b"q":
            stack.append((ctm, light, clip))
        elif operator == b"Q" and stack:
            ctm, light, clip = stack.pop()
        elif operator == b"cm" and len(numbers) == 6:
            ctm = _times(tuple(numbers), ctm)  # type: ignore[arg-type]
        elif operator in (b"rg", b"g", b"k", b"sc", b"scn"):
            shade = _lightness(operator, operands)
            light = 1.0 if shade is None else shade
        elif operator == b"gs":
            state = states.get(operands[0]) if operands else None
            state = state.get_object() if state is not None else {}
            if any(float(state.get(name, 1)) < 1 for name in ("/ca", "/CA")) \
                    or state.get("/SMask", "/None") != "/None" or state.get("/BM", "/Normal") not in ("/Normal",
                                                                                                    "/Compatible"):
                found.add("transparency")
        elif operator == b"Tr" and numbers and numbers[0] not in (0, 1, 2):
            found.add("invisible text")
        elif operator in (b"W", b"W*"):
            clipping = True
        elif operator in (b"Do", b"sh", b"BI", b"ID", b"EI"):
            found.add("a drawn object")
        elif operator == b"Tz" and numbers and not 50 <= numbers[0] <= 200:
            found.add("squeezed text")
        elif operator == b"BT":
            tm = lm = (1, 0, 0, 1, 0, 0)
        elif operator == b"Tm" and len(numbers) == 6:
            tm = lm = tuple(numbers)  # type: ignore[assignment]
        elif operator in (b"Td", b"TD") and len(numbers) == 2:
            leading = -numbers[1] if operator == b"TD" else leading
            tm = lm = _times((1, 0, 0, 1, numbers[0], numbers[1]), lm)
        elif operator == b"TL" and numbers:
            leading = numbers[0]
        elif operator in (b"T*", b"'", b'"'):
            tm = lm = _times((1, 0, 0, 1, 0, -leading), lm)
        elif operator == b"Tf" and numbers:
            size = numbers[0]
        if operator in (b"Tj", b"TJ", b"'", b'"'):
            at = _times(tm, ctm)
            x, y = at[4], at[5]
            scale = abs(at[0] * at[3] - at[1] * at[2]) ** 0.5
            if light > PALEST_INK:
                found.add("text in white")
            if size * scale < SMALLEST_TEXT:
                found.add("tiny text")
            if not (-1 <= x <= width + 1 and -1 <= y <= height + 1):
                found.add("text off the page")
            if clip is not None:
                found.add("text under a clip")
        elif operator == b"re" and len(numbers) == 4:
            x, y, w, h = numbers
            path += [_point(ctm, x, y), _point(ctm, x + w, y + h)]
        elif operator in (b"m", b"l") and len(numbers) == 2:
            path.append(_point(ctm, *numbers))
        elif operator in (b"c", b"v", b"y") and len(numbers) >= 2:
            path += [_point(ctm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
        elif operator in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"S", b"s", b"n"):
            bounds = _bounds(path)
            if operator not in (b"S", b"s", b"n") and bounds:
                if clip is not None:
                    bounds = (max(bounds[0], clip[0]), max(bounds[1], clip[1]),
                              min(bounds[2], clip[2]), min(bounds[3], clip[3]))
                if bounds[2] - bounds[0] > LARGEST_RULE and bounds[3] - bounds[1] > LARGEST_RULE:
                    found.add("a filled area")
            if clipping and bounds:
                clip = bounds if clip is None else (max(bounds[0], clip[0]), max(bounds[1], clip[1]),
                                                    min(bounds[2], clip[2]), min(bounds[3], clip[3]))
            clipping = False
            path = []
    return [f"page {number}: hides printed words ({', '.join(sorted(found))}), which Accord never does"] \
        if found else []


def _read(data: bytes) -> tuple[dict[str, Any], list[str], list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        attached = reader.attachments.get(ATTACHMENT)
        pages = [page.extract_text() or "" for page in reader.pages]
        marks = _marks(reader)
        creator = reader.metadata.creator if reader.metadata else None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a readable PDF ({error})") from None
    if not attached and creator == MINUTES_GENERATOR:
        raise ValueError("these are the minutes of a session printed by Accord, which carry no verification "
                         "record: only a document's PDF is checked here (each act the minutes report is in the "
                         "log, where the ledger explorer and `accord-verify` check it)")
    if not attached:
        raise ValueError(f"the PDF carries no {ATTACHMENT}: it was not printed by Accord")
    try:
        record = json.loads(attached[0])
    except ValueError:
        raise ValueError(f"the PDF's {ATTACHMENT} is not JSON") from None
    if not isinstance(record, dict) or not str(record.get("format", "")).startswith(FORMAT.split("/")[0] + "/"):
        raise ValueError(f"the PDF's {ATTACHMENT} is not an Accord verification record")
    if record["format"] != FORMAT:
        raise ValueError(f"the PDF was printed by an earlier Accord ({record['format']}), whose pages were not "
                         "checked whole: print it again from the server")
    return record, pages, marks


def check_pdf(data: bytes, *, vkey: str, log: LogCopy) -> Report:
    """Check a PDF against `log`, trusting only the log key `vkey`: its checkpoint, its entries, its
    signatures, and that its pages print exactly what the log says."""
    report = Report()
    try:
        record, pages, marks = _read(data)
    except ValueError as error:
        report.problems.append(str(error))
        return report
    report.problems.extend(marks)
    report.data = {name: record.get(name) for name in ("document", "version", "hash")}
    try:
        _check(record, pages, vkey, log, report)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        report.problems.append(f"the verification record is malformed ({error!r})")
    return report


def _open(text: str, key: note.VerifierKey) -> note.Checkpoint:
    return note.parse_checkpoint(note.open_note(text, [key]).body)


def _check(record: dict[str, Any], pages: list[str], vkey: str, log: LogCopy, report: Report) -> None:
    key = note.parse_vkey(vkey.strip())
    if record["log_key"].strip() != vkey.strip():
        report.problems.append(f"the PDF names the log key {record['log_key']}, not the one you pinned")
        return
    try:
        signed = _open(record["checkpoint"], key)
        latest = _open(log.checkpoint, key)
    except note.NoteError as error:
        report.problems.append(f"a checkpoint is not signed by the pinned log key: {error}")
        return
    document, version, digest, content = record["document"], record["version"], record["hash"], record["content"]
    openings = record.get("opened") or {}
    wanted = {item["seq"] for item in record["entries"]} | {int(name) for name in openings}
    read = _read_log(log, latest.size, wanted, signed.size, document, version, digest, openings)
    if not _same_log(signed, latest, log, read, report):
        return
    report.problems.extend(read.signature_problems)
    if (texts.hash_of(content) != digest or content.get("document") != document
            or content.get("version") != version):
        report.problems.append("the embedded text does not hash to the document hash")
        return
    report.checks.append(f"the embedded text hashes to {digest}")
    carried: dict[int, Mapping[str, Any]] = {}
    for item in record["entries"]:
        seq = item["seq"]
        carried[seq] = opened(json.loads(item["entry"])["statement"], openings.get(str(seq)))
        what = _named(seq, carried[seq])
        proof = [entries.unb64(p) for p in item["proof"]]
        if not merkle.verify_inclusion(merkle.leaf_hash(item["entry"].encode()), seq, signed.size, proof,
                                       signed.root):
            report.problems.append(f"the PDF's {what} is not proved to be in its checkpoint")
        elif read.wanted.get(seq) != item["entry"].encode():
            report.problems.append(f"the PDF's {what} differs from the log's")
    for name, opening in openings.items():
        seq = int(name)
        sealed = json.loads(read.wanted[seq])["statement"] if 0 <= seq < signed.size else {}
        if opened(sealed, opening).get("body") is None:
            report.problems.append(f"the record opens entry #{seq} with a body that its commitment in the log "
                                   "does not commit to")
    statements, later = read.statements, read.later
    report.checks.extend(read.signature_checks)
    if any(str(seq) in openings for seq in statements):
        report.checks.append("the document's acts are sealed: the PDF opens their commitments in the log; a "
                             "sealed signature or annotation that the PDF leaves out cannot be seen in the log")
    try:
        facts = printed.facts_of(document=document, version=version, content=content, statements=statements,
                                 origin=signed.origin, log_key=vkey.strip(), checkpoint=record["checkpoint"])
    except printed.Unprintable as error:
        report.problems.append(f"{error} before the PDF's checkpoint (size {signed.size})")
        return
    if facts.hash != digest:
        report.problems.append(f"the log records another hash for version {version} than the PDF's")
        return
    if facts.adoption_seq is None:
        report.checks.append(f"version {version} is a draft: the log records no adoption of it")
    elif facts.adoption_hash != digest:
        report.problems.append(f"the adoption entry #{facts.adoption_seq} records another hash than the PDF's")
        return
    else:
        report.checks.append(f"version {version} was adopted by entry #{facts.adoption_seq}")
    _check_record_signatures(record, facts, report)
    embedded = {item["seq"] for item in record["entries"]}
    needed = [facts.adoption_seq] if facts.adoption_seq is not None else []
    for seq in [*needed, *(signature.seq for signature in facts.signatures)]:
        if seq not in embedded:
            report.problems.append(f"the record leaves out entry #{seq}, which the PDF prints from")
    _check_annotations(facts, carried, report)
    for seq, member in later:
        report.checks.append(f"{member} signed after this PDF was printed (entry #{seq}): print it again to "
                             "include that signature")
    for seq, annotated in read.later_annotations:
        report.checks.append(f"entry #{annotated} was annotated after this PDF was printed (entry #{seq}): "
                             "print it again to include the certainty it gives")
    _compare_pages(printed.lines_of(printed.layout(facts)), pages, report)


@dataclass
class _LogRead:
    """What one pass over the log copy finds: its tree, the entries the record names, this document's
    entries up to the PDF's checkpoint, and the outcome of each of its signatures' checks."""

    tree: merkle.MemoryTree
    wanted: dict[int, bytes]
    statements: dict[int, Mapping[str, Any]]
    later: list[tuple[int, str]]
    signature_checks: list[str]
    signature_problems: list[str]
    # Annotations of this version's entries recorded after the PDF's checkpoint: (annotation, annotated).
    later_annotations: list[tuple[int, int]] = field(default_factory=list)


def _read_log(log: LogCopy, size: int, wanted: set[int], printed_size: int, document: int, version: int,
              digest: str, openings: Mapping[str, Any]) -> _LogRead:
    """One pass over the first `size` entries of the copy, however large, holding only the tree and
    what concerns this document. Each signature is checked against the key the log had registered for
    its signer at that point."""
    read = _LogRead(merkle.MemoryTree(), {}, {}, [], [], [])
    keys = entries.KeyRegistry()
    checked = Report()
    for seq, data in enumerate(log.entries):
        if seq >= size:
            break
        read.tree.append(merkle.leaf_hash(data))
        if seq in wanted:
            read.wanted[seq] = data
        # Reading every entry as JSON would cost most of the check: only key and document acts matter, and
        # the later annotations of the document's acts.
        if (b'"keys.' not in data and b'"members.person_deactivated"' not in data and b'"documents.' not in data
                and b'"core.annotated"' not in data and str(seq) not in openings):
            continue
        statement = opened(json.loads(data)["statement"], openings.get(str(seq)))
        if statement.get("type") in _KEY_ACTS:
            keys.apply(statement)
            continue
        body = statement.get("body")
        if statement.get("type") == printed.ANNOTATED:
            # An annotation follows the act it annotates: that act is read already if it is this document's.
            annotated = body.get("entry") if isinstance(body, dict) else None
            if isinstance(annotated, int) and annotated in read.statements \
                    and read.statements[annotated].get("type") != printed.ANNOTATED:
                if seq < printed_size:
                    read.statements[seq] = statement
                elif _of_version(read.statements[annotated], version):
                    read.later_annotations.append((seq, annotated))
            continue
        # A sealed act's statement does not say which document it is about; if it is this one's creation
        # or adoption, the facts are missing and the check says so.
        if not str(statement.get("type", "")).startswith("documents.") or body is None \
                or body.get("document") != document:
            continue
        this_version = statement.get("type") == printed.SIGNED and body.get("version") == version
        if seq >= printed_size:
            if this_version:
                read.later.append((seq, str(body.get("member"))))
            continue
        read.statements[seq] = statement
        if this_version:
            _check_signature(seq, statement, keys, digest, checked)
    read.signature_checks, read.signature_problems = checked.checks, checked.problems
    return read


def _of_version(statement: Mapping[str, Any], version: int) -> bool:
    """Whether a document's act is one a PDF of `version` prints from: the creation, or an act of that version."""
    return statement.get("type") == printed.CREATED or (statement.get("body") or {}).get("version") == version


def _named(seq: int, statement: Mapping[str, Any]) -> str:
    """An embedded entry as a refusal names it: an annotation with the entry it annotates, where it says."""
    if statement.get("type") != printed.ANNOTATED:
        return f"entry #{seq}"
    annotated = (statement.get("body") or {}).get("entry")
    return f"annotation #{seq} (of entry #{annotated})" if annotated is not None else f"annotation #{seq}"


def _check_annotations(facts: printed.Facts, carried: Mapping[int, Mapping[str, Any]], report: Report) -> None:
    """The record carries every later annotation the log holds of the entries the PDF prints from, and no
    other: the marks the pages print beside the title and the day of adoption are the ones that stand."""
    logged = dict(facts.annotations)
    for seq, annotated in facts.annotations:
        if seq not in carried:
            report.problems.append(f"the record leaves out the annotation #{seq} of entry #{annotated} that the "
                                   "log holds (sources and certainties given later), which the PDF prints from: "
                                   "a PDF printed before records carried annotations is printed again from the "
                                   "server")
    for seq, statement in carried.items():
        if statement.get("type") == printed.ANNOTATED and seq not in logged:
            report.problems.append(f"the record carries the {_named(seq, statement)}, which the log does not "
                                   "hold as an annotation of an entry this PDF prints from")
    if logged and all(seq in carried for seq in logged):
        report.checks.append(f"the {len(logged)} later annotation(s) the log holds of the entries the PDF prints "
                             "from are in the record, their certainties printed as they stand")


def _same_log(signed: note.Checkpoint, latest: note.Checkpoint, log: LogCopy, read: _LogRead,
              report: Report) -> bool:
    """Whether the PDF's checkpoint is a state of the log copy, whose entries make its latest checkpoint."""
    if signed.origin != latest.origin:
        report.problems.append(f"the PDF is of the log {signed.origin}, not of {latest.origin}")
        return False
    if read.tree.size < latest.size:
        report.problems.append(f"{log.description} holds {read.tree.size} entries, fewer than its checkpoint's "
                               f"{latest.size}")
        return False
    if read.tree.root() != latest.root:
        report.problems.append(f"the entries of {log.description} do not make its signed checkpoint")
        return False
    report.checks.append(f"{log.description}: {latest.size} entries make its checkpoint, "
                         f"signed by {latest.origin}")
    if signed.size > latest.size:
        report.problems.append(f"the PDF's checkpoint (size {signed.size}) is ahead of {log.description} "
                               f"(size {latest.size}): check it against a newer copy")
        return False
    if merkle.root_hash(signed.size, read.tree.lookup) != signed.root:
        report.problems.append(f"the PDF's checkpoint (size {signed.size}) is not a state of {log.description}: "
                               "one of the two is a rewritten history")
        return False
    report.checks.append(f"the PDF's checkpoint (tree size {signed.size}) is signed by the log key and is a "
                         f"state of {log.description}")
    return True


def _check_signature(seq: int, statement: Mapping[str, Any], keys: entries.KeyRegistry, digest: str,
                     report: Report) -> None:
    body = statement["body"]
    member, key_id = body.get("member"), body.get("key")
    person = (statement.get("actor") or {}).get("person")
    key = keys.active.get(key_id)
    if body.get("hash") != digest:
        report.problems.append(f"the signature of {member} (entry #{seq}) is over another hash than "
                               "the document's")
    # A sealed statement may not name its actor: then the key must be one of the member that signs.
    elif (key is None or key.person in keys.deactivated
          or (key.person != person if person else key.member != member)):
        report.problems.append(f"the signature of {member} (entry #{seq}) is by the key {key_id}, which the log "
                               f"had not registered for its signer {person} at that point")
    elif key.member is not None and key.member != member:
        report.problems.append(f"the signature of {member} (entry #{seq}) is by a key of {key.member}")
    else:
        try:
            key.verify_key.verify(texts.signing_message(digest), entries.unb64(body.get("signature", "")))
        except (BadSignatureError, ValueError, TypeError):  # a bad signature, or one that is not even base64
            report.problems.append(f"the signature of {member} (entry #{seq}) does not verify over the hash")
            return
        report.checks.append(f"the signature of {member} (entry #{seq}, key {key_id} of {person}) verifies")


def _check_record_signatures(record: dict[str, Any], facts: printed.Facts, report: Report) -> None:
    """The embedded record's copy of each signature says what the log says, field by field."""
    logged = {signature.seq: signature for signature in facts.signatures}
    listed = set()
    for copy in record.get("signatures") or []:
        seq = copy.get("seq")
        listed.add(seq)
        entry = logged.get(seq)
        if entry is None:
            report.problems.append(f"the record lists a signature of {copy.get('member')} (entry #{seq}) that the "
                                   "log does not record for this version")
            continue
        for name, recorded in _SIGNATURE_FIELDS:
            if not _same_field(copy.get(recorded), getattr(entry, name)):
                report.problems.append(f"the record's {recorded} of {entry.member}'s signature is "
                                       f"{copy.get(recorded)!r}, its entry #{seq} records "
                                       f"{getattr(entry, name)!r}")
    for seq, entry in logged.items():
        if seq not in listed:
            report.problems.append(f"the record leaves out the signature of {entry.member} (entry #{seq}) "
                                   "that the log records")


def _same_field(recorded: Any, logged: Any) -> bool:
    """Whether the record's copy of a signature's field says what its entry does. A place the entry writes as
    a plain text (an entry written before places followed the organization's languages) is the same as a
    record's place in one language with that text."""
    if recorded == logged:
        return True
    return isinstance(logged, str) and isinstance(recorded, dict) and list(recorded.values()) == [logged]


def _words(text: str) -> list[str]:
    # What text extraction legitimately changes, and nothing more: ligatures and compatibility forms
    # (NFKC), soft hyphens, and where lines wrap (words are compared in order, not lines).
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "").split()


def _compare_pages(expected: list[printed.Line], pages: list[str], report: Report) -> None:
    want = [(word, line) for line in expected for word in _words(line.text)]
    got: list[tuple[str, int, int]] = []
    for number, text in enumerate(pages, 1):
        rows = text.split("\n")
        footer = f"{number} / {len(pages)}"
        # The page number the page style prints at the foot: the one line not in the layout.
        for index in range(len(rows) - 1, -1, -1):
            if rows[index].strip() == footer:
                rows[index] = ""
                break
        for row_number, row in enumerate(rows, 1):
            got += [(word, number, row_number) for word in _words(row)]
    matcher = difflib.SequenceMatcher(a=[w for w, _ in want], b=[w for w, _, _ in got], autojunk=False)
    differences = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for tag, i1, i2, j1, j2 in differences[:MOST_LINES_NAMED]:
        at = got[j1] if j1 < len(got) else (got[-1] if got else ("", len(pages), 0))
        where = want[i1][1].where if i1 < len(want) else (want[-1][1].where if want else "the document")
        removed = _quote([w for w, _ in want[i1:i2]])
        added = _quote([w for w, _, _ in got[j1:j2]])
        place = f"page {at[1]}, line {at[2]}"
        if tag == "replace":
            report.problems.append(f"{place}: prints {added} where the log says {removed} ({where})")
        elif tag == "insert":
            # What was slipped in is named by what it follows, the last line that is as the log says.
            before = want[i1 - 1][1].where if 0 < i1 <= len(want) else where
            report.problems.append(f"{place}: prints {added}, which the log does not say (after {before})")
        else:
            report.problems.append(f"{place}: leaves out {removed}, which the log says ({where})")
    if len(differences) > MOST_LINES_NAMED:
        report.problems.append(f"and {len(differences) - MOST_LINES_NAMED} more differences on the pages")
    if not differences:
        report.checks.append(f"every line of the {len(pages)} pages is what the log says the document prints")


def _quote(words: list[str]) -> str:
    text = " ".join(words)
    return repr(text if len(text) <= 80 else text[:77] + "...")
