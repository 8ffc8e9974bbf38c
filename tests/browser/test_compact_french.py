"""In Chromium and in French, through the pages alone: the English–French compact of tests/compact (issue
#16) convenes a session with a closed part, decides by consensus at it, has its four leaders sign a joint
statement with keys made in their browsers, and takes a request for assistance; no page shows Russian."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from browser_steps import confirm, in_thread, sign_in
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

# The compact's builder lives beside its own tests; it shares nothing with the reference organization's.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "compact"))

import compact_org as org

LAPTOP: ViewportSize = {"width": 1366, "height": 900}
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture
def organization(transactional_db: None) -> str:
    """The compact, in place of the conftest's reference organization."""
    in_thread(org.build)
    return "compact"


def _today() -> str:
    """The session sits today: consensus is taken while it is in session, and signatures follow."""
    return org.today().isoformat()


def _french_browser(browser: Browser) -> BrowserContext:
    """A browser whose person reads French, in Suva: it asks for French pages, as a French-speaking
    laptop does, and shows times in Fiji's zone."""
    return browser.new_context(viewport=LAPTOP, locale="fr-FR", timezone_id="Pacific/Fiji")


def _reads_in_french(page: Page) -> None:
    """The page speaks French and holds nothing Russian, in its text or its markup."""
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    russian = CYRILLIC.findall(page.content())
    assert not russian, f"{page.url} shows Russian: {''.join(russian)[:80]}"


def _signed_in(browser: Browser, server: str, username: str) -> Page:
    page = _french_browser(browser).new_page()
    page.goto(f"{server}/login/")
    expect(page.get_by_label("Nom d’utilisateur")).to_be_visible()
    expect(page.get_by_label("Mot de passe")).to_be_visible()
    _reads_in_french(page)
    sign_in(page, server, username, org.PASSWORD)
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    _reads_in_french(page)
    return page


def _convened_with_a_closed_part(page: Page, server: str) -> str:
    """The secretariat convenes the Council, an open part and a part closed to Fiji and New Zealand, each
    with an item; agrees the agenda and opens the session. The session's number."""
    page.goto(f"{server}/meetings/")
    page.get_by_role("link", name="Convoquer une session").click()
    _reads_in_french(page)
    page.get_by_label("Organe").select_option(org.COUNCIL)
    page.locator("#convene-title_0").fill("Leaders' meeting by video")
    page.locator("#convene-title_1").fill("Réunion des dirigeants par visioconférence")
    page.get_by_label("Modalité").select_option("video")
    page.get_by_label("Premier jour").fill(_today())
    page.get_by_role("button", name="Convoquer la session").click()
    expect(page.get_by_role("heading", name="Console de la présidence")).to_be_visible()
    _reads_in_french(page)

    page.get_by_label("Type de partie").select_option("plenary")
    page.get_by_label("Publique ou à huis clos").select_option("open")
    page.get_by_role("button", name="Ajouter la partie").click()
    page.get_by_label("Type de partie").select_option("restricted")
    page.get_by_label("Publique ou à huis clos").select_option("closed")
    participants = page.locator("fieldset", has_text="Participants d’une partie à huis clos")
    participants.get_by_label("Fidji").check()
    participants.get_by_label("Nouvelle-Zélande").check()
    page.get_by_role("button", name="Ajouter la partie").click()
    for part, english, french in ((1, "Regional outlook", "Perspectives régionales"),
                                  (2, "Reserved matter", "Question réservée")):
        page.locator("#item-title_0").fill(english)
        page.locator("#item-title_1").fill(french)
        page.get_by_label("Examiné au cours de la partie").select_option(index=part)
        page.get_by_role("button", name="Ajouter le point").click()
    page.get_by_role("button", name="Adopter l’ordre du jour").click()
    page.get_by_role("button", name="Ouvrir la session").click()
    _reads_in_french(page)
    found = re.search(r"/meetings/sessions/(\d+)/", page.url)
    assert found, page.url
    return found.group(1)


def _decided_by_consensus(page: Page, server: str, session: str) -> str:
    """A proposal tabled and adopted by consensus at the session; the decision's identifier."""
    page.goto(f"{server}/decisions/new/")
    _reads_in_french(page)
    page.locator('input[name="title_en"]').fill("Joint statement on disaster relief")
    page.locator('input[name="title_fr"]').fill("Déclaration commune sur les secours")
    page.get_by_label("Organe de décision").select_option(org.COUNCIL)
    page.get_by_role("button", name="Déposer la proposition").click()
    expect(page.get_by_role("heading", name="Déclaration commune sur les secours")).to_be_visible()
    page.get_by_label("Type").select_option("consensus")
    page.get_by_label("Session (pour un consensus en session)").select_option(session)
    page.get_by_role("button", name="Ouvrir la procédure").click()
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "pending")
    page.get_by_role("button", name="Clore et enregistrer l’issue").click()
    confirm(page, "ne peut être rouverte", "Confirmer")
    expect(page.locator("[data-outcome]")).to_have_attribute("data-outcome", "adopted")
    _reads_in_french(page)
    return page.locator(".decision-identifier").inner_text()


def _statement_drafted_and_adopted(page: Page, server: str, decision: str) -> str:
    page.goto(f"{server}/documents/")
    page.get_by_role("link", name="Rédiger un document").click()
    _reads_in_french(page)
    page.get_by_label(re.compile(r"^Type\W*$")).select_option("joint_statement")
    for language, title, text in (("en", "Apia statement", "The parties will assist one another."),
                                  ("fr", "Déclaration d’Apia", "Les parties se prêteront assistance.")):
        page.locator(f"#new [name=title_{language}]").fill(title)
        page.locator(f"#new [name=text_{language}]").fill(text)
    page.get_by_role("button", name="Rédiger le document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d’Apia")
    adopt = page.locator("#adopt")
    adopt.get_by_label("Décision (son identifiant)").fill(decision)
    adopt.get_by_label("Adopté le").fill(_today())
    adopt.get_by_role("button", name="Enregistrer l’adoption").click()
    expect(page.get_by_role("link", name="Télécharger le PDF signé")).to_be_visible()
    _reads_in_french(page)
    return page.url.split("#")[0]


def _signed_by_the_four_leaders(browser: Browser, server: str, document: str) -> None:
    for code in org.STATES:
        page = _signed_in(browser, server, f"{code.lower()}.leader")
        page.goto(document)
        form = page.locator("#sign-form")
        form.get_by_role("button", name="Créer ma clé de signature dans ce navigateur").click()
        expect(form.locator(".doc-sign__status")).not_to_be_empty()
        # The place in each of the compact's languages: English (its default) and French.
        place = form.get_by_role("group", name="Lieu de signature")
        place.get_by_label("Anglais").fill("Apia")
        place.get_by_label("Français").fill("Apia")
        form.get_by_label("Date de signature").fill(_today())
        form.get_by_role("button", name="Signer", exact=True).click()
        confirm(page, "ne peut être retirée", "Confirmer")
        expect(page.locator(f'#signatures-table tr[data-member="{code}"]')).to_be_visible(timeout=10_000)
        expect(page.locator("#sign-form")).to_have_count(0)
        _reads_in_french(page)
        page.context.close()


def test_the_compact_is_run_in_french_in_the_browser(browser: Browser, server: str, shots: Path) -> None:
    errors: list[str] = []
    secretariat = _signed_in(browser, server, "compact.secretariat")
    secretariat.on("pageerror", lambda error: errors.append(str(error)))
    expect(secretariat.get_by_role("link", name="Tableau de bord")).to_be_visible()
    expect(secretariat.locator("body")).to_contain_text("Pacte d'assistance mutuelle du Pacifique")

    session_id = _convened_with_a_closed_part(secretariat, server)
    decision = _decided_by_consensus(secretariat, server, session_id)
    document = _statement_drafted_and_adopted(secretariat, server, decision)
    _signed_by_the_four_leaders(browser, server, document)
    secretariat.goto(document)
    for code in org.STATES:
        expect(secretariat.locator(f'.status-grid__row[data-member="{code}"]')).to_have_attribute(
            "data-stage", "in_force")
    _reads_in_french(secretariat)
    secretariat.screenshot(path=str(shots / "compact-statement-signed-fr.png"), full_page=True)

    # The closed part: its item reaches New Zealand, a participant, and not Papua New Guinea.
    public_session = f"{server}/meetings/sessions/{session_id}/"
    for handle, sees in (("nzl.leader", True), ("png.leader", False)):
        page = _signed_in(browser, server, handle)
        page.goto(f"{server}/meetings/")
        page.get_by_role("link", name="Réunion des dirigeants par visioconférence").first.click()
        expect(page).to_have_url(public_session)
        expect(page.locator("main")).to_contain_text("Perspectives régionales")
        expect(page.get_by_text("Question réservée")).to_have_count(1 if sees else 0)
        _reads_in_french(page)
        page.context.close()

    # Samoa files a request for assistance; Fiji's console hears of it and acknowledges.
    samoa = _signed_in(browser, server, "wsm.leader")
    samoa.goto(f"{server}/crises/")
    _reads_in_french(samoa)
    samoa.get_by_label("Fondement juridique").select_option("relief")
    # Each text has an input per working language; English, the compact's first, is the one required.
    for field, english, french in (("happened", "Cyclone damage on Upolu", "Dégâts du cyclone sur Upolu"),
                                   ("area", "Upolu", "Upolu"),
                                   ("asks_for", "Engineers and medical teams",
                                    "Des ingénieurs et des équipes médicales")):
        samoa.locator(f'[name="{field}_en"]').fill(english)
        samoa.locator(f'[name="{field}_fr"]').fill(french)
    samoa.get_by_role("button", name="Déposer la demande").click()
    expect(samoa.get_by_role("heading", level=1)).to_contain_text("Demande : Samoa")
    _reads_in_french(samoa)
    fiji = _signed_in(browser, server, "fji.leader")
    fiji.goto(samoa.url)
    fiji.get_by_role("button", name="Accuser réception au nom de l’État membre FJI").click()
    expect(samoa.locator('.ack-strip__cell--seen[data-member="FJI"]')).to_have_count(1)
    _reads_in_french(fiji)
    fiji.screenshot(path=str(shots / "compact-crisis-fr.png"), full_page=True)

    # The register of acts gives each act's time in the reader's zone, in French's one format.
    fiji.locator(".site-nav").get_by_text("Plus", exact=True).click()  # the less-opened lists, under "More"
    fiji.get_by_role("link", name="Registre des actes").click()
    expect(fiji.locator("time[data-localized]").first).to_have_text(
        re.compile(r"^\d{1,2} [a-zéû]+ \d{4}, \d{2}:\d{2} UTC\+12$"))
    assert errors == []
