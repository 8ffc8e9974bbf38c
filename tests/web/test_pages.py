"""The web pages for the public and a delegate in both languages; sign-in, language, 404s."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import reference_org
import time_machine
from django.test import Client
from django.urls import reverse

from accord.core.acting import Actor, action, record
from accord.ledger import log
from accord.members import actions
from accord.members.models import Person

PAGES = [
    ("web:dashboard", {}),
    ("web:members", {}),
    ("web:member", {"code": "ARM"}),
    ("web:ledger", {}),
    ("web:entry", {"seq": 1}),
    ("web:checkpoint", {}),
    ("web:login", {}),
]
# A phrase that every page shows in each language: the navigation.
NAVIGATION = {"en": "Ledger of acts", "ru": "Журнал актов"}


def _get(client: Client, name: str, kwargs: dict[str, Any], language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, f"{name} answered {response.status_code}"
    return response.content.decode()


def _visible_text(html: str) -> str:
    # A day or a time kept whole on one line (span.date) is inline text: "on 15 May 1992;", not "1992 ;".
    inline = re.sub(r'<span class="date">([^<]*)</span>', r"\1", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inline))


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_it_renders_every_page_for_the_public(
    public: Client, name: str, kwargs: dict[str, Any], language: str
) -> None:
    html = _get(public, name, kwargs, language)
    assert f'<html lang="{language}">' in html
    assert NAVIGATION[language] in html
    assert 'id="language-select"' in html
    assert "<main" in html
    assert "Sign out" not in html
    assert "Выйти" not in html


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(("name", "kwargs"), [p for p in PAGES if p[0] != "web:login"])
def test_it_renders_every_page_for_a_signed_in_delegate(
    delegate: Client, name: str, kwargs: dict[str, Any], language: str
) -> None:
    html = _get(delegate, name, kwargs, language)
    assert f'<html lang="{language}">' in html
    assert NAVIGATION[language] in html
    assert {"en": "Delegate of ARM", "ru": "Делегат ARM"}[language] in html
    assert {"en": "Sign out", "ru": "Выйти"}[language] in html


def test_it_shows_the_organization_and_the_chairmanship_on_the_dashboard(public: Client) -> None:
    text = _visible_text(_get(public, "web:dashboard", {}, "en"))
    assert "Collective Security Treaty Organization (CSTO)" in text
    assert "Организация Договора о коллективной безопасности (ОДКБ)" in text
    assert "signed at Tashkent on 15 May 1992; in force since 20 April 1994" in text
    assert "signed at Chisinau on 7 October 2002; in force since 18 September 2003" in text
    assert "Working languages Russian" in text
    # 2026 is Russia's term (1 January rule since 2024); Tajikistan follows.
    assert re.search(r"Chair today Russian Federation Term 2026: since 1 January 2026", text)
    assert re.search(r"Next in rotation Tajikistan Term 2027: from 1 January 2027", text)


def test_it_speaks_russian_on_the_dashboard(public: Client) -> None:
    text = _visible_text(_get(public, "web:dashboard", {}, "ru"))
    assert "Председательство" in text
    assert "Председательствует сегодня Российская Федерация" in text
    assert "Государства-члены" in text
    assert "Участие заморожено" in text  # Armenia's badge
    assert "Последние акты" in text


def test_it_draws_the_chair_rotation_with_one_band_per_term(public: Client) -> None:
    # The axis is drawn around today: the terms it shows are those of a day the test names, not of the
    # day it runs (from New Year 2027 the wall clock would show one term more).
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)):
        html = _get(public, "web:dashboard", {}, "en")
    start = html.index('<svg class="timeline__svg"')
    svg = html[start:html.index("</svg>", start)]
    bands = re.findall(r'<g class="band[^"]*">', svg)
    assert len(bands) == 10  # the terms 2019 to 2028
    assert len(re.findall(r'class="band band--current', svg)) == 1
    assert 'class="timeline__today"' in svg
    assert "Today" in svg
    # Percentages are written for SVG, never with a Russian decimal comma.
    assert not re.search(r'x="\d+,\d+%"', _get(public, "web:dashboard", {}, "ru"))


def test_it_shows_each_status_as_a_badge(public: Client) -> None:
    html = _get(public, "web:dashboard", {}, "en")
    for state, status, label in (
        ("Armenia", "frozen", "Participation frozen"),
        ("Kazakhstan", "member", "Member"),
        ("Uzbekistan", "suspended", "Suspended"),
        ("Georgia", "former", "Former member"),
    ):
        badge = rf'<span class="badge badge--{status}">{label}</span>'
        assert re.search(rf'<span lang="en">{state}</span></a>\s*{badge}', html)


def test_it_lists_the_latest_acts_with_human_labels(public: Client) -> None:
    html = _get(public, "web:dashboard", {}, "en")
    acts = html[html.index('id="acts-heading"'):]
    assert "Signing key registered" in acts
    assert "Official registered" in acts
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+" data-local>', acts)
    assert 'data-live-rows="/acts/rows/"' in acts
    assert 'aria-live="polite"' in html


def test_it_draws_every_membership_as_a_timeline_with_a_legend(public: Client) -> None:
    html = _get(public, "web:members", {}, "en")
    assert len(re.findall(r'<svg class="membership-bar"', html)) == 9
    for status in ("member", "frozen", "suspended", "former"):
        assert f'class="period period--{status}"' in html
    assert 'aria-label="Legend"' in html
    # The text alternative of Uzbekistan's bar tells its whole story.
    assert re.search(
        r'aria-label="Uzbekistan: Member from 15 May 1992 to 20 April 1999; Former member from '
        r'20 April 1999 to 23 June 2006; Member from 23 June 2006 to 19 December 2012; '
        r'Suspended from 19 December 2012 to today"',
        html,
    )


def test_it_lists_every_history_event_with_its_reference(public: Client) -> None:
    text = _visible_text(_get(public, "web:members", {}, "en"))
    assert "22 February 2024 Participation frozen Statement of the Prime Minister" in text
    assert "20 April 1999 Did not extend the Treaty Protocol on extension, 1999" in text
    ru = _visible_text(_get(public, "web:members", {}, "ru"))
    assert "22 февраля 2024 г. Участие заморожено" in ru
    assert "Непродление участия в Договоре" in ru


def test_it_shows_a_delegation_and_its_keys_only_to_signed_in_persons(
    public: Client, delegate: Client
) -> None:
    hidden = _get(public, "web:member", {"code": "ARM"}, "en")
    assert "arm.delegate" not in hidden
    assert "shown to signed-in officials" in hidden
    shown = _visible_text(_get(delegate, "web:member", {"code": "arm"}, "en"))
    assert "Delegate of ARM Delegate arm.delegate" in shown
    assert "Head of ARM Head of delegation administers the delegation arm.head" in shown
    assert re.search(r"ed25519: ?(?:[0-9a-f]{4} ?){4} laptop active", shown)  # in groups of four


def test_it_signs_in_and_out(organization: None, client: Client) -> None:
    wrong = client.post(reverse("web:login"), {"username": "arm.delegate", "password": "nope"})
    assert wrong.status_code == 200
    html = wrong.content.decode()
    assert 'role="alert"' in html
    assert "Please enter a correct username and password" in html
    assert 'aria-invalid="true"' in html
    assert 'value="arm.delegate"' in html

    missing = client.post(reverse("web:login"), {"username": "arm.delegate", "password": ""})
    assert 'id="password-errors"' in missing.content.decode()

    right = client.post(
        reverse("web:login"),
        {"username": "arm.delegate", "password": reference_org.PASSWORD, "next": "/members/"},
    )
    assert right.status_code == 302
    assert right["Location"] == "/members/"
    assert "Delegate of ARM" in client.get("/").content.decode()

    out = client.post(reverse("web:logout"))
    assert out.status_code == 302
    assert out["Location"] == "/"
    html = client.get("/").content.decode()
    assert "Delegate of ARM" not in html
    assert ">Sign in<" in html


def test_it_shows_login_errors_in_russian(organization: None, russian: Client) -> None:
    html = russian.post(reverse("web:login"), {"username": "x", "password": "y"}).content.decode()
    assert "Пожалуйста, введите правильные" in html
    assert "Имя пользователя" in html


def test_it_switches_the_language_and_stays_on_the_page(public: Client) -> None:
    response = public.post("/i18n/setlang/", {"language": "ru", "next": "/members/ARM/"})
    assert response.status_code == 302
    assert response["Location"] == "/members/ARM/"
    assert public.cookies["django_language"].value == "ru"
    html = public.get("/members/ARM/").content.decode()
    assert '<html lang="ru">' in html
    assert "Армения" in html
    assert "История" in html
    back = public.post("/i18n/setlang/", {"language": "en", "next": "/members/ARM/"})
    assert back.status_code == 302
    assert "Armenia" in public.get("/members/ARM/").content.decode()


def test_it_offers_the_language_switch_with_the_current_path(public: Client) -> None:
    html = public.get("/ledger/?page=1").content.decode()
    assert '<form class="language" method="post" action="/i18n/setlang/">' in html
    assert '<input type="hidden" name="next" value="/ledger/?page=1">' in html
    assert '<label for="language-select">Language</label>' in html
    assert '<option value="ru" lang="ru">Русский</option>' in html


@pytest.mark.parametrize(
    "path",
    ["/members/XYZ/", "/members/ABCD/", "/ledger/9999/", "/ledger/?page=99", "/ledger/?page=x",
     "/ledger/?page=0", "/ledger/?page=²", "/ledger/rows/?after=-2"],
)
def test_it_answers_404_for_what_does_not_exist(public: Client, path: str) -> None:
    response = public.get(path)
    assert response.status_code == 404


def test_it_shows_an_entry_with_its_inclusion_proof(public: Client) -> None:
    html = _get(public, "web:entry", {"seq": 3}, "en")
    assert "Entry #3: Member admitted" in html
    assert "&quot;type&quot;: &quot;members.member_added&quot;" in html
    assert "the proof leads to the checkpoint's root" in html
    size = log.size()
    assert f"over the first {size} entries" in html
    assert len(re.findall(r'<li><code class="hash">', html)) == len(log.inclusion_proof(3, size))


def test_the_ledger_names_an_act_without_its_code(public: Client) -> None:
    """Issue #21's walk: "members.member_added" was printed beneath "Member admitted" on the ledger and the
    entry's page; people read the name, the code is in the entry as recorded."""
    ledger = _get(public, "web:ledger", {}, "en")
    rows = re.findall(r'<tr id="entry-\d+".*?</tr>', ledger, re.DOTALL)
    assert any("Member admitted" in row for row in rows)
    assert not any("members.member_added" in row for row in rows)
    entry = _get(public, "web:entry", {"seq": 3}, "en")
    assert "<code>members.member_added</code>" not in entry
    assert "&quot;type&quot;: &quot;members.member_added&quot;" in entry


def test_a_key_reads_in_groups_of_four_that_a_line_breaks_between(delegate: Client) -> None:
    """Issue #21's walk: a key's id and the key broke anywhere, over three lines at 768 px, beneath "registered by
    entry #39". Now in groups a line breaks only between, copied as written (the gaps are the style's), the key
    itself on asking, and the entry that registered it a link that says what it is."""
    from accord.members.models import SigningKey

    key = SigningKey.objects.filter(person__username="arm.delegate").first()
    assert key is not None
    for language, registered in (("en", "registered by <a href=\"/ledger/{seq}/\">entry {seq} of the log</a>"),
                                 ("ru", "зарегистрирован <a href=\"/ledger/{seq}/\">записью {seq} журнала</a>")):
        html = _get(delegate, "web:member", {"code": "ARM"}, language)
        assert registered.format(seq=key.registered_seq) in html
        assert "#" + str(key.registered_seq) not in html
        assert key.public_key not in html  # whole only in groups
        shown = re.search(r'<code class="key__value">(.*?)</code>', html, re.DOTALL)
        assert shown is not None
        assert "<details" in html[:shown.start()][-200:]  # on asking
        groups = re.findall(r'<span class="key__group">([^<]*)</span>', shown.group(1))
        assert "".join(groups) == key.public_key
        assert all(len(group) == 4 for group in groups[:-1])
        assert re.sub(r"<[^>]+>", "", shown.group(1)) == key.public_key  # copied: no gap is a character
        algorithm, _colon, digest = key.key_id.partition(":")
        identifier = re.sub(r"<[^>]+>", " ", html[html.index('<code class="key__id">'):]).split()[:5]
        assert identifier == [f"{algorithm}:", *(digest[i:i + 4] for i in range(0, 16, 4))]


def test_the_chair_timeline_names_each_chair_where_the_name_fits(public: Client) -> None:
    """Issue #21's walk: the chair's bands drew the members' codes ("KAZ", "ARM"). A band draws its member's name
    in the reader's language, shown by the stylesheet from the drawing's width at which it fits; narrower, the
    code; the band's title names the member whatever is drawn."""
    from accord.core import drawing

    assert drawing.label_fits_from("Армения", 10.0) == 720  # (7 * 8 + 12) px in a tenth of the drawing: 680
    assert drawing.label_fits_from("Армения", 100.0) == 360
    assert drawing.label_fits_from("Российская Федерация", 5.0) is None  # the code, at every width
    css = (Path(drawing.__file__).parent.parent / "web" / "static" / "web" / "accord.css").read_text("utf-8")
    for width in drawing.LABEL_WIDTHS:
        assert f"@container drawing (min-width: {width}px) {{ .band--label-from-{width} .band__name" in css
    for language, armenia in (("ru", "Армения"), ("en", "Armenia")):
        html = _get(public, "web:dashboard", {}, language)
        bands = re.findall(r'<g class="band[^"]*">.*?</g>', html, re.DOTALL)
        assert bands
        named = [band for band in bands if 'class="band__member band__name" x=' in band]
        assert any(f">{armenia}</text>" in band for band in named), language
        for band in named:
            assert 'class="band__member band__code"' in band  # the code, where the name does not fit
            assert re.search(r'<title>[^<]*: [^<—]+ \(', band)  # the title names the member


def test_it_explains_how_to_verify_the_checkpoint(public: Client) -> None:
    html = _get(public, "web:checkpoint", {}, "en")
    checkpoint = log.latest_checkpoint()
    assert checkpoint is not None
    assert checkpoint.note.splitlines()[0] in html  # the origin line
    assert "accord.local/log+" in html  # the verifier key
    for command in ("accord ledger export log.json", "accord-verify log log.json",
                    "accord-verify log --url http://testserver/", "pip install ./verifier",
                    "--since saved-checkpoint.txt"):
        assert command in html


@action
def _record_a_members_only_note(*, actor: Actor, text: str) -> int:
    """A non-public act, as later apps will record them (no registry act is sealed)."""
    return record(type="test.sealed_note", actor=actor, body={"text": text},
                  classification="members").seq


def test_it_shows_sealed_content_only_to_those_allowed(public: Client, delegate: Client) -> None:
    seq = _record_a_members_only_note(actor=Actor.console(), text="closed part of the session")
    outside = _get(public, "web:entry", {"seq": seq}, "en")
    assert "&quot;commitment&quot;: &quot;sha256:" in outside
    assert "closed part of the session" not in outside
    assert "This act is sealed (Members only)" in outside
    inside = _get(delegate, "web:entry", {"seq": seq}, "en")
    assert "closed part of the session" in inside
    assert "the content matches the commitment and the public entry" in inside
    assert "Salt" in inside
    # The dashboard lists it for everyone, marked as sealed content for the public.
    assert "content sealed" in _get(public, "web:dashboard", {}, "en")


CANARY = "canary: the closed part's minutes"


@action
def _record_a_closed_note_of_kazakhstan(*, actor: Actor) -> int:
    """A participants-only act of Kazakhstan's head, about Kazakhstan, for Kazakhstan and the secretariat."""
    return record(type="test.sealed_note", actor=actor, body={"text": CANARY}, classification="participants",
                  audience=("KAZ", "secretariat"), member="KAZ").seq


def _row(html: str, prefix: str, seq: int) -> str:
    found = re.search(rf'<tr id="{prefix}-{seq}".*?</tr>', html, re.S)
    assert found is not None, f"no row {prefix}-{seq}"
    return found.group(0)


def test_it_shows_an_outsider_only_that_a_sealed_act_happened(public: Client, delegate: Client) -> None:
    seq = _record_a_closed_note_of_kazakhstan(actor=Actor(person=Person.objects.get(username="kaz.head")))
    insider = Client()
    assert insider.login(username="kaz.delegate", password=reference_org.PASSWORD)
    # Who acted, about which member, for whom and what: none of it, on any page that lists the act.
    hidden = (CANARY, "kaz.head", "Head of KAZ", "Kazakhstan", "KAZ", "secretariat", "Secretariat")
    for outsider in (public, delegate):  # delegate: Armenia's, not among the participants
        pages = {
            "entry": _get(outsider, "web:entry", {"seq": seq}, "en").split('id="summary-heading"')[1],
            "ledger row": _row(_get(outsider, "web:ledger", {}, "en"), "entry", seq),
            "live ledger row": _row(outsider.get(f"/ledger/rows/?after={seq - 1}").content.decode(), "entry", seq),
            "dashboard row": _row(_get(outsider, "web:dashboard", {}, "en"), "act", seq),
            "live dashboard row": _row(outsider.get(f"/acts/rows/?after={seq - 1}").content.decode(), "act", seq),
        }
        for page, html in pages.items():
            for word in hidden:
                assert word not in html, (page, word)
            assert "Sealed" in html or "sealed" in html, page
    shown = {
        "entry": _get(insider, "web:entry", {"seq": seq}, "en"),
        "ledger row": _row(_get(insider, "web:ledger", {}, "en"), "entry", seq),
        "dashboard row": _row(_get(insider, "web:dashboard", {}, "en"), "act", seq),
    }
    for page, html in shown.items():
        assert "Head of KAZ" in html, page
        assert "Kazakhstan" in html, page
    assert CANARY.replace("'", "&#x27;") in shown["entry"]


def _more_entries(count: int) -> None:
    for n in range(count):
        actions.add_person(actor=Actor.console(), username=f"observer{n}",
                           full_name=f"Observer {n}", role="observer")


def test_it_pages_the_ledger_newest_first(public: Client) -> None:
    _more_entries(30)
    size = log.size()
    assert size > 50
    first = _get(public, "web:ledger", {}, "en")
    seqs = [int(s) for s in re.findall(r'<tr id="entry-(\d+)"', first)]
    assert seqs == list(range(size - 1, size - 51, -1))
    assert 'data-live-rows="/ledger/rows/"' in first
    assert f"Page 1 of {-(-size // 50)}" in first
    second = public.get("/ledger/?page=2").content.decode()
    seqs = [int(s) for s in re.findall(r'<tr id="entry-(\d+)"', second)]
    assert seqs == list(range(size - 51, max(size - 101, -1), -1))
    assert "data-live-rows" not in second  # only the first page grows live


def test_it_serves_the_rows_a_live_page_is_missing(public: Client) -> None:
    size = log.size()
    rows = public.get(f"/ledger/rows/?after={size - 3}").content.decode()
    assert re.findall(r'<tr id="entry-(\d+)"', rows) == [str(size - 1), str(size - 2)]
    assert 'data-announce="New entry #' in rows
    acts = public.get(f"/acts/rows/?after={size - 2}").content.decode()
    assert re.findall(r'<tr id="act-(\d+)"', acts) == [str(size - 1)]
    assert public.get(f"/acts/rows/?after={size - 1}").content.decode().strip() == ""
    assert public.get("/acts/rows/?after=abc").status_code == 404
    # A page that shows no act yet asks for everything after -1.
    assert public.get("/ledger/rows/?after=-1").status_code == 200
    latest = public.get("/acts/rows/").content.decode()
    assert len(re.findall(r'<tr id="act-', latest)) == 15


def test_it_reads_the_dashboard_in_few_queries(
    delegate: Client, django_assert_max_num_queries: Any
) -> None:
    _more_entries(10)
    # 18 (issue #18; 23 before): the registry, the charter and the membership histories read once each,
    # the monitoring themes' counts and the certainty marks in one query each, not one a theme or a value;
    # and the log's size, read once for the page's ETag (accord.core.conditional): 19.
    with django_assert_max_num_queries(19) as captured:
        assert delegate.get("/").status_code == 200
    repeated = [sql for sql, count in Counter(q["sql"] for q in captured.captured_queries).items() if count > 1]
    assert repeated == []


def test_it_reads_a_ledger_page_in_queries_that_do_not_grow_with_the_log(
    delegate: Client, django_assert_max_num_queries: Any
) -> None:
    _more_entries(60)
    with django_assert_max_num_queries(12):
        assert delegate.get("/ledger/").status_code == 200
    with django_assert_max_num_queries(12):
        assert delegate.get("/ledger/?page=2").status_code == 200


def test_it_does_not_show_a_deactivated_persons_session(organization: None, client: Client) -> None:
    assert client.login(username="kaz.delegate", password=reference_org.PASSWORD)
    actions.deactivate_person(actor=Actor.console(), person="kaz.delegate")
    assert not Person.objects.get(username="kaz.delegate").is_active
    assert "Delegate of KAZ" not in client.get("/").content.decode()


@pytest.mark.parametrize(("username", "role", "says", "not_says"), [
    ("observer", "observer", "Guest Observer", "Secretariat"),
    ("secretariat", "secretariat_officer", "Secretariat · Secretariat officer", "Observer"),
])
def test_the_header_says_where_a_person_belongs_only_where_they_do(
        organization: None, username: str, role: str, says: str, not_says: str) -> None:
    """An observer belongs to no member and not to the Secretariat either (issue #21)."""
    if not Person.objects.filter(username=username).exists():
        actions.add_person(actor=Actor.console(), username=username, full_name={"ru": "Гость", "en": "Guest"},
                           role=role,
                           password=reference_org.PASSWORD)
    client = Client()
    assert client.login(username=username, password=reference_org.PASSWORD)
    header = _visible_text(_get(client, "web:dashboard", {}, "en").split("</header>")[0])
    assert says in header
    assert not_says not in header.replace(says, "")


@action
def _record_a_public_note(*, actor: Actor, text: str) -> int:
    return record(type="test.public_note", actor=actor, body={"text": text}, classification="public").seq


def test_an_entry_names_its_actor_once_where_the_reader_knows_only_the_handle(
        public: Client, delegate: Client) -> None:
    """The public sees no names of people: the role and the handle the entry records, once, not "By: arm.head
    arm.head" (issue #21)."""
    seq = _record_a_public_note(actor=Actor(person=Person.objects.get(username="arm.head")), text="Noted")
    by_public = _visible_text(_get(public, "web:entry", {"seq": seq}, "en"))
    assert "By Head of delegation arm.head " in by_public
    assert "arm.head arm.head" not in by_public
    assert "By Head of ARM arm.head " in _visible_text(_get(delegate, "web:entry", {"seq": seq}, "en"))


@pytest.mark.parametrize(("language", "word"), [("en", "Calendar"), ("ru", "Календарь")])
def test_the_menu_leads_to_the_calendar(public: Client, language: str, word: str) -> None:
    """Issue #21: the month's calendar was reachable only from the meetings page."""
    calendar = reverse("meetings:month")
    nav = _get(public, "web:dashboard", {}, language).split('<nav class="site-nav"')[1].split("</nav>")[0]
    assert re.search(rf'<a href="{calendar}"\s*>{word}</a>', nav), nav
    public.cookies["django_language"] = language
    month = public.get(calendar).content.decode().split('<nav class="site-nav"')[1].split("</nav>")[0]
    assert re.search(rf'<a href="{calendar}"\s*aria-current="page">{word}</a>', month), month


def test_a_classification_reads_in_agreement_in_russian(public: Client) -> None:
    """Issue #21: «Гриф: Открыто» (a masculine noun, a neuter adjective). Russian says «Доступ: Открытый»."""
    text = _visible_text(_get(public, "web:entry", {"seq": 3}, "ru"))
    assert "Доступ Открытый" in text
    assert "Открыто" not in text
    assert "Гриф" not in text


def test_no_marker_is_drawn_with_an_emoji() -> None:
    """An emoji in a stylesheet's `content` needs a font that may be missing (an empty box on screen): the
    members-only padlock is an inline SVG in the text's colour, the label beside it read by screen readers."""
    import re
    from pathlib import Path

    import accord

    for sheet in Path(accord.__file__).parent.glob("*/static/*/*.css"):
        escapes = re.findall(r'content:\s*"([^"]*)"', sheet.read_text())
        astral = [text for text in escapes if re.search(r"\\\\?1F[0-9A-F]{3}", text, re.IGNORECASE)
                  or any(ord(char) > 0xFFFF for char in text)]
        assert not astral, (sheet.name, astral)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_who_acted_is_named_as_people_are_never_by_login_name(
        public: Client, delegate: Client, language: str) -> None:
    """The public sees the role of who acted, as persons' names are for signed-in readers only (the
    registry of people, members.queries.people); a member sees the name and the role. Neither sees a login
    name as the actor, on the dashboard or in the ledger (issue #21)."""
    seq = _record_a_public_note(actor=Actor(person=Person.objects.get(username="arm.head")), text="Noted")
    head = Person.objects.get(username="arm.head")
    role = {"en": "Head of delegation", "ru": "Глава делегации"}[language]
    for page, prefix in (("web:dashboard", "act"), ("web:ledger", "entry")):
        for reader, name_shown in ((public, False), (delegate, True)):
            row = _row(_get(reader, page, {}, language), prefix, seq)
            cells = _visible_text(row)
            assert "arm.head" not in cells, (page, cells)
            assert role in cells, (page, cells)
            assert (head.full_name.pick(language).text in cells) is name_shown, (page, cells)
