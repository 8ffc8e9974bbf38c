"""Letters to the UN Security Council, generated from what the acts record, in English and Russian.

Only recorded facts go in: the request, the legal basis, the authorizing decision, the mandate's
purpose, area and duration, the contributors whose contingents were accepted, and for later letters
the latest situation report or the dates of completion and withdrawal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation

from accord.crises import catalogue

KINDS = ("notification", "report", "completion")


@dataclass(frozen=True)
class Facts:
    organization: tuple[str, str]  # English, Russian
    requester: tuple[str, str]
    requested_at: dt.datetime
    legal_basis: str
    purpose: str
    area: str
    decision_identifier: str
    decision_at: dt.datetime | None
    ends_at: dt.datetime | None
    contributors: list[tuple[str, str]]
    latest_report: str = ""
    completed_at: dt.datetime | None = None
    withdrawal_at: dt.datetime | None = None


MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря")


def _day(instant: dt.datetime | None, language: str) -> str:
    if instant is None:
        return "—"
    day = instant.astimezone(dt.UTC).date()
    if language == "ru":
        return f"{day.day} {MONTHS_RU[day.month - 1]} {day.year} г."
    return f"{day.day} {day:%B} {day.year}"


def _names(pairs: list[tuple[str, str]], language: str) -> str:
    names = [en if language == "en" else ru for en, ru in pairs]
    return ", ".join(names) if names else ("none" if language == "en" else "нет")


def letter(kind: str, facts: Facts, language: str) -> str:
    """The letter's text in `language` ("en" or "ru")."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not one of {KINDS}")
    with translation.override(language):
        basis = catalogue.label(catalogue.legal_bases(), facts.legal_basis)
    org = facts.organization[0 if language == "en" else 1]
    requester = facts.requester[0 if language == "en" else 1]

    def d(instant: dt.datetime | None) -> str:  # a short local alias keeps the texts readable
        return _day(instant, language)

    contributors = _names(facts.contributors, language)
    if language == "en":
        head = (f"The {org} has the honour to inform the President of the Security Council of the following.\n\n")
        if kind == "notification":
            return head + (
                f"On {d(facts.requested_at)} {requester} requested assistance. On {d(facts.decision_at)}, by "
                f"decision {facts.decision_identifier}, on the legal basis of {basis}, the {org} decided to "
                f"send a collective operation for a limited period.\n\n"
                f"Purpose: {facts.purpose}\nArea: {facts.area}\nContributing states: {contributors}\n"
                + (f"Duration: from {d(facts.decision_at)} until {d(facts.ends_at)}, unless extended by "
                   "decision.\n" if facts.ends_at else "Duration: a limited period of time.\n"))
        if kind == "report":
            return head + (
                f"Report on the operation decided on {d(facts.decision_at)} ({facts.decision_identifier}) at the "
                f"request of {requester}.\nContributing states: {contributors}\n\nLatest situation report:\n"
                f"{facts.latest_report or 'none recorded'}\n")
        return head + (
            f"The operation decided on {d(facts.decision_at)} ({facts.decision_identifier}) at the request of "
            f"{requester} is complete: {requester} declared the mission complete on {d(facts.completed_at)}, and "
            f"the withdrawal of the contingents of {contributors} was completed on {d(facts.withdrawal_at)}.\n")
    head = (f"{org} имеет честь сообщить Председателю Совета Безопасности следующее.\n\n")
    if kind == "notification":
        return head + (
            f"{d(facts.requested_at)} государство {requester} обратилось с просьбой о помощи. "
            f"{d(facts.decision_at)} решением {facts.decision_identifier} на правовом основании «{basis}» "
            f"принято решение направить коллективную операцию на ограниченный срок.\n\n"
            f"Цель: {facts.purpose}\nРайон: {facts.area}\n"
            f"Государства, предоставившие контингенты: {contributors}\n"
            + (f"Срок: с {d(facts.decision_at)} по {d(facts.ends_at)}, если он не будет продлён решением.\n"
               if facts.ends_at else "Срок: ограниченный период времени.\n"))
    if kind == "report":
        return head + (
            f"Доклад об операции, решение о которой принято {d(facts.decision_at)} ({facts.decision_identifier}) "
            f"по просьбе государства {requester}.\nГосударства, предоставившие контингенты: {contributors}\n\n"
            f"Последнее донесение об обстановке:\n{facts.latest_report or 'не записано'}\n")
    return head + (
        f"Операция, решение о которой принято {d(facts.decision_at)} ({facts.decision_identifier}) по просьбе "
        f"государства {requester}, завершена: {d(facts.completed_at)} государство {requester} объявило миссию "
        f"выполненной; вывод контингентов ({contributors}) завершён {d(facts.withdrawal_at)}.\n")
