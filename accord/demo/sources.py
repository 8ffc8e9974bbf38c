# ruff: noqa: E501 - the demo quotes the record's sentences whole; breaking them mid-phrase reads worse
"""The demo's provenance: the sources and certainties of its facts, from ../shared/seed/SCENARIO.md only.

Kept apart from the steps that record the facts, which wrap their actions in `provenance.given(...)` with
these; nothing here names a source the seed does not give (the seed article is the one source it names by
title; no link or publisher is given for it, so none is recorded).
"""

from __future__ import annotations

from typing import Any

SEED_ARTICLE = "Good Things Must go Along With Fists – CSTO Member Countries"


def seed_article(*fields: str) -> dict[str, Any]:
    """The seed article as the source of these fields (it reports the 16 May 2022 summit)."""
    return {"title": SEED_ARTICLE, "fields": list(fields)}


# The bilateral meetings of the Russian president on the summit's margins: the meetings are reported by
# the seed; no time of day is established, so the slots shown are illustrative.
BILATERAL_SLOT = {
    "fields": {
        "starts_at": {"certainty": "illustrative",
                      "note": {"en": "The time of day is not established; the slot shown is illustrative.",
                               "ru": "Время не установлено; указанный интервал условный."}},
        "ends_at": {"certainty": "illustrative",
                    "note": {"en": "The time of day is not established; the slot shown is illustrative.",
                             "ru": "Время не установлено; указанный интервал условный."}},
        "counterpart": {"certainty": "reported"},
    },
    "sources": [seed_article("counterpart")],
}

# What the seed reports from the summit's closed part, published as public with its source.
CLOSED_PART_REPORT = {"fields": {"reported": {"certainty": "reported"}}, "sources": [seed_article("reported")]}
CLOSED_PART_REPORTED = {
    "en": "The details of the military operation in Ukraine were discussed in the closed part. On Finland and "
          "Sweden joining NATO, Vladimir Putin said the expansion of the military structure to their territory would "
          "\"cause a response\" (whether this was said in the closed part is not established).",
    "ru": "В закрытой части обсуждались подробности военной операции на Украине. О вступлении Финляндии и "
          "Швеции в НАТО Владимир Путин сказал, что расширение военной инфраструктуры на их территорию «вызовет ответную "
          "реакцию» (в закрытой ли части это сказано, не установлено).",
}

# The summit's statements: each head's, as the seed article summarizes it.
STATEMENT_SUMMARY = {"fields": {"summary": {"certainty": "reported"}}, "sources": [seed_article("summary")]}


# Armenia's request for consultations under Art. 2: the seed gives the month only (May 2021), shown as 1 May.
ARMENIA_2021_REQUEST = {
    "fields": {
        "requested_on": {"certainty": "uncertain",
                         "note": {"en": "Only the month is established (May 2021); the day shown, 1 May, is not.",
                                  "ru": "Установлен только месяц (май 2021 г.); указанный день, 1 мая, не установлен."}},
    },
}


# Kazakhstan, January 2022 (SCENARIO.md names no document for these facts: certainties and notes, no source).
# The contingents: Armenia's figure is confirmed (early reports gave about 70). Tajikistan's and Kyrgyzstan's are
# the figures SCENARIO.md says to use where sources differ: their pledges say "reported" themselves.
ARMENIA_CONTINGENT = {
    "fields": {"personnel": {"certainty": "confirmed",
                             "note": {"en": "Early reports gave about 70.",
                                      "ru": "Первые сообщения называли около 70."}}},
}
# Each contingent's days are not published beyond the force's: a reported range, never an invented day.
DEPLOYMENT_RANGE = {
    "fields": {"at": {"certainty": "reported",
                      "note": {"en": "Not published per contingent: between the first arrivals (6 January 2022) and "
                                     "the deployment complete (9 January 2022).",
                               "ru": "По контингентам не опубликовано: между первыми прибытиями (6 января 2022 г.) "
                                     "и завершением развёртывания (9 января 2022 г.)."}}},
}
RETURN_RANGE = {
    "fields": {"at": {"certainty": "reported",
                      "note": {"en": "Not published per contingent: between the start of the withdrawal (13 January "
                                     "2022) and its completion (19 January 2022).",
                               "ru": "По контингентам не опубликовано: между началом вывода (13 января 2022 г.) и "
                                     "его завершением (19 января 2022 г.)."}}},
}
# The force as a whole: its first arrivals, as SCENARIO.md gives them (its deployment complete, 9 January 2022
# with 2,030 personnel and 250 pieces of equipment, is given as plain fact and carries no mark).
FIRST_ARRIVAL = {
    "fields": {"at": {"certainty": "confirmed",
                      "note": {"en": "The first contingents arrived on the day of the decision; which was first is "
                                     "not published.",
                               "ru": "Первые контингенты прибыли в день решения; какой был первым, не "
                                     "опубликовано."}}},
}
# The Secretary General's letter to the UN Secretary-General: 6 January 2022; one report gives 5 January.
SECRETARY_GENERAL_LETTER = {
    "fields": {"at": {"certainty": "reported",
                      "note": {"en": "One report gives 5 January 2022.",
                               "ru": "По одному из сообщений — 5 января 2022 г."}}},
}
# The 6 January 2022 decision's circulation: the record says the Secretariat circulated the draft after Kazakhstan's
# request of 5 January and the chair announced the decision overnight; the day of circulation is inferred from that.
KAZAKHSTAN_CIRCULATION = {
    "fields": {"opened_at": {"certainty": "uncertain",
                             "note": {"en": "Inferred: the record says only that the Secretariat circulated the draft "
                                            "after the request of 5 January 2022 and that the chair announced the "
                                            "decision overnight; the day and time of circulation are not published.",
                                      "ru": "Выведено: в источниках сказано лишь, что Секретариат разослал проект после "
                                            "запроса от 5 января 2022 г., а председатель объявил решение ночью; день и "
                                            "время рассылки не опубликованы."}}},
}
# The Council's decision recorded as the members' answer to a request (Kazakhstan's of January 2022, Armenia's of
# September 2022): no member's own acknowledgement is in the record.
def decision_as_answer(day: dict[str, str]) -> dict[str, Any]:
    """The members' answer is the Council's decision of `day` (in English and in Russian)."""
    return {"fields": {"members": {"certainty": "confirmed", "note": {
        "en": f"No member's own acknowledgement is in the record: the Council's decision of {day['en']}, which the "
              "members took, is recorded as each one's answer.",
        "ru": f"Собственных подтверждений государств-членов в записи нет: решение Совета от {day['ru']}, принятое "
              "государствами-членами, записано как ответ каждого из них."}}}}


KAZAKHSTAN_DECISION_AS_ANSWER = decision_as_answer({"en": "6 January 2022", "ru": "6 января 2022 г."})
ARMENIA_2022_DECISION_AS_ANSWER = decision_as_answer({"en": "13 September 2022", "ru": "13 сентября 2022 г."})

# Armenia stopped paying its contributions in May 2024: the record gives the month only.
ARMENIA_CONTRIBUTIONS = {
    "fields": {
        "on": {"certainty": "uncertain",
               "note": {"en": "Only the month is established (May 2024); the day shown, 1 May, is not.",
                        "ru": "Установлен только месяц (май 2024 г.); указанный день, 1 мая, не установлен."}},
    },
}

# Azerbaijan, Georgia and Uzbekistan did not extend the Treaty in 1999: the record gives the year only. The day
# shown is where the Treaty's first five-year term, counted from its entry into force on 20 April 1994, ended.
NOT_EXTENDED_1999 = {
    "fields": {
        "on": {"certainty": "uncertain",
               "note": {"en": "The record gives the year only (1999); the day shown, 20 April, is the end of the "
                              "Treaty's first five-year term, counted from its entry into force, not a day the "
                              "record gives.",
                        "ru": "Источник называет только год (1999); указанный день, 20 апреля, — окончание первого "
                              "пятилетнего срока Договора, отсчитанного от его вступления в силу, а не день, "
                              "названный в источнике."}},
    },
}

# The Council's 2009 decision that Russia chair "for the period of Belarus' absence": the record gives the
# year and that phrase only, so the days shown (the whole year) are not established.
CHAIR_OVERRIDE_2009 = {
    "fields": {
        name: {"certainty": "uncertain",
               "note": {"en": "The record gives the year (2009) and \"for the period of Belarus' absence\" only; "
                              "the days shown are not established.",
                        "ru": "Источник называет только год (2009) и «на период отсутствия Беларуси»; указанные "
                              "дни не установлены."}}
        for name in ("start", "end")
    },
}

# The joint statement on military cooperation: reported by the seed article; whether it is a separate text
# is uncertain, and its text is not available.
MILITARY_STATEMENT = {
    "fields": {
        "title": {"certainty": "reported",
                  "note": {"en": "Reported by the seed article; whether it is a separate text is uncertain.",
                           "ru": "Сообщается в исходной статье; отдельный ли это текст, не установлено."}},
    },
    "sources": [seed_article("title")],
}

# The Council's 2024 regular session, at which the budget was adopted in a limited format: no source the demo has
# gives its day (nor its place), so the day shown, 28 November 2024, is illustrative; so are the days derived from
# it (the budget decision's procedure opened and closed that day, and its identifier, which names the day).
_BUDGET_DAY_NOTE = {"en": "No source gives the day of the 2024 regular session; the day shown, 28 November 2024, "
                          "is illustrative.",
                    "ru": "День очередной сессии 2024 г. в источниках не указан; указанный день, 28 ноября 2024 г., "
                          "приведён условно."}
BUDGET_SESSION_DAY = {"fields": {name: {"certainty": "illustrative", "note": _BUDGET_DAY_NOTE}
                                 for name in ("starts_on", "ends_on")}}
BUDGET_PROCEDURE_OPENED = {"fields": {"opened_at": {"certainty": "illustrative", "note": _BUDGET_DAY_NOTE}}}
BUDGET_DECISION_DAY = {
    "fields": {
        "on": {"certainty": "illustrative", "note": _BUDGET_DAY_NOTE},
        "identifier": {"certainty": "illustrative", "note": {
            "en": "The identifier names the day of the session, which is illustrative: no source gives the day of "
                  "the 2024 regular session.",
            "ru": "Идентификатор содержит день сессии, который условный: день очередной сессии 2024 г. в "
                  "источниках не указан."}},
    },
}

# The joint statement on military cooperation: the seed reports it adopted (signed) at the 16 May 2022 summit; the
# decision and the document's adoption are recorded as reported, with the seed article as their source.
MILITARY_DECISION = {
    "fields": {"on": {"certainty": "reported", "note": {
        "en": "Reported by the seed article as adopted at the summit of 16 May 2022; its text is not available.",
        "ru": "По сообщению исходной статьи, принято на саммите 16 мая 2022 г.; текст недоступен."}}},
    "sources": [seed_article("on")],
}
MILITARY_ADOPTION = {
    "fields": {"adopted_on": {"certainty": "reported", "note": {
        "en": "Reported by the seed article as adopted at the summit of 16 May 2022; its text is not available.",
        "ru": "По сообщению исходной статьи, принято на саммите 16 мая 2022 г.; текст недоступен."}}},
    "sources": [seed_article("adopted_on")],
}
