"""Every change to the organization registry: each function is one act with its ledger entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import pycountry
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from accord.core import dates, once, policy, prepared
from accord.core.acting import Actor, Signed, action, record
from accord.core.errors import InvalidInput, NotFound, NotPermitted  # noqa: F401 (callers catch it from here)
from accord.core.text import username_of
from accord.core.translations import (
    LANGUAGES_KEPT,
    MissingDefaultText,
    Texts,
    content_languages,
    language_name,
    texts_of,
)
from accord.core.values import date_of, iso_of
from accord.members import history, names, policies, queries
from accord.members.models import (
    Appointment,
    Body,
    ChairOverride,
    Handover,
    Member,
    MembershipEvent,
    Office,
    Organization,
    Person,
    Role,
    RuleChange,
    Seat,
    SigningKey,
)
from accord.members.rotation import HandoverRule, RotationError
from accord_verify import cosignature, entries, note

NO_TEXTS: Mapping[str, str] = {}
ORGANIZATION_FIELDS = (
    "name", "abbreviation", "headquarters", "working_languages", "languages", "treaty_name",
    "treaty_signed_on", "treaty_signed_at", "treaty_in_force_on", "charter_signed_on", "charter_signed_at",
    "charter_in_force_on", "rotation_order", "term_years", "anchor_member", "anchor_term", "session_kinds",
    "statuses",
)  # fmt: skip
# The charter settings written in the organization's languages (a text per language), and their limits.
ORGANIZATION_TEXTS = {"name": 200, "abbreviation": 20, "headquarters": 100, "treaty_name": 200,
                      "treaty_signed_at": 100, "charter_signed_at": 100}
REQUIRED_ORGANIZATION_FIELDS = ("name", "abbreviation")
# The charter settings that make up the rotation, by the name the rotation gives them.
ROTATION_FIELDS = {"order": "rotation_order", "anchor_member": "anchor_member", "anchor_term": "anchor_term",
                   "term_years": "term_years"}


def _who(actor: Actor) -> policies.Who:
    """Whom the policies judge: the person's viewer, or None for the console operator.

    A deactivated person's viewer is the public's, which would lose who it is: it is judged as
    itself and nothing more, so that its own key acts reach the signature check that refuses them.
    """
    if actor.person is None:
        return None
    if not actor.person.is_active:
        return policy.Viewer(handle=actor.person.username)
    return policy.viewer_of(actor.person)


def _require_secretariat(actor: Actor, what: str) -> None:
    """The console operator and secretariat officers keep the registry."""
    policies.refuse(policies.keeps_registry(_who(actor), what))


def _today() -> dt.date:
    return queries.today()


def _check_rotation(field: str) -> None:
    """Refuse a change (already written, in the act's transaction) that leaves the rotation contradicting
    itself, such as a handover at a session into a term handed over on 1 January: `chair_on` could not
    be computed any more, on any day.
    """
    try:
        queries.current_rotation()
    except RotationError as error:
        raise InvalidInput(ROTATION_FIELDS.get(error.field, field), _rotation_reason(error)) from None


def _rotation_reason(error: RotationError) -> str:
    """Why the rotation contradicts itself, in the reader's language: a state by its name, a day as the
    reader's language writes it (rather than the codes and ISO days of `error.reason`)."""
    shown = {name: queries.state_name(str(value)) if name == "member"
             else dates.day(value) if isinstance(value, dt.date) else value
             for name, value in error.params.items()}
    return _(error.message) % shown


def _reference(value: Mapping[str, str] | str, field: str = "reference") -> Texts:
    """A reference (a treaty, a decision, a note) per language: a citation is prose in a language."""
    return texts_of(value, field, required=False, limit=300)


def _member(code: str, field: str = "member") -> Member:
    member = Member.objects.filter(code=str(code).upper()).first()
    if member is None:
        raise NotFound(field, _("%(code)s is not a member state in the registry") % {"code": repr(code)})
    return member


# The organization's charter settings.


@action
def configure_organization(*, actor: Actor, signed: Signed | None = None, **settings: Any) -> Organization:
    """Set the charter settings; any field not given keeps its value."""
    _require_secretariat(actor, noop("change the charter settings"))
    unknown = sorted(set(settings) - set(ORGANIZATION_FIELDS))
    if unknown:
        raise InvalidInput(unknown[0], _("is not a charter setting"))
    organization = Organization.objects.filter(pk=1).first() or Organization(pk=1)
    # The languages first: the texts given in the same act are read in the languages it sets.
    for name in ("working_languages", "languages"):
        if name in settings:
            setattr(organization, name, _languages(settings[name], name))
    missing = [code for code in organization.working_languages if organization.languages
               and code not in organization.languages]
    if missing:
        raise InvalidInput("languages", _("must include every working language (not %(missing)s)")
                                        % {"missing": ", ".join(missing)})
    languages = organization.languages or organization.working_languages or content_languages()
    for name, limit in ORGANIZATION_TEXTS.items():
        if name in settings:
            required = name in REQUIRED_ORGANIZATION_FIELDS
            setattr(organization, name, texts_of(settings[name], name, languages, required=required, limit=limit))
    for name in REQUIRED_ORGANIZATION_FIELDS:
        if not getattr(organization, name).get(languages[0]):
            reason = _("is required (the organization's default language, %(language)s)")
            default = language_name(languages[0], in_a_sentence=True)
            raise MissingDefaultText(f"{name}.{languages[0]}", reason % {"language": default})
    for name, value in settings.items():
        if name in ORGANIZATION_TEXTS or name in ("working_languages", "languages"):
            continue
        if name.endswith("_on"):
            value = date_of(value, name)
        elif name == "rotation_order":
            value = [_member(code, name).code for code in value]
            if len(set(value)) != len(value):
                raise InvalidInput(name, _("names a member twice"))
        elif name == "term_years":
            if not isinstance(value, int) or not 1 <= value <= 10:
                raise InvalidInput(name, _("must be a whole number of years from 1 to 10"))
        elif name == "anchor_member" and value:
            value = _member(value, name).code
        elif name == "anchor_term" and value is not None and not isinstance(value, int):
            raise InvalidInput(name, _("must be a year"))
        elif name == "session_kinds":
            value = _session_kinds(value, languages)
        elif name == "statuses":
            value = _statuses(value, languages)
        elif isinstance(value, str):
            value = value.strip()
        setattr(organization, name, value)
    for signed_on, in_force_on in (("treaty_signed_on", "treaty_in_force_on"),
                                   ("charter_signed_on", "charter_in_force_on")):
        start, end = getattr(organization, signed_on), getattr(organization, in_force_on)
        if start and end and end < start:
            raise InvalidInput(in_force_on, _("%(end)s is before the signature on %(start)s")
                                            % {"end": dates.day(end), "start": dates.day(start)})
    organization.save()
    once.forget(queries.ORGANIZATION_KEPT)
    once.forget(LANGUAGES_KEPT)
    changed = [name for name in ROTATION_FIELDS.values() if name in settings]
    if changed:
        _check_rotation(changed[0])
    # No session kinds or statuses: the body says nothing of them, as entries written before they could be.
    body = {name: iso_of(v) if isinstance(v, dt.date) else dict(v) if isinstance(v, Texts) else v
            for name in ORGANIZATION_FIELDS if (v := getattr(organization, name)) is not None
            and not (name in ("session_kinds", "statuses") and not v)}
    record(type="organization.configured", actor=actor, body=body, signed=signed)
    return organization


@action
def set_log_witnesses(
    *, actor: Actor, witnesses: list[dict[str, str]], signed: Signed | None = None
) -> Organization:
    """Name the witnesses the log submits its checkpoints to: each a member state's witness, by its
    public key (C2SP cosignature/v1 vkey) and the URL prefix of its add-checkpoint endpoint.

    The list is in the log, so every member sees which witnesses the secretariat asks, and since when.
    """
    _require_secretariat(actor, noop("change the log's witnesses"))
    organization = Organization.objects.filter(pk=1).first()
    if organization is None:
        raise InvalidInput("witnesses", _("the organization's charter settings come first"))
    if not isinstance(witnesses, list | tuple):
        raise InvalidInput("witnesses", _("must be a list of {vkey, url}"))
    chosen: list[dict[str, str]] = []
    names: set[str] = set()
    for number, given in enumerate(witnesses):
        field = f"witnesses[{number}]"
        if not isinstance(given, dict) or set(given) != {"vkey", "url"}:
            raise InvalidInput(field, _("must give exactly a vkey and a url"))
        try:
            key = cosignature.parse_cosigner_vkey(str(given["vkey"]))
        except note.NoteError as error:
            raise InvalidInput(f"{field}.vkey", str(error)) from None
        url = str(given["url"]).strip().rstrip("/")
        parsed = urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or parsed.query or parsed.fragment:
            raise InvalidInput(f"{field}.url", _("must be an http or https URL prefix, without query or fragment"))
        if key.name in names:
            raise InvalidInput(f"{field}.vkey", _("names the witness %(name)s a second time") % {"name": key.name})
        names.add(key.name)
        chosen.append({"vkey": key.vkey, "url": url})
    organization.witnesses = chosen
    prepared.save(organization, ["witnesses"])
    record(type="organization.witnesses_set", actor=actor, body={"witnesses": chosen}, signed=signed)
    return organization


# The kinds of session every organization has; the charter may add others (session_kinds).
BUILT_IN_SESSION_KINDS = ("regular", "extraordinary")


def _session_kinds(value: Any, languages: Sequence[str]) -> list[dict[str, Any]]:
    """The session kinds the charter adds: each a code (lower-case letters and '_') and a name per language."""
    if not isinstance(value, list | tuple):
        raise InvalidInput("session_kinds", _("must be a list of kinds, each a code and a name"))
    kinds: list[dict[str, Any]] = []
    for number, given in enumerate(value):
        where = f"session_kinds.{number}"
        if not isinstance(given, Mapping):
            raise InvalidInput(where, _("must be a code and a name"))
        code = str(given.get("code") or "").strip()
        if not code or len(code) > 20 or not set(code) <= set("abcdefghijklmnopqrstuvwxyz_"):
            raise InvalidInput(f"{where}.code", _("use up to 20 lower-case letters or '_'"))
        if code in BUILT_IN_SESSION_KINDS or any(kind["code"] == code for kind in kinds):
            raise InvalidInput(f"{where}.code", _("%(code)s is already a kind of session") % {"code": repr(code)})
        kinds.append({"code": code, "name": dict(texts_of(given.get("name"), f"{where}.name", languages,
                                                          limit=100))})
    return kinds


def _statuses(value: Any, languages: Sequence[str]) -> list[dict[str, Any]]:
    """The organization's standing in other bodies: each the body, the status there, since when (a date) and
    the act that gave it (a reference), in date order."""
    if not isinstance(value, list | tuple):
        raise InvalidInput("statuses", _("must be a list of statuses, each a body, a status and a date"))
    statuses: list[dict[str, Any]] = []
    for number, given in enumerate(value):
        where = f"statuses.{number}"
        if not isinstance(given, Mapping) or set(given) - {"body", "status", "since", "reference"}:
            raise InvalidInput(where, _("must be a body, a status, a date (since) and a reference"))
        since = date_of(given.get("since"), f"{where}.since")
        if since is None:
            raise InvalidInput(f"{where}.since", _("is required"))
        statuses.append({
            "body": dict(texts_of(given.get("body"), f"{where}.body", languages, limit=200)),
            "status": dict(texts_of(given.get("status"), f"{where}.status", languages, limit=100)),
            "since": since.isoformat(),
            "reference": dict(texts_of(given.get("reference") or NO_TEXTS, f"{where}.reference", languages,
                                       required=False, limit=300)),
        })
    return sorted(statuses, key=lambda status: status["since"])


def _languages(value: Any, field: str) -> list[str]:
    if not isinstance(value, list | tuple) or not value:
        raise InvalidInput(field, _("must list at least one language"))
    result = []
    for code in value:
        language = pycountry.languages.get(alpha_2=str(code).lower())
        if language is None:
            raise InvalidInput(field, _("%(code)s is not an ISO 639-1 language code") % {"code": repr(code)})
        if language.alpha_2 in result:
            raise InvalidInput(field, _("names %(code)s twice") % {"code": repr(language.alpha_2)})
        result.append(language.alpha_2)
    return result


# Member states and their history.


@action
def add_member(
    *, actor: Actor, code: str, acceded_on: dt.date | str, reference: Mapping[str, str] | str = NO_TEXTS,
    name: Mapping[str, str] | None = None, signed: Signed | None = None,
) -> Member:
    """Enter a state in the registry with its accession (an original member accedes at founding).

    `name` is the organization's own official short name per language, where it differs from ISO's
    (pycountry's ISO 3166 translations, which name the state in every other language).
    """
    _require_secretariat(actor, noop("add member states"))
    code = str(code).strip().upper()
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is None:
        raise InvalidInput("code", _("%(code)s is not an ISO 3166-1 alpha-3 country code") % {"code": repr(code)})
    if Member.objects.filter(code=code).exists():
        raise InvalidInput("code", _("%(code)s is already in the registry") % {"code": code})
    on = date_of(acceded_on, "acceded_on")
    if on is None:
        raise InvalidInput("acceded_on", _("is required"))
    policies.refuse(policies.dates_history(on, "acceded_on", _today()))
    official = names.official_names(code, texts_of(name, "name", required=False, limit=200))
    cited = _reference(reference)
    member = Member(code=code, official_name=official)
    member.save(force_insert=True)
    body = {"code": code, "name": dict(official), "acceded_on": on.isoformat(), "reference": dict(cited)}
    recorded = record(type="members.member_added", actor=actor, body=body, member=code, signed=signed)
    MembershipEvent.objects.create(
        member=member, kind=history.EventKind.ACCEDED, on=on, reference=cited,
        entry_seq=recorded.seq,
    )
    return member


@action
def set_official_name(
    *, actor: Actor, member: str, name: Mapping[str, str] | None = None, signed: Signed | None = None,
) -> Member:
    """Set or change a member state's official short name per language: the organization's own, where it
    differs from ISO's. The names given replace the ones set; a language given none (or ISO's name) shows
    ISO's name again, so an empty `name` goes back to ISO's in every language."""
    policies.refuse(policies.names_states(_who(actor)))
    state = _member(member)
    official = names.official_names(state.code, texts_of(name, "name", required=False, limit=200))
    state.official_name = official
    prepared.save(state, ["official_name"])
    record(type="members.official_name_set", actor=actor, member=state.code,
           body={"member": state.code, "name": dict(official)}, signed=signed)
    return state


@action
def record_membership_event(
    *, actor: Actor, member: str, kind: str, on: dt.date | str, reference: Mapping[str, str] | str = NO_TEXTS,
    signed: Signed | None = None,
) -> MembershipEvent:
    """Record an act in a member's history (did not extend, withdrew, suspended, restored, ...)."""
    _require_secretariat(actor, noop("record membership history"))
    state = _member(member)
    try:
        event_kind = history.EventKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in history.EventKind)
        raise InvalidInput("kind", _("%(value)s is not one of: %(choices)s")
                                   % {"value": repr(kind), "choices": choices}) from None
    day = date_of(on, "on")
    if day is None:
        raise InvalidInput("on", _("is required"))
    policies.refuse(policies.dates_history(day, "on", _today()))
    cited = _reference(reference)
    try:
        history.check_new_event(history_of(state), history.Event(event_kind, day, cited))
    except history.HistoryError as error:
        raise InvalidInput(error.field, error.reason) from None
    body = {"member": state.code, "kind": event_kind.value, "on": day.isoformat(), "reference": dict(cited)}
    recorded = record(type="members.history_recorded", actor=actor, body=body, member=state.code,
                      signed=signed)
    return MembershipEvent.objects.create(
        member=state, kind=event_kind, on=day, reference=cited, entry_seq=recorded.seq
    )


def history_of(member: Member) -> list[history.Event]:
    return [
        history.Event(history.EventKind(e.kind), e.on, e.reference)
        for e in MembershipEvent.objects.filter(member=member).order_by("on", "entry_seq")
    ]


# The chairmanship.


@action
def change_handover_rule(
    *, actor: Actor, rule: str, from_term: int, reference: Mapping[str, str] | str = NO_TEXTS,
    signed: Signed | None = None,
) -> RuleChange:
    _require_secretariat(actor, noop("record the chairmanship's handover rule"))
    try:
        value = HandoverRule(rule)
    except ValueError:
        raise InvalidInput("rule", _("must be at_regular_session or on_january_1")) from None
    if not isinstance(from_term, int) or from_term < 1900:
        raise InvalidInput("from_term", _("must be the year of the first term the rule applies to"))
    if RuleChange.objects.filter(from_term=from_term).exists():
        raise InvalidInput("from_term", _("a rule is already recorded from term %(term)s") % {"term": from_term})
    cited = _reference(reference)
    body = {"rule": value.value, "from_term": from_term, "reference": dict(cited)}
    recorded = record(type="chair.rule_changed", actor=actor, body=body, signed=signed)
    change = RuleChange.objects.create(rule=value, from_term=from_term, reference=cited,
                                       entry_seq=recorded.seq)
    _check_rotation("from_term")
    return change


@action
def record_handover(
    *, actor: Actor, term: int, on: dt.date | str, reference: Mapping[str, str] | str = NO_TEXTS,
    signed: Signed | None = None,
) -> Handover:
    """The chair passed at a regular session: term `term` began on `on`."""
    _require_secretariat(actor, noop("record a chair handover"))
    day = date_of(on, "on")
    if day is None:
        raise InvalidInput("on", _("is required"))
    # Handovers are recorded in order: one dated in the future would refuse every real one after it.
    policies.refuse(policies.dates_history(day, "on", _today()))
    if not isinstance(term, int) or not day.year - 1 <= term <= day.year + 1:
        raise InvalidInput("term", _("term %(term)s cannot begin on %(day)s")
                           % {"term": term, "day": dates.day(day)})
    if Handover.objects.filter(term=term).exists():
        raise InvalidInput("term", _("the handover into term %(term)s is already recorded") % {"term": term})
    last = Handover.objects.order_by("-term").first()
    if last and (term < last.term or day <= last.on):
        raise InvalidInput("on", _("handovers are recorded in order; the last was term %(term)s on %(day)s")
                           % {"term": last.term, "day": dates.day(last.on)})
    cited = _reference(reference)
    body = {"term": term, "on": day.isoformat(), "reference": dict(cited)}
    recorded = record(type="chair.handover_recorded", actor=actor, body=body, signed=signed)
    handover = Handover.objects.create(term=term, on=day, reference=cited, entry_seq=recorded.seq)
    _check_rotation("term")
    return handover


@action
def record_chair_override(
    *, actor: Actor, member: str, start: dt.date | str, end: dt.date | str | None = None,
    reason: Mapping[str, str] | str, reference: Mapping[str, str] | str = NO_TEXTS,
    signed: Signed | None = None,
) -> ChairOverride:
    """The Council decided otherwise: `member` chairs from `start` to `end`."""
    _require_secretariat(actor, noop("record a decision on the chairmanship"))
    state = _member(member)
    first, last = date_of(start, "start"), date_of(end, "end")
    if first is None:
        raise InvalidInput("start", _("is required"))
    if last is not None and last < first:
        raise InvalidInput("end", _("%(end)s is before the start %(start)s")
                           % {"end": dates.day(last), "start": dates.day(first)})
    if not texts_of(reason, "reason", required=False, limit=300):
        raise InvalidInput("reason", _("is required: say what the Council decided"))
    decided, cited = texts_of(reason, "reason", limit=300), _reference(reference)
    body = {"member": state.code, "start": first.isoformat(), "end": iso_of(last),
            "reason": dict(decided), "reference": dict(cited)}
    recorded = record(type="chair.override_recorded", actor=actor, body=body, member=state.code,
                      signed=signed)
    return ChairOverride.objects.create(member=state, start=first, end=last, reason=decided,
                                        reference=cited, entry_seq=recorded.seq)


# Persons and roles.


def _require_keeper(actor: Actor, member: str | None) -> None:
    policies.refuse(policies.administers(_who(actor), member))


def _active_officers() -> int:
    """How many active secretariat officers there are, their rows locked until the act commits: two
    officers deactivating each other at once must not leave the secretariat with none."""
    return len(Person.objects.select_for_update().filter(role=Role.SECRETARIAT_OFFICER, is_active=True)
               .values_list("pk", flat=True))


def _role(role: str, member: str | None) -> Role:
    try:
        value = Role(role)
    except ValueError:
        raise InvalidInput("role", _("%(value)s is not one of: %(choices)s")
                                   % {"value": repr(role), "choices": ", ".join(Role.values)}) from None
    if value == Role.SECRETARIAT_OFFICER and member is not None:
        raise InvalidInput("role", _("a secretariat officer belongs to no delegation"))
    if value in (Role.HEAD, Role.DELEGATE, Role.LIAISON) and member is None:
        raise InvalidInput("member", _("a %(role)s belongs to a member's delegation") % {"role": value.label})
    return value


@action
def add_person(
    *, actor: Actor, username: str, full_name: Mapping[str, str] | str, role: str, member: str | None = None,
    password: str | None = None, title: Mapping[str, str] | str = NO_TEXTS, delegation_admin: bool = False,
    signed: Signed | None = None,
) -> Person:
    """Add a person; `full_name` and `title` (the office it holds) give a text per language (a plain string:
    in the default language)."""
    username = username_of(username)
    if Person.objects.filter(username=username).exists():
        raise InvalidInput("username", _("%(username)s is taken") % {"username": repr(username)})
    names_given = texts_of(full_name, "full_name", limit=200)
    office = texts_of(title, "title", required=False, limit=200)
    state = _member(member) if member else None
    code = state.code if state else None
    value = _role(role, code)
    _require_keeper(actor, code)
    person = Person(username=username, full_name=names_given, title=office, member=state, role=value,
                    is_delegation_admin=delegation_admin)
    _set_password(person, password)
    person.save(force_insert=True)
    # Every field the person is stored with, but its password (the entry never says anything about it),
    # so that the log's replay rebuilds the person as registered.
    body = {"username": username, "full_name": dict(person.full_name), "title": dict(person.title), "member": code,
            "role": value.value, "delegation_admin": delegation_admin}
    record(type="members.person_added", actor=actor, body=body, member=code, signed=signed)
    return person


def _set_password(person: Person, password: str | None) -> None:
    if password is None:
        person.set_unusable_password()
        return
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise InvalidInput("password", " ".join(error.messages)) from None
    person.set_password(password)


def _person(username: str) -> Person:
    person = queries.person_named(username)
    if person is None:
        raise NotFound("person", _("%(username)s is not a person in the registry") % {"username": repr(username)})
    return person


@action
def change_role(
    *, actor: Actor, person: str, role: str, delegation_admin: bool = False,
    signed: Signed | None = None,
) -> Person:
    target = _person(person)
    # Only an active officer's role change can leave the secretariat without one: the officers are counted
    # (and locked) for it alone, not for every delegate's change.
    officer = target.is_active and target.role == Role.SECRETARIAT_OFFICER
    policies.refuse(policies.changes_role(_who(actor), target, role,
                                          active_officers=_active_officers() if officer else 0))
    target.role = _role(role, target.member_id)
    target.is_delegation_admin = delegation_admin
    prepared.save(target, ["role", "is_delegation_admin"])
    body = {"person": target.username, "role": target.role, "delegation_admin": delegation_admin}
    record(type="members.role_changed", actor=actor, body=body, member=target.member_id, signed=signed)
    return target


@action
def set_title(
    *, actor: Actor, person: str, title: Mapping[str, str] | str = NO_TEXTS, signed: Signed | None = None,
) -> Person:
    """Set or change the office a person holds, a text per language ("President of ..."); the texts given
    replace the ones set, and an empty `title` clears it."""
    target = _person(person)
    policies.refuse(policies.titles(_who(actor), target))
    office = texts_of(title, "title", required=False, limit=200)
    target.title = office
    prepared.save(target, ["title"])
    record(type="members.title_set", actor=actor, member=target.member_id, signed=signed,
           body={"person": target.username, "title": dict(office)})
    return target


@action
def deactivate_person(*, actor: Actor, person: str, reason: str = "", signed: Signed | None = None) -> Person:
    """Close a person's access: it signs in and signs for no one until it is reactivated."""
    target = _person(person)
    policies.refuse(policies.deactivates(_who(actor), target, active_officers=_active_officers()))
    target.is_active = False
    prepared.save(target, ["is_active"])
    record(type=entries.PERSON_DEACTIVATED, actor=actor,
           body={"person": target.username, "reason": reason}, member=target.member_id, signed=signed)
    return target


@action
def reactivate_person(*, actor: Actor, person: str, reason: str = "", signed: Signed | None = None) -> Person:
    """Open a deactivated person's access again. Its keys are as they were: those not revoked sign for it
    again from this act on, and what was signed while it was deactivated stays refused."""
    target = _person(person)
    policies.refuse(policies.reactivates(_who(actor), target))
    target.is_active = True
    prepared.save(target, ["is_active"])
    record(type=entries.PERSON_REACTIVATED, actor=actor,
           body={"person": target.username, "reason": reason}, member=target.member_id, signed=signed)
    return target


@action
def set_password(*, actor: Actor, person: str, password: str, one_time: bool | None = None) -> None:
    """A person sets its own password; its delegation's keeper (or the console) may reset it. A password
    set by anyone but the person is a one-time one (unless `one_time` says otherwise: the replay of an entry
    written before one-time passwords): the person must choose its own at its next sign-in."""
    target = _person(person)
    policies.refuse(policies.keeps_keys_of(_who(actor), target))
    _set_password(target, password)
    set_by_another = actor.person is None or actor.person.pk != target.pk
    target.must_change_password = set_by_another if one_time is None else one_time
    prepared.save(target, ["password", "must_change_password"])
    # The entry says that it happened and whether the password is a one-time one, never anything about it.
    body: dict[str, Any] = {"person": target.username}
    if target.must_change_password:
        body["one_time"] = True
    record(type="members.password_set", actor=actor, body=body, member=target.member_id)


# Signing keys: the ledger's own key acts, which the offline verifier reads.


def _public_key(text: str) -> bytes:
    try:
        raw = entries.unb64(text)
    except ValueError:
        raise InvalidInput("public_key", _("is not base64")) from None
    if len(raw) != 32:
        raise InvalidInput("public_key", _("an Ed25519 public key is 32 bytes, not %(length)s")
                                         % {"length": len(raw)})
    return raw


def _require_key_keeper(actor: Actor, target: Person) -> None:
    """A person keeps its own keys; its delegation's keeper (or the console) may act for it."""
    policies.refuse(policies.keeps_keys_of(_who(actor), target))


def _new_key(target: Person, public_key: str, label: str) -> tuple[str, dict[str, Any]]:
    raw = _public_key(public_key)
    key_id = entries.key_id_of(raw)
    if SigningKey.objects.filter(key_id=key_id).exists():
        raise InvalidInput("public_key", _("this key (%(key)s) is already registered") % {"key": key_id})
    body = {"person": target.username, "member": target.member_id,
            "public_key": entries.b64(raw), "label": label}
    return key_id, body


@action
def register_key(
    *, actor: Actor, person: str, public_key: str, label: str = "", signed: Signed | None = None
) -> SigningKey:
    target = _person(person)
    _require_key_keeper(actor, target)
    key_id, body = _new_key(target, public_key, label)
    recorded = record(type=entries.KEY_REGISTERED, actor=actor, body=body, member=target.member_id,
                      signed=signed)
    return SigningKey.objects.create(key_id=key_id, person=target, public_key=body["public_key"],
                                     label=label, registered_seq=recorded.seq)


def _active_key(key_id: str) -> SigningKey:
    key = SigningKey.objects.select_related("person").filter(key_id=key_id).first()
    if key is None:
        raise NotFound("key_id", _("%(key)s is not a registered key") % {"key": key_id})
    if not key.is_active:
        raise InvalidInput("key_id", _("%(key)s was already revoked by entry %(seq)s of the log")
                                     % {"key": key_id, "seq": key.revoked_seq})
    return key


@action
def rotate_key(
    *, actor: Actor, key_id: str, public_key: str, label: str = "", signed: Signed | None = None
) -> SigningKey:
    """Replace a key by a new one in one act: the old one is revoked, the new one registered."""
    old = _active_key(key_id)
    _require_key_keeper(actor, old.person)
    new_id, body = _new_key(old.person, public_key, label)
    body["revoked_key"] = old.key_id
    recorded = record(type=entries.KEY_ROTATED, actor=actor, body=body, member=old.person.member_id,
                      signed=signed)
    # Kept as the entry's own words, in the default language, as keys rotated before reasons had languages.
    old.revoked_seq, old.revoked_reason = recorded.seq, texts_of(f"rotated to {new_id}", "reason")
    prepared.save(old, ["revoked_seq", "revoked_reason"])
    return SigningKey.objects.create(key_id=new_id, person=old.person, public_key=body["public_key"],
                                     label=label, registered_seq=recorded.seq)


@action
def revoke_key(
    *, actor: Actor, key_id: str, reason: Mapping[str, str] | str, signed: Signed | None = None,
) -> SigningKey:
    """Revoke a key, saying why per language (a plain reason, as entries before reasons had languages
    give it: in the default language)."""
    key = _active_key(key_id)
    _require_key_keeper(actor, key.person)
    if not texts_of(reason, "reason", required=False, limit=300):
        raise InvalidInput("reason", _("is required: say why the key is revoked"))
    why = texts_of(reason, "reason", limit=300)
    # A plain reason is written as given, as every entry was before reasons had languages: the log's older
    # revocations replay to the very entries they are, and a signer's statement keeps the body it signed.
    written: str | dict[str, str] = reason.strip() if isinstance(reason, str) else dict(why)
    body = {"key_id": key.key_id, "person": key.person.username, "reason": written}
    recorded = record(type=entries.KEY_REVOKED, actor=actor, body=body, member=key.person.member_id,
                      signed=signed)
    key.revoked_seq, key.revoked_reason = recorded.seq, why
    prepared.save(key, ["revoked_seq", "revoked_reason"])
    return key


# The organization's bodies and who sits on them.

BODY_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


@action
def establish_body(
    *, actor: Actor, code: str, name: Mapping[str, str], composition: Mapping[str, str] | None = None,
    decides: bool = True, reference: Mapping[str, str] | str = NO_TEXTS, signed: Signed | None = None,
) -> Body:
    """Add a body to the organization's structure (the secretariat keeps the structure)."""
    _require_secretariat(actor, noop("change the organization's bodies"))
    code = code.strip().upper()
    if not code or len(code) > 20 or not set(code) <= BODY_CODE_CHARS:
        raise InvalidInput("code", _("use up to 20 letters, digits or '-'"))
    if Body.objects.filter(code=code).exists():
        raise InvalidInput("code", _("%(code)s is already a body") % {"code": repr(code)})
    texts = {"name": texts_of(name, "name", limit=200),
             "composition": texts_of(composition, "composition", required=False, limit=300),
             "reference": _reference(reference)}
    body = {"code": code, "name": dict(texts["name"]), "composition": dict(texts["composition"]),
            "decides": bool(decides), "reference": dict(texts["reference"])}
    recorded = record(type="members.body_established", actor=actor, body=body, signed=signed)
    return Body.objects.create(entry_seq=recorded.seq, **{**body, **texts})


def _body(code: str) -> Body:
    found = Body.objects.filter(code=str(code).strip().upper()).first()
    if found is None:
        raise NotFound("body", _("%(code)s is not a body of the organization") % {"code": repr(code)})
    return found


def _require_seat_keeper(actor: Actor, target: Person) -> None:
    """A seat is given by the person's own delegation (its head or administrator) or the secretariat."""
    policies.refuse(policies.seats(_who(actor), target))


@action
def seat_person(*, actor: Actor, body: str, person: str, signed: Signed | None = None) -> Seat:
    """Name a person to sit on a body for its delegation."""
    found, target = _body(body), _person(person)
    if not target.is_active:
        raise InvalidInput("person", _("%(username)s's access is closed") % {"username": target.username})
    if target.role == Role.OBSERVER:
        raise InvalidInput("person", _("an observer does not sit on a body"))
    _require_seat_keeper(actor, target)
    if Seat.objects.filter(body=found, person=target).exists():
        raise InvalidInput("person", _("%(username)s already sits on %(body)s")
                                     % {"username": target.username, "body": found.code})
    recorded = record(type="members.seat_given", actor=actor, member=target.member_id, signed=signed,
                      body={"body": found.code, "person": target.username, "member": target.member_id})
    return Seat.objects.create(body=found, person=target, entry_seq=recorded.seq)


@action
def unseat_person(
    *, actor: Actor, body: str, person: str, reason: str = "", signed: Signed | None = None
) -> None:
    """End a person's seat on a body."""
    found, target = _body(body), _person(person)
    _require_seat_keeper(actor, target)
    seat = Seat.objects.filter(body=found, person=target).first()
    if seat is None:
        raise InvalidInput("person", _("%(username)s does not sit on %(body)s")
                                     % {"username": target.username, "body": found.code})
    record(type="members.seat_ended", actor=actor, member=target.member_id, signed=signed,
           body={"body": found.code, "person": target.username, "member": target.member_id,
                 "reason": reason.strip()})
    seat.delete()


# Offices and appointments.


@action
def establish_office(
    *, actor: Actor, code: str, name: Mapping[str, str] | str, term_years: int | None = None,
    reference: Mapping[str, str] | str = NO_TEXTS, signed: Signed | None = None,
) -> Office:
    """Add an office to the organization (the Secretary General), with the length of its term if the
    charter sets one (the secretariat keeps the structure)."""
    _require_secretariat(actor, noop("change the organization's offices"))
    code = str(code).strip().upper()
    if not code or len(code) > 20 or not set(code) <= BODY_CODE_CHARS:
        raise InvalidInput("code", _("use up to 20 letters, digits or '-'"))
    if Office.objects.filter(code=code).exists():
        raise InvalidInput("code", _("%(code)s is already an office") % {"code": repr(code)})
    if term_years is not None and (not isinstance(term_years, int) or isinstance(term_years, bool)
                                   or not 1 <= term_years <= 20):
        raise InvalidInput("term_years", _("must be a number of years from 1 to 20"))
    named, cited = texts_of(name, "name", limit=200), _reference(reference)
    body = {"code": code, "name": dict(named), "term_years": term_years, "reference": dict(cited)}
    recorded = record(type="offices.office_established", actor=actor, body=body, signed=signed)
    return Office.objects.create(code=code, name=named, term_years=term_years, reference=cited,
                                 entry_seq=recorded.seq)


def _office(code: str) -> Office:
    found = Office.objects.filter(code=str(code).strip().upper()).first()
    if found is None:
        raise NotFound("office", _("%(code)s is not an office of the organization") % {"code": repr(code)})
    return found


@action
def record_appointment(
    *, actor: Actor, office: str, holder: Mapping[str, str] | str, start: dt.date | str,
    end: dt.date | str | None = None, member: str | None = None, acting: bool = False,
    decision: Mapping[str, str] | str = NO_TEXTS, start_year_only: bool = False, end_year_only: bool = False,
    signed: Signed | None = None,
) -> Appointment:
    """`holder` held `office` from `start` to `end` (None: still holds it): appointed by `decision` (a
    decision of the register by its identifier, or a published one older than the register; empty where
    the record does not give it), or acting in the office. Periods of one office do not overlap. Where the
    record gives only the year of the start or the end, `start_year_only`/`end_year_only` say so (the day
    is then the year's first or last)."""
    _require_secretariat(actor, noop("record an appointment to an office"))
    found = _office(office)
    state = _member(member) if member else None
    first, last = date_of(start, "start"), date_of(end, "end")
    if first is None:
        raise InvalidInput("start", _("is required"))
    if last is not None and last < first:
        raise InvalidInput("end", _("%(end)s is before the start %(start)s")
                           % {"end": dates.day(last), "start": dates.day(first)})
    named, cited = texts_of(holder, "holder", limit=200), _reference(decision, "decision")
    for other in Appointment.objects.filter(office=found):
        if first <= (other.end or dt.date.max) and other.start <= (last or dt.date.max):
            raise InvalidInput("start", _("overlaps %(holder)s's period in the office, from %(start)s")
                               % {"holder": other.holder.pick().text, "start": dates.day(other.start)})
    body = {"office": found.code, "holder": dict(named), "member": state.code if state else None,
            "start": first.isoformat(), "end": iso_of(last), "acting": bool(acting), "decision": dict(cited)}
    years_only = {"start_year_only": bool(start_year_only), "end_year_only": bool(end_year_only and last)}
    body.update({name: True for name, value in years_only.items() if value})
    recorded = record(type="offices.appointment_recorded", actor=actor, body=body, signed=signed,
                      member=state.code if state else None)
    return Appointment.objects.create(office=found, holder=named, member=state, start=first, end=last,
                                      acting=bool(acting), decision=cited, entry_seq=recorded.seq, **years_only)
