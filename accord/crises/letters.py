"""Letters to the UN Security Council, generated from what the acts record, in each of the organization's
languages that the interface speaks.

Only recorded facts go in: the request, the legal basis, the authorizing decision, the mandate's
purpose, area and duration, the contributors whose contingents were accepted, and for later letters
the latest situation report or the dates of completion and withdrawal. Each kind of letter is a
template (templates/crises/letters/<kind>.txt) whose sentences are translated in the crises catalogue,
rendered in the letter's language with that language's date format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from accord.core.translations import Texts, content_languages
from accord.crises import catalogue

KINDS = ("notification", "report", "completion")
# To whom a letter goes: the President of the Security Council (the letters generated here), or the UN
# Secretary-General (as the Secretary General of the 2022 operation wrote).
COUNCIL, SECRETARY = "council", "secretary"
ADDRESSEES = (COUNCIL, SECRETARY)


@dataclass(frozen=True)
class Facts:
    organization: Texts
    requester: Texts
    requested_at: dt.datetime
    legal_basis: str
    purpose: Texts
    area: Texts
    decision_identifier: str  # the stable identifier the mandate records
    decision_at: dt.datetime | None
    ends_at: dt.datetime | None
    contributors: list[Texts] = field(default_factory=list)
    latest_number: int | None = None
    latest_report: Texts = field(default_factory=Texts)
    completed_at: dt.datetime | None = None
    withdrawal_at: dt.datetime | None = None
    decision_texts: Texts | None = None  # how each language writes it (None: a decision outside the register)


def _day(instant: dt.datetime | None) -> dt.date | None:
    """The day an instant fell on in UTC, the precision a letter gives."""
    return instant.astimezone(dt.UTC).date() if instant is not None else None


def languages(organization: Sequence[str] | None = None) -> tuple[str, ...]:
    """The languages a letter is written in: the organization's that the interface speaks (a letter's
    sentences are translated in the catalogues), in the organization's order."""
    spoken = {code for code, _name in settings.LANGUAGES}
    chosen = tuple(code for code in (organization or content_languages()) if code in spoken)
    return chosen or (settings.LANGUAGE_CODE,)


def letter(kind: str, facts: Facts, language: str) -> str:
    """The letter's text in `language`."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not one of {KINDS}")
    with translation.override(language):
        names = sorted((state.pick(language).text for state in facts.contributors), key=str.casefold)
        context = {
            "organization": facts.organization.pick(language).text,
            "requester": facts.requester.pick(language).text,
            "basis": catalogue.label(catalogue.legal_bases(), facts.legal_basis),
            "requested_at": _day(facts.requested_at), "decision_at": _day(facts.decision_at),
            "ends_at": _day(facts.ends_at), "completed_at": _day(facts.completed_at),
            "withdrawal_at": _day(facts.withdrawal_at),
            "purpose": facts.purpose.pick(language).text, "area": facts.area.pick(language).text,
            "decision": (facts.decision_texts.pick(language).text if facts.decision_texts
                         else facts.decision_identifier),
            "contributors": ", ".join(names), "latest_number": facts.latest_number,
            "latest_report": facts.latest_report.pick(language).text,
        }
        return render_to_string(f"crises/letters/{kind}.txt", context).strip() + "\n"


def compose(kind: str, facts: Facts, organization: Sequence[str] | None = None) -> Texts:
    """The letter in each of its languages (`languages`)."""
    return Texts((code, letter(kind, facts, code)) for code in languages(organization))
