"""Texts of documents: a version's canonical content and hash, its paragraphs, word diffs, and the
message a head signs."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from accord_verify import entries
from accord_verify.body_signatures import document_signing_message

# A language code as the texts are keyed by: ISO 639's two or three lowercase letters. Which codes ISO 639
# assigns is checked where a text is given (accord.documents); the verifier only reads what the log holds.
_CODE = re.compile(r"^[a-z]{2,3}$")


def is_code(value: object) -> bool:
    """Whether `value` has the form of an ISO 639 code (`ru`, `fr`, `hye`)."""
    return isinstance(value, str) and bool(_CODE.match(value))


def content_of(*, document: int, kind: str, title: Mapping[str, str], number: int,
               texts: Mapping[str, str], authentic: Sequence[str]) -> dict[str, Any]:
    """Everything a version's hash covers: what the document says, in which languages, which are authentic.

    The title is given per language (the organization's); a canonical form orders its keys, so the hash does
    not depend on the order they are given in."""
    return {
        "document": document, "kind": kind, "title": {language: str(text) for language, text in title.items()},
        "version": number,
        "texts": {language: texts[language] for language in sorted(texts)},
        "authentic": sorted(authentic),
    }


def hash_of(content: Mapping[str, Any]) -> str:
    """SHA-256 of the content's RFC 8785 canonical JSON, through the ledger's canonical form."""
    return "sha256:" + hashlib.sha256(entries.canonical(dict(content))).hexdigest()


def signing_message(version_hash: str) -> bytes:
    """What a head signs: defined beside the log verifier, which checks every such signature in the log."""
    return document_signing_message(version_hash)


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: separated by blank lines, each with its inner whitespace kept to single spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def replace_paragraph(text: str, index: int, new: str) -> str:
    """The text with paragraph `index` (1-based) replaced; paragraphs come back separated by one blank line."""
    parts = paragraphs(text)
    parts[index - 1] = " ".join(new.split())
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "removed", "added"
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """The words removed and added between two texts (difflib on words, whitespace kept as one space)."""
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return pieces
