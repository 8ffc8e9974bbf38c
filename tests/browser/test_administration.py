"""In Chromium: the secretariat adds a person from the administration pages, gives it a signing key, resets
its password to a one-time one, and the person signs in with it and sets its own (issue #21)."""

from __future__ import annotations

import base64
from pathlib import Path

from axe_checks import axe_script, severe_violations
from browser_steps import TABLET, confirm, fits_the_width, in_thread, sign_in, signed_in
from nacl.signing import SigningKey
from playwright.sync_api import Browser, expect

from accord.members.models import Person
from accord.members.models import SigningKey as Key


def test_the_secretariat_adds_a_person_who_then_signs_in(browser: Browser, server: str, shots: Path) -> None:
    page = signed_in(browser, server, "secretariat")
    navigation = page.get_by_role("navigation", name="Main")
    navigation.get_by_text("More", exact=True).click()  # the less-opened lists (issue #21's one-row menu)
    navigation.get_by_role("link", name="Administration").click()
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Username").fill("duty.officer")
    page.locator("input[name=full_name_ru]").fill("Дежурный офицер")
    page.locator("input[name=full_name_en]").fill("Duty officer")
    page.locator("input[name=title_en]").fill("Officer of the watch")
    page.get_by_label("Role").select_option("secretariat_officer")
    page.get_by_role("button", name="Add the person").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Duty officer")
    expect(page.locator(".alert--success")).to_contain_text("Duty officer was added.")

    public_key = base64.b64encode(bytes(SigningKey.generate().verify_key)).decode()
    page.locator("#key-form").get_by_label("Public key").fill(public_key)
    page.locator("#key-form").get_by_label("Key label").fill("office laptop")
    page.get_by_role("button", name="Register the key").click()
    expect(page.locator(".alert--success")).to_contain_text("The key was registered.")
    assert in_thread(lambda: Key.objects.filter(person__username="duty.officer", revoked_seq=None).count()) == 1

    page.get_by_role("button", name="Set the password").click()
    one_time = page.locator(".one-time-password").inner_text().strip()
    assert len(one_time) >= 12
    page.screenshot(path=str(shots / "administration-person-1366.png"), full_page=True)

    # The person signs in with it and is taken to choose a password of its own: no other page opens until
    # it has (a keyboard alone does it), giving the one-time one first.
    person = browser.new_context().new_page()
    person.goto(f"{server}/login/")
    person.locator("#id_username").fill("duty.officer")
    person.locator("#id_password").fill(one_time)
    person.locator("main form button[type=submit]").click()
    expect(person).to_have_url(f"{server}/administration/password/")
    expect(person.locator("#one-time-notice")).to_contain_text("no other page opens")
    assert severe_violations(person, axe_script()) == []
    person.goto(f"{server}/meetings/")
    expect(person).to_have_url(f"{server}/administration/password/")
    person.get_by_label("Current password").focus()
    person.keyboard.type(one_time)
    person.locator("#password-password").fill("watch-keeper-2026")  # "New password" is in both labels
    person.get_by_label("New password again").fill("watch-keeper-2026")
    person.get_by_role("button", name="Change the password").click()
    expect(person.locator(".alert--success")).to_contain_text("Your password was changed.")
    expect(person).to_have_url(f"{server}/")
    assert in_thread(lambda: Person.objects.get(username="duty.officer").check_password("watch-keeper-2026"))
    person.goto(f"{server}/meetings/")
    expect(person).to_have_url(f"{server}/meetings/")

    # Its access is closed only once the secretariat confirms, saying what it means.
    page.goto(f"{server}/administration/people/duty.officer/")
    page.get_by_role("button", name="Close access").click()
    confirm(page, "neither sign in")
    expect(page.locator(".badge--former")).to_contain_text("Access closed")


def test_the_people_page_fits_a_tablet_in_russian(browser: Browser, server: str, shots: Path) -> None:
    page = signed_in(browser, server, "secretariat", TABLET)
    page.select_option("#language-select", "ru")
    page.locator(".language button").click()
    for path in ("/administration/people/", "/administration/people/secretariat/", "/administration/bodies/",
                 "/administration/chairmanship/"):
        page.goto(server + path)
        expect(page.locator("html")).to_have_attribute("lang", "ru")
        assert fits_the_width(page), path
    page.screenshot(path=str(shots / "administration-chair-768-ru.png"), full_page=True)


ADMINISTRATION = ("/administration/", "/administration/people/", "/administration/people/new/",
                  "/administration/people/secretariat/", "/administration/bodies/", "/administration/history/",
                  "/administration/chairmanship/")


def test_the_administration_pages_have_no_serious_accessibility_failure(browser: Browser, server: str) -> None:
    """axe-core, as the main pages' check (axe_checks.py), on every administration page in both
    languages; and a keeper of a delegation on its own pages."""
    script = axe_script()
    failures: list[str] = []
    for reader, paths in (("secretariat", ADMINISTRATION),
                          ("kaz.head", ("/administration/people/", "/administration/people/kaz.delegate/"))):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, server, reader)
        for language in ("en", "ru"):
            context.add_cookies([{"name": "django_language", "value": language, "url": server}])
            for path in paths:
                answer = page.goto(f"{server}{path}")
                assert answer is not None
                assert answer.status == 200, (reader, path)
                failures += [f"{reader} {language} {path}: {found}" for found in severe_violations(page, script)]
        context.close()
    assert failures == [], "\n".join(failures)
