"""Every page form, refused for any reason, comes back with everything the person typed and chose (issue #21).

The demo's pages are walked as the Secretariat and as a head of delegation: each form posting to the app
is filled as a person would (text typed into every field, the last choice of every list and radio group,
every box ticked) and sent. When the answer is a refusal (the form's checks or the action's), the page
it returns must hold the same form with every value still there: text, choices and ticks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings

PASSWORD = "accord-demo"
REFUSALS = (400, 403, 404, 409)
LISTS = {"/decisions/": r"^/decisions/\d+/$", "/documents/": r"^/documents/\d+/$",
         "/meetings/": r"^/meetings/sessions/\d+/$", "/crises/": r"^/crises/\d+/$",
         "/monitoring/": r"^/monitoring/\d+/$"}
FORM_PAGES = ("/decisions/new/", "/documents/new/", "/meetings/new/", "/crises/", "/monitoring/",
              "/administration/people/new/", "/administration/people/observer/", "/administration/bodies/",
              "/administration/history/", "/administration/chairmanship/")
# Typed where a day, a time or a number is asked: values a person may type, which most acts refuse here.
TYPED = {"date": "2019-01-02", "time": "03:04", "datetime-local": "2019-01-02T03:04", "number": "7",
         "email": "typed@example.org", "url": "https://example.org/typed"}
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file", "password"}
# Acts that end a thing are left out of the walk: after them the page offers none of the thing's other
# forms, which would then be refused for being stale, not for what was typed.
ENDING = re.compile(r"/(close|withdraw|withdrawal|complete)/$")


@dataclass
class Form:
    action: str
    texts: dict[str, str] = field(default_factory=dict)  # name: value (inputs and textareas)
    kinds: dict[str, str] = field(default_factory=dict)  # name: the input's type ("textarea" for one)
    choices: dict[str, list[str]] = field(default_factory=dict)  # select or radio name: option values
    chosen: dict[str, str] = field(default_factory=dict)  # select or radio name: the value chosen
    checkboxes: dict[str, str] = field(default_factory=dict)  # name: value
    checked: set[str] = field(default_factory=set)
    hidden: dict[str, str] = field(default_factory=dict)
    has_file: bool = False


class Forms(HTMLParser):
    """The page's POST forms, as a browser would see their fields."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("method", "").lower() == "post":
            self._form = Form(action=found.get("action", ""))
            self.forms.append(self._form)
        form = self._form
        if form is None:
            return
        name = found.get("name", "")
        if tag == "input" and name:
            kind = found.get("type", "text").lower()
            if kind == "file":
                form.has_file = True
            elif kind == "hidden":
                form.hidden[name] = found.get("value", "")
            elif kind == "checkbox":
                form.checkboxes[name] = found.get("value", "on")
                if "checked" in found:
                    form.checked.add(name)
            elif kind == "radio":
                form.choices.setdefault(name, []).append(found.get("value", ""))
                if "checked" in found:
                    form.chosen[name] = found.get("value", "")
            elif kind not in SKIPPED_TYPES:
                form.texts[name], form.kinds[name] = found.get("value", ""), kind
        elif tag == "textarea" and name:
            self._textarea = name
            form.texts[name], form.kinds[name] = "", "textarea"
        elif tag == "select" and name:
            self._select = name
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select:
            form.choices[self._select].append(found.get("value", ""))
            if "selected" in found:
                form.chosen[self._select] = found.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.texts[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _filled(form: Form) -> dict[str, str]:
    """What a person sends: text typed into every field, the last choice everywhere, every box ticked."""
    data = dict(form.hidden)
    for name, kind in form.kinds.items():
        data[name] = TYPED.get(kind, f"typed into {name}")
    for name, options in form.choices.items():
        given = [option for option in options if option]
        if given:
            data[name] = given[-1]
    for name, value in form.checkboxes.items():
        data[name] = value
    return data


def _kept(sent: dict[str, str], form: Form) -> list[str]:
    """The values sent that the returned form has lost."""
    lost = [name for name in form.texts if name in sent and form.texts[name].strip() != sent[name].strip()]
    lost += [name for name in form.choices if name in sent and form.chosen.get(name) != sent[name]]
    lost += [name for name in form.checkboxes if name in sent and name not in form.checked]
    return lost


@pytest.fixture
def demo(db: None, settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _pages(client: Client) -> list[str]:
    """The pages holding the things' forms, found through their lists (after the forms that make things,
    so that a session convened there is run from its console too)."""
    pages = []
    for listing, pattern in LISTS.items():
        links = re.findall(r'href="([^"]+)"', client.get(listing).content.decode())
        pages += sorted({link for link in links if re.match(pattern, link)})
    sessions = [page for page in pages if page.startswith("/meetings/sessions/")]
    # A console twice: what the first round opened and added (parts, items) offers the next acts.
    consoles = [f"{page}console/" for page in sessions]
    return pages + consoles + consoles + [f"{page}bilaterals/" for page in sessions]


def _check(client: Client, page: str, username: str, lost: list[str]) -> int:
    """Send every form of the page filled in; how many were refused (each refused one checked into `lost`)."""
    shown = client.get(page)
    if shown.status_code != 200:
        return 0
    refused = 0
    for form in Forms(shown.content.decode()).forms:
        action = form.action or page
        if (form.has_file or not action.startswith("/") or action.startswith(("/logout", "/i18n"))
                or ENDING.search(action)):
            continue
        sent = _filled(form)
        # As the page's script sends an irreversible act once its dialog is answered (the confirmation
        # page of a browser without script is tests/decisions/test_confirm_without_script.py's).
        answer = client.post(action, {**sent, "confirmed": "1"})
        if answer.status_code not in REFUSALS:
            continue
        refused += 1
        returned = [again for again in Forms(answer.content.decode()).forms if (again.action or action) == action]
        if not returned:
            lost.append(f"{username} {page} -> {action}: the form is not on the refusal's page")
            continue
        missing = min((_kept(sent, again) for again in returned), key=len)
        if missing:
            lost.append(f"{username} {page} -> {action} ({answer.status_code}): lost {missing}")
    return refused


def test_a_refused_form_comes_back_with_everything_typed_and_chosen(demo: None) -> None:
    refused, lost = 0, list[str]()
    for username in ("secretariat", "kaz.head"):
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        for page in FORM_PAGES:
            refused += _check(client, page, username, lost)
        for page in _pages(client):
            refused += _check(client, page, username, lost)
    assert refused >= 20
    assert lost == [], "\n".join(lost)
