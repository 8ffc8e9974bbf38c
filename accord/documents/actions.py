"""Every change to documents: each function is one act with its ledger entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from accord.core import clock, policy, prepared
from accord.core.acting import Actor, action, record
from accord.core.errors import Conflict, InvalidInput, NotFound, SignatureRefused
from accord.core.translations import Texts, content_languages, is_language, texts_of
from accord.core.values import choice_of, date_of, text_of
from accord.decisions.outcome import ADOPTED_OUTCOMES
from accord.decisions.queries import decision_by_identifier
from accord.documents import policies
from accord.documents.models import (
    INSTRUMENTS,
    Adoption,
    Amendment,
    AmendmentStatus,
    Document,
    ForceRule,
    Kind,
    Notification,
    Signature,
    StepKind,
    TreatyStep,
    Version,
)
from accord.members.models import Member, SigningKey
from accord.members.queries import member_in_good_standing, state_name
from accord_verify import entries, texts


def _who(actor: Actor) -> policies.Who:
    """Whom the policies judge: the person's viewer, or None for the console operator."""
    return policy.viewer_of(actor.person) if actor.person is not None else None


def _date(value: Any, field: str, *, required: bool = True) -> dt.date | None:
    day = date_of(value, field)
    if day is None and required:
        raise InvalidInput(field, _("is required (YYYY-MM-DD)"))
    return day


def _past(value: Any, field: str) -> dt.date:
    """A required day of something that has happened: today at the latest."""
    day = _date(value, field)
    assert day is not None
    policies.refuse(policies.dates_history(day, field, clock.today()))
    return day


TITLE_LIMIT = 300  # a title, a version's note, a letter's subject


def _document(actor: Actor, document: int | Document) -> Document:
    """The document, if the actor may see it; a hidden one is as missing."""
    found = document if isinstance(document, Document) else Document.objects.filter(pk=document).first()
    who = _who(actor)
    if found is None or (who is not None and not policy.may_see(who, found.classification, found.audience)):
        raise NotFound("document")
    return found


def _version(document: Document, number: int, field: str = "version") -> Version:
    version = document.versions.filter(number=number).first()
    if version is None:
        raise NotFound(field, _("the document has no version %(number)s") % {"number": number})
    return version


def _adopted(document: Document) -> bool:
    return Adoption.objects.filter(version__document=document).exists()


def _members(codes: Sequence[str], field: str) -> list[str]:
    result = []
    for code in codes:
        member = Member.objects.filter(code=str(code).upper()).first()
        if member is None:
            raise InvalidInput(field, _("%(code)s is not a member state in the registry") % {"code": repr(code)})
        if member.code in result:
            raise InvalidInput(field, _("names %(code)s twice") % {"code": state_name(member.code)})
        result.append(member.code)
    return result


def _check_texts(given: Mapping[str, Any], authentic: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The texts by ISO 639 language (any language, not only the organization's) and the authentic ones."""
    result: dict[str, str] = {}
    for language, text in given.items():
        if not is_language(language):
            raise InvalidInput(f"texts.{language}", _("%(value)s is not an ISO 639 language code")
                                                    % {"value": repr(language)})
        body = "\n\n".join(texts.paragraphs(str(text or "")))
        if not body:
            raise InvalidInput(f"texts.{language}", _("is empty"))
        result[language] = body
    if not result:
        raise InvalidInput("texts", _("give the text in at least one language"))
    chosen = sorted(set(authentic))
    if not chosen:
        raise InvalidInput("authentic", _("name at least one authentic language"))
    for language in chosen:
        if language not in result:
            raise InvalidInput("authentic", _("%(language)s is named authentic but no text in it is given")
                                            % {"language": repr(language)})
    return result, chosen


def _new_version(actor: Actor, document: Document, number: int, given: Mapping[str, Any],
                 authentic: Sequence[str], note: str) -> tuple[Version, dict[str, Any]]:
    body_texts, chosen = _check_texts(given, authentic)
    content = texts.content_of(document=document.pk, kind=document.kind, title=document.title, number=number,
                               texts=body_texts, authentic=chosen)
    digest = texts.hash_of(content)
    version = Version(document=document, number=number, texts=body_texts, authentic=chosen, hash=digest,
                      note=note, created_seq=0)
    return version, {"document": document.pk, "version": number, "hash": digest, "texts": body_texts,
                     "authentic": chosen, "note": note}


def _record(type: str, actor: Actor, document: Document, body: dict[str, Any], member: str | None = None) -> int:
    applies = policy.floor(document.classification, document.audience)  # never more open than the document
    return record(type=type, actor=actor, body=body, classification=applies.classification,
                  audience=applies.audience, member=member).seq


@action
def create_document(
    *, actor: Actor, kind: str, title: Mapping[str, str], texts: Mapping[str, str],
    authentic: Sequence[str], classification: str = "public", audience: Sequence[str] = (),
    signatories: Sequence[str] = (), force_rule: str = ForceRule.ON_SIGNATURE, force_count: int | None = None,
    force_date: dt.date | str | None = None,
) -> Document:
    """Draft a document with its first version; its title in the organization's languages."""
    policies.refuse(policies.drafts(_who(actor)))
    languages = content_languages()
    titled = texts_of(title, "title", languages, limit=TITLE_LIMIT)
    choice_of(kind, "kind", Kind.values)
    choice_of(classification, "classification", entries.CLASSIFICATIONS)
    choice_of(force_rule, "force_rule", ForceRule.values)
    if kind == Kind.AGREEMENT and force_rule == ForceRule.ON_SIGNATURE:
        raise InvalidInput("force_rule", _("an agreement needs ratification: state how it enters into force"))
    if force_rule == ForceRule.AFTER_INSTRUMENTS and (not isinstance(force_count, int) or force_count < 1):
        raise InvalidInput("force_count", _("say after how many instruments the document enters into force"))
    day = _date(force_date, "force_date", required=force_rule == ForceRule.ON_DATE)
    members = _members(signatories, "signatories") or [
        code for code in Member.objects.order_by("code").values_list("code", flat=True)
        if member_in_good_standing(code)]
    document = Document.objects.create(
        kind=kind, title=titled, classification=classification, audience=sorted(audience), signatories=members,
        force_rule=force_rule,
        force_count=force_count if force_rule == ForceRule.AFTER_INSTRUMENTS else None,
        force_date=day, created_seq=0)
    version, body = _new_version(actor, document, 1, texts, authentic, "")
    # The organization's languages, in order, say in which order the signed PDF prints its names.
    body.update({"kind": kind, "title": dict(titled), "languages": list(languages),
                 "signatories": members, "force_rule": force_rule, "force_count": document.force_count,
                 "force_date": day.isoformat() if day else None})
    seq = _record("documents.created", actor, document, body)
    document.created_seq = seq
    prepared.save(document, ["created_seq"])
    version.created_seq = seq
    version.save()
    return document


@action
def add_version(
    *, actor: Actor, document: int, texts: Mapping[str, str], authentic: Sequence[str], note: str = ""
) -> Version:
    """A new version of a draft; a document whose version is adopted takes no more."""
    policies.refuse(policies.drafts(_who(actor)))
    found = _document(actor, document)
    policies.refuse(policies.works_on(_who(actor), _adopted(found)))
    number = (found.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    noted = text_of(note, "note", limit=TITLE_LIMIT, required=False)
    version, body = _new_version(actor, found, number, texts, authentic, noted)
    version.created_seq = _record("documents.version_added", actor, found, body)
    version.save()
    return version


@action
def propose_amendment(
    *, actor: Actor, document: int, version: int, language: str, paragraph: int, text: str, reason: str = ""
) -> Amendment:
    policies.refuse(policies.drafts(_who(actor)))
    found = _document(actor, document)
    target = _version(found, version)
    policies.refuse(policies.works_on(_who(actor), _adopted(found)))
    if language not in target.texts:
        raise InvalidInput("language", _("version %(version)s has no text in %(language)s")
                                       % {"version": version, "language": repr(language)})
    count = len(texts.paragraphs(target.texts[language]))
    if not isinstance(paragraph, int) or not 1 <= paragraph <= count:
        raise InvalidInput("paragraph", _("must be a paragraph number from 1 to %(count)s") % {"count": count})
    new = " ".join(str(text or "").split())
    if not new:
        raise InvalidInput("text", _("is required: the paragraph as amended"))
    if new == texts.paragraphs(target.texts[language])[paragraph - 1]:
        raise InvalidInput("text", _("is the paragraph as it stands: nothing to amend"))
    reason = text_of(reason, "reason", limit=500, required=False)
    body = {"document": found.pk, "version": version, "language": language, "paragraph": paragraph,
            "text": new, "reason": reason}
    seq = _record("documents.amendment_proposed", actor, found, body)
    return Amendment.objects.create(version=target, language=language, paragraph=paragraph, text=new,
                                    member=actor.member or "", person=actor.handle or "", reason=reason,
                                    proposed_seq=seq)


def _open_amendment(actor: Actor, amendment: int, *, accept: bool) -> Amendment:
    found = Amendment.objects.select_related("version__document").filter(pk=amendment).first()
    try:
        document = _document(actor, found.version.document if found is not None else -1)
    except NotFound:
        # An amendment to a document the actor may not see answers as a missing amendment does.
        raise NotFound("amendment") from None
    assert found is not None
    policies.refuse(policies.decides_amendment(_who(actor), found, _adopted(document), accept=accept))
    return found


@action
def accept_amendment(*, actor: Actor, amendment: int) -> Amendment:
    """Accept: the amended paragraph goes into a new version of the document."""
    policies.refuse(policies.keeps_documents(_who(actor), noop("accept amendments")))
    found = _open_amendment(actor, amendment, accept=True)
    document = found.version.document
    latest = document.versions.order_by("-number").first()
    assert latest is not None
    if latest.pk != found.version_id:
        base = latest.texts.get(found.language)
        if base is None or texts.paragraphs(base)[found.paragraph - 1:found.paragraph] != \
                texts.paragraphs(found.version.texts[found.language])[found.paragraph - 1:found.paragraph]:
            raise Conflict("amendment", _("the paragraph changed since version %(version)s")
                                        % {"version": found.version.number})
    new_texts = dict(latest.texts)
    new_texts[found.language] = texts.replace_paragraph(latest.texts[found.language], found.paragraph, found.text)
    version, body = _new_version(actor, document, latest.number + 1, new_texts, latest.authentic,
                                 f"amendment #{found.pk} accepted")
    body["amendment"] = found.pk
    seq = _record("documents.amendment_accepted", actor, document, body)
    version.created_seq = seq
    version.save()
    found.status, found.decided_seq, found.result = AmendmentStatus.ACCEPTED, seq, version
    prepared.save(found, ["status", "decided_seq", "result"])
    return found


@action
def reject_amendment(*, actor: Actor, amendment: int, reason: str = "") -> Amendment:
    policies.refuse(policies.keeps_documents(_who(actor), noop("reject amendments")))
    found = _open_amendment(actor, amendment, accept=False)
    body = {"document": found.version.document_id, "amendment": found.pk,
            "reason": text_of(reason, "reason", limit=500, required=False)}
    seq = _record("documents.amendment_rejected", actor, found.version.document, body)
    found.status, found.decided_seq = AmendmentStatus.REJECTED, seq
    prepared.save(found, ["status", "decided_seq"])
    return found


def _decision_for(identifier: str) -> str:
    """The stable identifier of the adopted decision that adopts a document (given as the log records it or
    as any of the organization's languages writes it); any other is refused."""
    text = text_of(identifier, "decision", limit=600)
    decision = decision_by_identifier(text)
    if decision is None:
        raise InvalidInput("decision", _("%(decision)s identifies no decision") % {"decision": repr(text)})
    if decision.outcome not in ADOPTED_OUTCOMES:
        raise InvalidInput("decision", _("%(decision)s was not adopted (its outcome: %(outcome)s)")
                                       % {"decision": repr(text), "outcome": decision.outcome})
    return str(decision.identifier)


@action
def adopt_version(*, actor: Actor, document: int, version: int, decision: str,
                  adopted_on: dt.date | str | None) -> Adoption:
    """Tie a version to the decision that adopted it; the adopted version is the one heads sign."""
    policies.refuse(policies.keeps_documents(_who(actor), noop("record an adoption")))
    found = _document(actor, document)
    target = _version(found, version)
    existing = Adoption.objects.select_related("version").filter(version__document=found).first()
    policies.refuse(policies.adopts(_who(actor), existing.version.number if existing else None,
                                    existing.seq if existing else None))
    identifier = _decision_for(decision)
    day = _past(adopted_on, "adopted_on")
    taken = decision_by_identifier(identifier)
    policies.refuse(policies.dates_after(day, "adopted_on", taken.decided_on if taken else None,
                                         _("the decision that adopts it")))
    body = {"document": found.pk, "version": target.number, "hash": target.hash, "decision": identifier,
            "adopted_on": day.isoformat()}
    seq = _record("documents.adopted", actor, found, body)
    return Adoption.objects.create(version=target, decision=identifier, adopted_on=day, seq=seq)


def adopted_version(document: Document) -> Version | None:
    adoption = Adoption.objects.select_related("version").filter(version__document=document).first()
    return adoption.version if adoption else None


@action
def sign_document(
    *, actor: Actor, document: int, version: int, key_id: str, signature: str, signed_on: Any,
    place: Mapping[str, str] | str, reservations: str = "",
) -> Signature:
    """A head's signature for its member: Ed25519 over the adopted version's hash, made elsewhere."""
    who = _who(actor)
    policies.refuse(policies.signs_for(who))
    person = actor.person
    assert person is not None
    found = _document(actor, document)
    target = _version(found, version)
    if not hasattr(target, "adoption"):
        raise InvalidInput("version", _("version %(version)s is not adopted: only the adopted version is signed")
                                      % {"version": version})
    member = person.member_id
    assert member is not None
    policies.refuse(policies.signs(who, found, set(
        Signature.objects.filter(version=target).values_list("member_id", flat=True))))
    key = SigningKey.objects.filter(key_id=key_id).first()
    if key is None:
        raise SignatureRefused("key_id", _("%(key)s is not a registered key") % {"key": key_id})
    if key.revoked_seq is not None:
        raise SignatureRefused("key_id", _("%(key)s was revoked by entry %(seq)s of the log")
                               % {"key": key_id, "seq": key.revoked_seq})
    if key.person_id != person.pk:
        raise SignatureRefused("key_id", _("%(key)s is not a key of %(person)s")
                               % {"key": key_id, "person": person.username})
    try:
        VerifyKey(entries.unb64(key.public_key)).verify(texts.signing_message(target.hash),
                                                        entries.unb64(signature))
    except (BadSignatureError, ValueError):
        raise SignatureRefused("signature", _("does not verify over the hash of version %(version)s (%(hash)s) "
                                              "with key %(key)s")
                               % {"version": version, "hash": target.hash, "key": key_id}) from None
    day = _past(signed_on, "signed_on")
    policies.refuse(policies.dates_after(day, "signed_on", target.adoption.adopted_on, _("its adoption")))
    # Where it was signed, as each organization language names it (a plain text: the default language's).
    where = texts_of(place, "place", limit=200)
    notes = " ".join(str(reservations or "").split())
    state = Member.objects.get(code=member)
    # The names as they stand today are recorded with the signature: the signed PDF prints its signature
    # blocks from the log alone, so that an auditor's copy of the log can check every word of them.
    body = {"document": found.pk, "version": target.number, "hash": target.hash, "member": member,
            "member_name": dict(_names(state)),
            "signer": {"name": person.full_name.pick(content_languages()[0]).text, "title": person.title},
            "key": key_id, "signature": signature, "signed_on": day.isoformat(),
            "place": dict(where), "reservations": notes}
    seq = _record("documents.signed", actor, found, body, member=member)
    return Signature.objects.create(version=target, member_id=member, person=person, key_id=key_id,
                                    signature=signature, signed_on=day, place=where, reservations=notes, seq=seq)


def _names(state: Member) -> Texts:
    """A member state's name in the organization's languages."""
    names = state.name
    return Texts((code, names.pick(code).text) for code in content_languages())


def _step_depends_on(document: Document, member: str, kind: str) -> tuple[dt.date | None, str]:
    """The latest act a member's treaty step follows: the adoption; for an instrument, a provisional
    application or a recorded entry into force also the member's signature; for a denunciation or cessation
    also its instrument."""
    adoption = Adoption.objects.filter(version__document=document).first()
    found: list[tuple[dt.date, str]] = [(adoption.adopted_on, _("its adoption"))] if adoption else []
    if kind in (*INSTRUMENTS, StepKind.PROVISIONAL, StepKind.IN_FORCE, StepKind.DENOUNCED, StepKind.CEASED):
        signed = [s.signed_on for s in Signature.objects.filter(version__document=document, member_id=member)]
        signed += [s.on for s in TreatyStep.objects.filter(document=document, member_id=member,
                                                           kind=StepKind.SIGNED)]
        found += [(day, _("the signature of %(member)s") % {"member": state_name(member)}) for day in signed]
    if kind in (StepKind.DENOUNCED, StepKind.CEASED):
        found += [(s.on, _("the instrument of %(member)s") % {"member": state_name(member)})
                  for s in TreatyStep.objects.filter(document=document, member_id=member, kind__in=INSTRUMENTS)]
    return max(found, key=lambda pair: pair[0]) if found else (None, "")


@action
def record_step(
    *, actor: Actor, document: int, member: str, kind: str, on: dt.date | str | None,
    reference: Mapping[str, str] | str = "",
) -> TreatyStep:
    """The depositary records a member's instrument, provisional application, amendment or denunciation."""
    policies.refuse(policies.keeps_documents(_who(actor), noop("record treaty steps")))
    found = _document(actor, document)
    choice_of(kind, "kind", StepKind.values)
    if not found.needs_ratification and kind != StepKind.AMENDED:
        raise InvalidInput("kind", _("this document takes effect on signature: it has no instruments"))
    code = _members([member], "member")[0]
    day = _past(on, "on")
    policies.refuse(policies.dates_after(day, "on", *_step_depends_on(found, code, kind)))
    if kind == StepKind.SIGNED and (TreatyStep.objects.filter(document=found, member_id=code, kind=kind).exists()
                                    or Signature.objects.filter(version__document=found, member_id=code).exists()):
        raise Conflict("member", _("%(code)s has already signed this document") % {"code": state_name(code)})
    if kind in {"ratification", "acceptance", "approval", "accession"} and \
            TreatyStep.objects.filter(document=found, member_id=code,
                                      kind__in=["ratification", "acceptance", "approval", "accession"]).exists():
        raise Conflict("member", _("%(code)s has already deposited its instrument") % {"code": state_name(code)})
    if kind == StepKind.IN_FORCE and TreatyStep.objects.filter(document=found, member_id=code, kind=kind).exists():
        raise Conflict("member", _("the entry into force for %(code)s is already recorded")
                                 % {"code": state_name(code)})
    ended = TreatyStep.objects.filter(document=found, member_id=code,
                                      kind__in=[StepKind.DENOUNCED, StepKind.CEASED])
    if kind in (StepKind.DENOUNCED, StepKind.CEASED) and ended.exists():
        raise Conflict("member", _("%(code)s is already no longer bound by this document")
                                 % {"code": state_name(code)})
    note = texts_of(reference, "reference", required=False, limit=500)
    body = {"document": found.pk, "member": code, "kind": kind, "on": day.isoformat(), "reference": dict(note)}
    seq = _record("documents.step_recorded", actor, found, body, member=code)
    return TreatyStep.objects.create(document=found, member_id=code, kind=kind, on=day, reference=note, seq=seq)


@action
def notify(*, actor: Actor, document: int, on: dt.date | str | None, subject: Mapping[str, str] | str,
           text: Mapping[str, str] | str = "") -> Notification:
    """A depositary notification to the signatories."""
    policies.refuse(policies.keeps_documents(_who(actor), noop("send depositary notifications")))
    found = _document(actor, document)
    day = _date(on, "on")
    assert day is not None
    title = texts_of(subject, "subject", limit=TITLE_LIMIT)
    words = texts_of(text, "text", required=False, limit=20_000)
    body = {"document": found.pk, "on": day.isoformat(), "subject": dict(title), "text": dict(words)}
    seq = _record("documents.notified", actor, found, body)
    return Notification.objects.create(document=found, on=day, subject=title, text=words, seq=seq)
