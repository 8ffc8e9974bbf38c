"""What the search API answers."""

from __future__ import annotations

from ninja import Field

from accord.core.schema import Schema


class HitOut(Schema):
    kind: str = Field(..., description="act, session, item, statement, proposal, document or crisis")
    ref: int = Field(..., description="The thing's id (an act: its entry's sequence number)")
    language: str = Field(..., description="The ISO 639 language of the text that matched")
    title: str
    snippet: str = Field(..., description="HTML: the matching passage, escaped, each match in <mark>")
    url: str = Field(..., description="The page that shows the thing")


class SearchOut(Schema):
    q: str
    kind: str | None
    total: int = Field(..., description="Things found that the caller may see, of every kind")
    counts: dict[str, int] = Field(..., description="Things found per kind (only kinds with any)")
    page: int
    pages: int
    hits: list[HitOut]
