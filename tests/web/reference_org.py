"""A small reference organization for the web tests, built through the real actions only.

It mirrors the demo's logins (`secretariat`, `<code>.head`, `<code>.delegate`, password
`accord-demo`) so that a test written against it reads the same against the full demo.
"""

from __future__ import annotations

import base64

from nacl.signing import SigningKey

from accord.core.acting import Actor
from accord.members import actions

PASSWORD = "accord-demo"
CURRENT = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
PEOPLE = ("ARM", "KAZ")  # the delegations whose head and delegate can sign in


def build(*, people: tuple[str, ...] = PEOPLE) -> None:
    console = Actor.console()
    actions.configure_organization(
        actor=console,
        name={"ru": "Организация Договора о коллективной безопасности",
              "en": "Collective Security Treaty Organization"},
        abbreviation={"ru": "ОДКБ", "en": "CSTO"},
        headquarters={"ru": "Москва", "en": "Moscow"},
        working_languages=["ru"],
        languages=["ru", "en"],
        treaty_name={"ru": "Договор о коллективной безопасности", "en": "Collective Security Treaty"},
        treaty_signed_on="1992-05-15",
        treaty_signed_at={"ru": "Ташкент", "en": "Tashkent"},
        treaty_in_force_on="1994-04-20",
        charter_signed_on="2002-10-07",
        charter_signed_at={"ru": "Кишинёв", "en": "Chisinau"},
        charter_in_force_on="2003-09-18",
    )
    for code in ("ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"):
        actions.add_member(actor=console, code=code, acceded_on="1992-05-15",
                           reference="Collective Security Treaty, Tashkent")
    actions.add_member(actor=console, code="AZE", acceded_on="1993-09-24")
    actions.add_member(actor=console, code="GEO", acceded_on="1993-12-09")
    actions.add_member(actor=console, code="BLR", acceded_on="1993-12-31")
    for code in ("AZE", "GEO", "UZB"):
        actions.record_membership_event(actor=console, member=code, kind="did_not_extend",
                                        on="1999-04-20", reference="Protocol on extension, 1999")
    actions.record_membership_event(actor=console, member="UZB", kind="acceded", on="2006-06-23")
    actions.record_membership_event(actor=console, member="UZB", kind="suspended", on="2012-12-19")
    actions.record_membership_event(actor=console, member="ARM", kind="participation_frozen",
                                    on="2024-02-22", reference="Statement of the Prime Minister")
    actions.configure_organization(actor=console, rotation_order=list(CURRENT), term_years=1,
                                   anchor_member="KGZ", anchor_term=2019)
    for term, on in ((2019, "2018-11-08"), (2020, "2019-11-28"), (2021, "2020-12-02"),
                     (2022, "2021-09-16"), (2023, "2022-11-23")):
        actions.record_handover(actor=console, term=term, on=on)
    actions.change_handover_rule(actor=console, rule="on_january_1", from_term=2024)
    actions.add_person(actor=console, username="secretariat",
                       full_name={"ru": "Сотрудник Секретариата", "en": "Secretariat Officer"},
                       role="secretariat_officer", password=PASSWORD)
    for code in people:
        lower = code.lower()
        actions.add_person(actor=console, username=f"{lower}.head",
                           full_name={"ru": f"Глава {code}", "en": f"Head of {code}"}, role="head", member=code,
                           password=PASSWORD, delegation_admin=True)
        actions.add_person(actor=console, username=f"{lower}.delegate",
                           full_name={"ru": f"Делегат {code}", "en": f"Delegate of {code}"},
                           role="delegate", member=code, password=PASSWORD)
        public_key = base64.b64encode(bytes(SigningKey.generate().verify_key)).decode()
        actions.register_key(actor=console, person=f"{lower}.delegate", public_key=public_key,
                             label="laptop")


def load() -> str:
    """The full demo where it exists, this small organization otherwise; says which it loaded."""
    try:
        from accord.demo.loader import load_demo
    except ImportError:
        build()
        return "reference"
    load_demo(progress=False)
    return "demo"
