"""The demo's documents, entered through the actions only; heads sign with their own key files.

Facts from ../shared/seed/SCENARIO.md only. The texts themselves are not in the record: the demo says
so in the text instead of inventing words the heads never signed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from accord.core import provenance
from accord.core.acting import Actor
from accord.demo import sources
from accord.documents import actions, signing
from accord.documents.models import Document, Version
from accord.members.models import Person

STATEMENT_EN = "Statement of the Collective Security Council on the 30th anniversary of the Collective Security " \
               "Treaty and the 20th anniversary of the Collective Security Treaty Organization"
STATEMENT_RU = "Заявление Совета коллективной безопасности в связи с 30-летием Договора о коллективной " \
               "безопасности и 20-летием Организации Договора о коллективной безопасности"
STATEMENT_TEXT = {
    "ru": "[Демонстрация] Полный текст Заявления в демонстрационных данных не воспроизводится.\n\n"
          "Заявление принято на сессии Совета коллективной безопасности в Москве 16 мая 2022 года и "
          "подписано главами шести государств-членов.",
    "en": "[Demo] The full text of the Statement is not reproduced in the demo data.\n\n"
          "The Statement was adopted at the session of the Collective Security Council in Moscow on "
          "16 May 2022 and signed by the heads of the six member states.",
}
# As the decisions app identifies a decision under the reference scheme: body, date, title.
STATEMENT_DECISION = f"Collective Security Council, 16 May 2022, {STATEMENT_EN}"
MILITARY_DECISION = "Collective Security Council, 16 May 2022, Joint statement on military cooperation"
SUMMIT = "2022-05-16"
HEADS = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")

TREATY_TEXT = {
    "ru": "[Демонстрация] Текст Договора в демонстрационных данных не воспроизводится.\n\n"
          "Договор подписан в Ташкенте 15 мая 1992 года и вступил в силу 20 апреля 1994 года.",
    "en": "[Demo] The text of the Treaty is not reproduced in the demo data.\n\n"
          "The Treaty was signed in Tashkent on 15 May 1992 and entered into force on 20 April 1994.",
}
# Signed in Tashkent on 15 May 1992 by the states the registry says joined that day; the others acceded.
TREATY_SIGNED = ("ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB")
TREATY_ACCESSIONS = (("AZE", "1993-09-24"), ("GEO", "1993-12-09"), ("BLR", "1993-12-31"))
# These states did not extend the Treaty in 1999, when its first five-year term ended (the day: sources).
NOT_EXTENDED = ("AZE", "GEO", "UZB")
NOT_IN_RECORD = {
    "ru": "Даты сдачи подписавшими государствами ратификационных грамот на хранение в записях отсутствуют",
    "en": "The dates on which the signatories deposited their instruments of ratification are not in the record",
}


MILITARY_EN = "Joint statement on military cooperation"
MILITARY_RU = "Совместное заявление о военном сотрудничестве"
# The seed reports it; whether it is a separate text is uncertain, and no text of it is available.
MILITARY_TEXT = {
    "ru": "[Демонстрация] Текст недоступен. Заявление упоминается в сообщении о саммите в Москве 16 мая "
          "2022 года; является ли оно отдельным текстом, не установлено.",
    "en": "[Demo] The text is not available. The statement is reported in the account of the Moscow summit of "
          "16 May 2022; whether it is a separate text is uncertain.",
}


def _military_statement(console: Actor) -> Document:
    with provenance.given(sources.MILITARY_STATEMENT):
        return actions.create_document(actor=console, kind="joint_statement",
                                       title={"ru": MILITARY_RU, "en": MILITARY_EN}, texts=MILITARY_TEXT,
                                       authentic=["ru"], signatories=list(HEADS))


def _person(username: str) -> Actor:
    return Actor(person=Person.objects.get(username=username))


def _document(title_en: str) -> Document:
    """The demo's document with this English title (a title is a text per language, not a column to query)."""
    return next(document for document in Document.objects.all() if document.title.get("en") == title_en)


def _sign_as_head(code: str, keys: Path) -> None:
    """What the head does on its own machine (`accord sign` with its key file), then submits."""
    document = _document(STATEMENT_EN)
    version = Version.objects.get(document=document, number=1)
    key_id, key = signing.load_key(keys / f"{code.lower()}.head.key")
    actions.sign_document(actor=_person(f"{code.lower()}.head"), document=document.pk, version=version.number,
                          key_id=key_id, signature=signing.sign_hash(key, version.hash), signed_on=SUMMIT,
                          place={"ru": "Москва", "en": "Moscow"})


def _treaty_step(console: Actor, member: str, kind: str, on: str, reference: dict[str, str]) -> None:
    actions.record_step(actor=console, document=_document("Collective Security Treaty").pk, member=member,
                        kind=kind, on=on, reference=reference)


def _marked_step(marks: dict[str, Any], console: Actor, member: str, kind: str, on: str,
                 reference: dict[str, str]) -> None:
    """A depositary's step whose day the record does not fully establish, with its provenance."""
    with provenance.given(marks):
        _treaty_step(console, member, kind, on, reference)


def _marked_adoption(marks: dict[str, Any], console: Actor, title_en: str, decision: str) -> None:
    """A document's first version adopted by `decision` on the day of the summit, with its provenance."""
    with provenance.given(marks):
        actions.adopt_version(actor=console, document=_document(title_en).pk, version=1, decision=decision,
                              adopted_on=SUMMIT)


def steps(console: Actor, keys: Path) -> list[tuple[str, Callable[[], object]]]:
    result: list[tuple[str, Callable[[], object]]] = [
        ("anniversary statement", partial(
            actions.create_document, actor=console, kind="statement",
            title={"ru": STATEMENT_RU, "en": STATEMENT_EN}, texts=STATEMENT_TEXT, authentic=["ru"],
            signatories=list(HEADS))),
        ("statement adopted", lambda: actions.adopt_version(
            actor=console, document=_document(STATEMENT_EN).pk, version=1, decision=STATEMENT_DECISION,
            adopted_on=SUMMIT)),
    ]
    result += [(f"statement signed by {code}", partial(_sign_as_head, code, keys)) for code in HEADS]
    result.append(("joint statement on military cooperation", partial(_military_statement, console)))
    # Reported adopted at the summit: adopted by the Council's decision (decisions demo), marked "reported" with
    # its source; no signature is recorded, as the record names none.
    result.append(("statement adopted: joint statement on military cooperation", partial(
        _marked_adoption, sources.MILITARY_ADOPTION, console, MILITARY_EN, MILITARY_DECISION)))
    result.append(("Collective Security Treaty", partial(
        actions.create_document, actor=console, kind="agreement",
        title={"ru": "Договор о коллективной безопасности", "en": "Collective Security Treaty"},
        texts=TREATY_TEXT, authentic=["ru"],
        signatories=[*TREATY_SIGNED, *(code for code, _ in TREATY_ACCESSIONS)], force_rule="on_date",
        force_date="1994-04-20")))
    result += [(f"treaty signed by {code}", partial(
        _treaty_step, console, code, "signed", "1992-05-15",
        {"ru": f"Подписан в Ташкенте 15 мая 1992 года. {NOT_IN_RECORD['ru']}.",
         "en": f"Signed in Tashkent on 15 May 1992. {NOT_IN_RECORD['en']}."})) for code in TREATY_SIGNED]
    result += [(f"treaty acceded to by {code}", partial(
        _treaty_step, console, code, "accession", on,
        {"ru": "Дата присоединения; дата сдачи документа о присоединении на хранение в записях отсутствует",
         "en": "The date of accession; the date of deposit of the instrument is not in the record"}))
        for code, on in TREATY_ACCESSIONS]
    result.append(("treaty in force", lambda: actions.notify(
        actor=console, document=_document("Collective Security Treaty").pk, on="1994-04-20",
        subject={"ru": "Вступление в силу Договора о коллективной безопасности",
                 "en": "Entry into force of the Collective Security Treaty"},
        text={"ru": f"Договор вступил в силу 20 апреля 1994 года. {NOT_IN_RECORD['ru']}.",
              "en": f"The Treaty entered into force on 20 April 1994. {NOT_IN_RECORD['en']}."})))
    # The Treaty entered into force on 20 April 1994 for the states that had signed it (those that acceded
    # before then are in force from that day by its rule, their instruments being recorded).
    result += [(f"treaty in force for {code}", partial(
        _treaty_step, console, code, "in_force", "1994-04-20",
        {"ru": f"Договор вступил в силу 20 апреля 1994 года. {NOT_IN_RECORD['ru']}.",
         "en": f"The Treaty entered into force on 20 April 1994. {NOT_IN_RECORD['en']}."}))
        for code in TREATY_SIGNED]
    result += [(f"treaty not extended by {code}", partial(
        _marked_step, sources.NOT_EXTENDED_1999, console, code, "ceased", "1999-04-20",
        {"ru": "Не продлило действие Договора по истечении его первого пятилетнего срока"
               + ("; вновь вступило в Организацию 23 июня 2006 года, его членство приостановлено в 2012 году "
                  "(см. историю членства)" if code == "UZB" else ""),
         "en": "Did not extend the Treaty when its first five-year term ended"
               + ("; rejoined the Organization on 23 June 2006 and was suspended in 2012 (see its membership "
                  "history)" if code == "UZB" else "")})) for code in NOT_EXTENDED]
    return result
