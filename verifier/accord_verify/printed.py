"""What a signed document's PDF prints, as plain lines made from the log alone.

The PDF template is fed from these lines and the verifier compares every page of a PDF with them, so
what is printed and what is checked cannot drift apart. Every fact comes from the ledger entries the
PDF embeds (creation, adoption, each signature, and the secretariat's later annotations of them) or from
the version's content, whose hash the adoption entry records. No Django here: the server prints with it,
the verifier checks with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord_verify import texts

CREATED = "documents.created"
ADOPTED = "documents.adopted"
SIGNED = "documents.signed"
# The secretariat's later annotation of an act's sources and certainties (accord.core.actions.annotate):
# its body's `entry` names the annotated entry, its `provenance` stands for that entry's fields.
ANNOTATED = "core.annotated"
CERTAINTIES = ("confirmed", "reported", "uncertain", "illustrative")
# The acts that make a version, each recording its number and hash.
VERSIONED = (CREATED, "documents.version_added", "documents.amendment_accepted")

# A code (a hash, a key, a signature, a checkpoint line) is printed in pieces of this many characters,
# each on its own line: the PDF then wraps it the same way every time, and its text reads back line by
# line instead of as a word broken wherever the renderer found room.
CODE_WIDTH = 40

# What each kind is called on paper, in Russian and in English (the labels of models.Kind; kept here
# because the stand-alone verifier has no Django translations to ask).
KINDS: dict[str, tuple[str, str]] = {
    "decision": ("Решение", "Decision"),
    "declaration": ("Декларация", "Declaration"),
    "statement": ("Заявление", "Statement"),
    "joint_statement": ("Совместное заявление", "Joint statement"),
    "agreement": ("Соглашение", "Agreement"),
}


@dataclass(frozen=True)
class Line:
    """One printed paragraph or line: `role` tells the template how it looks, `where` tells a reader of a
    refusal which part of the document it belongs to."""

    role: str
    text: str
    where: str


@dataclass(frozen=True)
class Group:
    role: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Section:
    role: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Signed:
    """A signature as its ledger entry records it."""

    seq: int
    member: str
    # The member's name per language, as the entry records it (`{"ru": "Фиджи", "en": "Fiji"}`).
    member_names: Mapping[str, str]
    signer: str
    title: str
    key: str
    signature: str
    signed_on: str
    # Where it was signed, per language as the entry records it (`{"ru": "Москва", "en": "Moscow"}`), or as
    # a plain text in an entry written before places followed the organization's languages.
    place: Mapping[str, str] | str
    reservations: str


@dataclass(frozen=True)
class Facts:
    """Everything the PDF prints: the version's content and what the log records about it."""

    document: int
    version: int
    hash: str
    content: Mapping[str, Any]
    signatories: tuple[str, ...]
    decision: str
    adopted_on: str
    adoption_seq: int | None
    adoption_hash: str
    signatures: tuple[Signed, ...]
    # The organization's languages when the document was created, its default first: the order its names
    # are printed in (empty for a document created before the entry recorded them).
    languages: tuple[str, ...]
    origin: str
    log_key: str
    checkpoint: str
    # The certainty of the title and of the day of adoption, where it is not plain fact (reported, uncertain,
    # illustrative: a `provenance` in the creation's or adoption's body, or a later `core.annotated` of that
    # entry, the latest standing), with the adoption's note in English and the title's in each language it
    # gives, as (language, note): printed beside the value, as every printed form of Accord prints it.
    title_mark: str = ""
    title_note: tuple[tuple[str, str], ...] = ()
    adoption_mark: str = ""
    adoption_note: str = ""
    # Each later annotation of an entry the PDF prints from (its creation, the version's own entry, its
    # adoption, its signatures), as (annotation's entry, annotated entry).
    annotations: tuple[tuple[int, int], ...] = ()


# How a mark reads in the PDF's languages (Russian, else English), as the pages print it.
MARKS = {"reported": ("по сообщениям", "reported"), "uncertain": ("предположительно", "uncertain"),
         "illustrative": ("условно", "illustrative")}


def standing(provenances: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Each field's certainty and note from an act's own provenance and then its annotations', in the order
    the log recorded them: a later certainty of a field stands for it, with its note, or the earlier note
    where it gives none. The rule the pages follow (accord.core.provenance.of_entries), without Django."""
    fields: dict[str, dict[str, Any]] = {}
    for given in provenances:
        named = given.get("fields") if isinstance(given, dict) else None
        for name, found in (named.items() if isinstance(named, dict) else ()):
            if not isinstance(found, dict) or found.get("certainty") not in CERTAINTIES:
                continue
            note = found.get("note")
            earlier = fields.get(name, {}).get("note", {})
            fields[name] = {"certainty": found["certainty"], "note": note if isinstance(note, dict) and note
                            else earlier}
    return fields


def _mark(fields: Mapping[str, Mapping[str, Any]], field: str) -> tuple[str, str]:
    """The certainty standing for `field` if it is to be marked, and its English note."""
    certainty, notes = _marked(fields, field)
    return certainty, dict(notes).get("en", "")


def _marked(fields: Mapping[str, Mapping[str, Any]], field: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The certainty standing for `field` if it is to be marked, and its note in each language it gives."""
    found = fields.get(field)
    if found is None or found["certainty"] not in MARKS:
        return "", ()
    return str(found["certainty"]), tuple(sorted((str(language), text) for language, note in found["note"].items()
                                                 if (text := _text(note))))


class Unprintable(ValueError):
    """The entries do not describe one printable version (a missing or mismatched entry)."""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def signed_from(seq: int, statement: Mapping[str, Any]) -> Signed:
    body = statement.get("body") or {}
    names: Mapping[str, Any] = body["member_name"] if isinstance(body.get("member_name"), dict) else {}
    signer: Mapping[str, Any] = body["signer"] if isinstance(body.get("signer"), dict) else {}
    # Entries recorded before the act carried the names print what they do carry: the code and the login.
    person = _text((statement.get("actor") or {}).get("person"))
    return Signed(seq=seq, member=_text(body.get("member")),
                  member_names={code: name for code, name in names.items() if texts.is_code(code) and _text(name)},
                  signer=_text(signer.get("name")) or person,
                  title=_text(signer.get("title")), key=_text(body.get("key")),
                  signature=_text(body.get("signature")), signed_on=_text(body.get("signed_on")),
                  place=_place(body.get("place")), reservations=_text(body.get("reservations")))


def _place(value: Any) -> Mapping[str, str] | str:
    if isinstance(value, dict):
        return {code: text for code, text in value.items() if texts.is_code(code) and _text(text)}
    return _text(value)


def place_in(languages: Sequence[str], place: Mapping[str, str] | str) -> str:
    """A signature's place as its block prints it: each language's name, in the organization's order."""
    if isinstance(place, str):
        return place
    return " / ".join(place[language] for language in in_order(languages, place))


def facts_of(*, document: int, version: int, content: Mapping[str, Any],
             statements: Mapping[int, Mapping[str, Any]], origin: str, log_key: str, checkpoint: str) -> Facts:
    """The facts of version `version` of `document` from its entries' statements (by sequence number), with
    the later annotations of those entries among them.

    Only entries about this very version count; raises Unprintable when the document's creation or the
    version's own entry is missing, for then the PDF would print something the log does not say."""
    created: tuple[int, Mapping[str, Any]] | None = None
    made: tuple[int, Mapping[str, Any]] | None = None
    adopted: tuple[int, Mapping[str, Any]] | None = None
    signatures: list[Signed] = []
    annotating: dict[int, list[tuple[int, Mapping[str, Any]]]] = {}
    for seq in sorted(statements):
        statement = statements[seq]
        body = statement.get("body") or {}
        kind = statement.get("type")
        if kind == ANNOTATED and isinstance(body.get("entry"), int) and not isinstance(body["entry"], bool):
            annotating.setdefault(body["entry"], []).append((seq, body.get("provenance") or {}))
            continue
        if body.get("document") != document:
            continue
        if kind == CREATED:
            created = (seq, body)
        if kind in VERSIONED and body.get("version") == version:
            made = (seq, body)
        elif kind == ADOPTED and body.get("version") == version:
            adopted = (seq, body)
        elif kind == SIGNED and body.get("version") == version:
            signatures.append(signed_from(seq, statement))
    if created is None:
        raise Unprintable(f"no entry records the creation of document {document}")
    if made is None:
        raise Unprintable(f"no entry records version {version} of document {document}")
    # A draft is printed too, marked as not adopted.
    adoption_seq = adopted[0] if adopted else None
    adoption: Mapping[str, Any] = adopted[1] if adopted else {}

    def certainties(seq: int | None, body: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        later = [given for at, given in annotating.get(seq, []) if at > seq] if seq is not None else []
        return standing([body.get("provenance"), *later])

    adoption_mark, adoption_note = _mark(certainties(adoption_seq, adoption), "adopted_on")
    # The entries the PDF prints from, whose later annotations its record carries.
    own = {created[0], made[0], *([adoption_seq] if adoption_seq is not None else []),
           *(signed.seq for signed in signatures)}
    annotations = tuple(sorted((at, seq) for seq in own for at, _ in annotating.get(seq, []) if at > seq))
    creation = created[1]
    title_mark, title_note = _marked(certainties(created[0], creation), "title")
    return Facts(document=document, version=version, hash=_text(made[1].get("hash")), content=content,
                 signatories=tuple(str(code) for code in creation.get("signatories") or ()),
                 decision=_text(adoption.get("decision")), adopted_on=_text(adoption.get("adopted_on")),
                 adoption_seq=adoption_seq, adoption_hash=_text(adoption.get("hash")),
                 signatures=tuple(signatures),
                 languages=tuple(code for code in creation.get("languages") or () if texts.is_code(code)),
                 origin=origin, log_key=log_key, checkpoint=checkpoint,
                 title_mark=title_mark, title_note=title_note, adoption_mark=adoption_mark,
                 adoption_note=adoption_note, annotations=annotations)


def _code(text: str, where: str) -> list[Line]:
    lines = []
    for row in text.split("\n"):
        lines += [Line("code", row[i:i + CODE_WIDTH], where) for i in range(0, len(row), CODE_WIDTH)]
    return lines


def _text_section(facts: Facts, language: str, authentic: bool) -> Section:
    content = facts.content
    ru = language == "ru"
    kind = KINDS.get(str(content.get("kind")), (str(content.get("kind")), str(content.get("kind"))))
    titles = content.get("title") or {}
    # A title missing in this language: the organization's default's (none was missing before any was).
    title = str(titles.get(language) or next((str(titles[code]) for code in in_order(facts.languages, titles)
                                              if titles[code]), ""))
    if authentic:
        label = "Аутентичный текст на русском языке" if ru else f"Authentic text in {language}"
    else:
        label = "Перевод на русский язык (не аутентичный)" if ru else f"Translation in {language} (not authentic)"
    name = f"the {language} text"
    if facts.title_mark:
        title = f"{title} · {MARKS[facts.title_mark][0 if ru else 1]}"
    # The title's note, in this text's language where the note gives it, else in English.
    notes = dict(facts.title_note)
    note = notes.get(language) or notes.get("en", "")
    lines = [Line("kind", (kind[0] if ru else kind[1]).upper(), f"the kind line of {name}"),
             Line("title", title, f"the title of {name}"),
             *([Line("titlenote", note, f"the title's note in {name}")] if note else []),
             Line("lang", f"{label} · {facts.version}", f"the heading of {name}")]
    lines += [Line("para", para, f"paragraph {i} of {name}")
              for i, para in enumerate(texts.paragraphs(str(content["texts"][language])), 1)]
    return Section("text" if authentic else "text translation", (Group("body", tuple(lines)),))


def in_order(languages: Sequence[str], codes: Iterable[str]) -> list[str]:
    """`codes` in the order of the organization's `languages`, the others after them alphabetically; with no
    languages recorded (a document created before its entry recorded them), Russian first, as then printed."""
    ranked = {code: index for index, code in enumerate(languages or ("ru",))}
    return sorted(codes, key=lambda code: (ranked.get(code, len(ranked)), code))


def _block(code: str, signed: Signed | None, languages: Sequence[str]) -> Group:
    where = f"the signature block of {code}"
    if signed is None:
        return Group("block", (Line("member", code, where), Line("blank", "", where),
                               Line("unsigned", "Not signed / Не подписано", where)))
    names = " / ".join(signed.member_names[language] for language in in_order(languages, signed.member_names))
    lines = [Line("member", f"{names} ({code})" if names else code, where),
             Line("signer", f"{signed.signer}, {signed.title}" if signed.title else signed.signer, where),
             Line("place", f"{place_in(languages, signed.place)}, {signed.signed_on}", where),
             Line("code", f"Ed25519 {signed.key}", where), *_code(signed.signature, where),
             Line("entry", f"Ledger entry #{signed.seq}", where)]
    if signed.reservations:
        lines.append(Line("reservations", f"Reservations: {signed.reservations}", where))
    return Group("block", tuple(lines))


def _verification(facts: Facts) -> Section:
    where = "the verification section"
    size = facts.checkpoint.split("\n")[1] if facts.checkpoint.count("\n") >= 2 else "?"
    marked = ""
    if facts.adoption_mark:
        note = f": {facts.adoption_note}" if facts.adoption_note else ""
        marked = f" ({MARKS[facts.adoption_mark][1]}{note})"
    lines = [Line("heading", "Verification / Проверка", where),
             Line("label", "Document hash", where), *_code(facts.hash, where),
             Line("label", f"Document {facts.document}, version {facts.version}", where),
             Line("label", f"Adopted: {facts.decision}, {facts.adopted_on}{marked}; ledger entry "
                          f"#{facts.adoption_seq}" if facts.adoption_seq is not None
                  else "Not adopted: a draft, not for signature", where),
             Line("label", f"Log: {facts.origin}; key", where), *_code(facts.log_key, where),
             Line("label", f"Checkpoint: tree size {size}", where), *_code(facts.checkpoint.rstrip("\n"), where),
             Line("note", "This PDF carries the attachment accord-verification.json. Check it with `accord "
                          "ledger verify-document FILE.pdf --log EXPORT --key VKEY` or on the server's page "
                          "/documents/verify/.", where)]
    return Section("verification", (Group("body", tuple(lines)),))


def layout(facts: Facts) -> list[Section]:
    """The PDF's text in print order: each authentic text, each translation, the signature blocks (one per
    signatory, in the order the creation entry lists them), then the verification section."""
    authentic = [str(language) for language in facts.content.get("authentic") or ()]
    translated = [str(language) for language in facts.content.get("texts") or {} if language not in authentic]
    if facts.languages:  # the organization's order; a document created before it was recorded prints as it did
        authentic, translated = in_order(facts.languages, authentic), in_order(facts.languages, translated)
    sections = [_text_section(facts, language, True) for language in authentic]
    sections += [_text_section(facts, language, False) for language in translated]
    by_member = {signed.member: signed for signed in facts.signatures}
    codes = [*facts.signatories, *(code for code in by_member if code not in facts.signatories)]
    sections.append(Section("blocks", tuple(_block(code, by_member.get(code), facts.languages) for code in codes)))
    sections.append(_verification(facts))
    return sections


def lines_of(sections: Sequence[Section]) -> list[Line]:
    return [line for section in sections for group in section.groups for line in group.lines]
