"""The decisions pages' forms: what a person types, checked and typed before it reaches an action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core import dates, policy, provenance
from accord.core.dayfield import DayField, InstantField
from accord.core.pages import ActForm
from accord.core.policy import Viewer
from accord.core.translations import TextsFormField
from accord.decisions import labels, sessions
from accord.decisions.actions import POSITION_TEXT_LIMIT, PROPOSAL_TEXT_LIMIT
from accord.members import queries as registry
from accord.members.models import Body


class ProposalForm(ActForm):
    """Table a proposal (decisions.actions.propose)."""

    title = TextsFormField(label=_("Title"), limit=400)
    text = TextsFormField(label=_("Text"), required=False, multiline=True, limit=PROPOSAL_TEXT_LIMIT)
    document = forms.CharField(label=_("Document version (reference, optional)"), max_length=100, required=False)
    body = forms.ChoiceField(label=_("Deciding body"))
    sponsors = forms.MultipleChoiceField(label=_("Sponsors"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    classification = forms.ChoiceField(label=_("Classification"), initial=policy.MEMBERS, choices=[
        (policy.MEMBERS, _("Members only")), (policy.PUBLIC, _("Public"))])

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ChoiceField)
        body.choices = [(b.code, str(b.name)) for b in Body.objects.filter(decides=True)]
        sponsors = self.fields["sponsors"]
        assert isinstance(sponsors, forms.MultipleChoiceField)
        # Only a state in good standing today sponsors a proposal; a withdrawn one is history, not a choice.
        sponsors.choices = [(view.code, str(view.member.name)) for view in registry.members(viewer)
                            if view.is_current]
        if viewer.member and not self.is_bound:
            self.initial["sponsors"] = [viewer.member]


# A proposal's page holds several of these forms: each keeps the ids its fields had (`auto_id`), so that
# two fields named `reason` do not share one.


class OpenProcedureForm(ActForm):
    """Open the procedure that decides a proposal (decisions.actions.open_procedure)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=list(labels.KINDS.items()))
    deadline = InstantField(label=_("Deadline"), required=False)
    session = forms.ChoiceField(label=_("Session (for consensus at a session)"), required=False)
    quorum = forms.CharField(label=_("Quorum (majority vote, e.g. 1/2)"), max_length=20, required=False)
    threshold = forms.CharField(
        label=_("Threshold (majority vote, share of votes cast that must join, more than)"), max_length=20,
        required=False)

    def __init__(self, *args: Any, viewer: Viewer, body: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        session = self.fields["session"]
        assert isinstance(session, forms.ChoiceField)
        # The deciding body's sessions the person may see: consensus is reached at one of them.
        found = sessions.sessions_of(viewer, body)
        # A session's days that are not plain fact (illustrative) say so, as everywhere they are printed.
        known = provenance.of_entries(at.entry_seq for at in found)
        marks = {at.id: provenance.label(at.entry_seq, "starts_on", "ends_on", known=known) for at in found}
        session.choices = [("", _("none (not consensus)"))] + [
            (str(at.id), f"{at.title} ({dates.day(at.starts_on)}"
                         + (f" – {dates.day(at.ends_on)}" if at.ends_on != at.starts_on else "")
                         + (f" · {marks[at.id]})" if marks[at.id] else ")"))
            for at in found]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["session"] = cleaned.get("session") or None
        for name in ("quorum", "threshold"):  # not given: the charter's own
            cleaned[name] = cleaned.get(name) or None
        return cleaned


class PositionForm(ActForm):
    """A member's position in the open procedure (decisions.actions.lodge_position)."""

    member = forms.CharField(widget=forms.HiddenInput)
    # Nothing chosen beforehand: a position is final, so the person chooses it (none chosen is refused).
    stance = forms.ChoiceField(label=_("Position"), widget=forms.RadioSelect, error_messages={
        "required": _("Position: choose one; a position is final, so none is chosen for you")})
    reasons = forms.CharField(label=_("Reasons (required to object)"), required=False,
                              max_length=POSITION_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))
    amendment = forms.CharField(label=_("Proposed amendment (to break silence)"), required=False,
                                max_length=POSITION_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))
    statement_kind = forms.ChoiceField(label=_("Statement attached to joining"), required=False,
                                       choices=[("", _("none")), *labels.STATEMENT_KINDS.items()])
    statement = forms.CharField(label=_("Text of the reservation or statement"), required=False,
                                max_length=POSITION_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, member: str, silence: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.initial["member"] = member
        stances = ["join", "object", "abstain", "non_participation"] + (["break_silence"] if silence else [])
        stance = self.fields["stance"]
        assert isinstance(stance, forms.ChoiceField)
        stance.choices = [(code, labels.STANCES[code]) for code in stances]
        if not silence:  # only silence is broken, with an amendment
            del self.fields["amendment"]


class CloseProcedureForm(ActForm):
    """Record the procedure's outcome (decisions.actions.close_procedure); a session may return a draft."""

    returned_for_revision = forms.BooleanField(label=_("The session returned the draft for revision"),
                                               required=False)
    reason = TextsFormField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, consensus: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "close-%s")
        super().__init__(*args, **kwargs)
        if not consensus:  # only a session returns a draft: the other kinds close on their facts
            del self.fields["returned_for_revision"], self.fields["reason"]


class ReviseForm(ActForm):
    """A sponsor revises the proposal's text before a new procedure (decisions.actions.revise)."""

    text = TextsFormField(label=_("Revised text"), multiline=True, limit=PROPOSAL_TEXT_LIMIT)
    reason = forms.CharField(label=_("What was changed, and why"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "revise-%s")
        super().__init__(*args, **kwargs)


class WithdrawForm(ActForm):
    """A sponsor withdraws its proposal (decisions.actions.withdraw)."""

    reason = TextsFormField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "withdraw-%s")
        super().__init__(*args, **kwargs)


class AccedeForm(ActForm):
    """A member that did not join accedes to the adopted decision (decisions.actions.accede)."""

    member = forms.CharField(widget=forms.HiddenInput)
    # An accession of the past is entered on its day (an organization loading its archive records one so).
    on = DayField(label=_("Day of the accession (empty: today)"), required=False)

    def __init__(self, *args: Any, member: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "accede-%s")
        super().__init__(*args, **kwargs)
        self.initial["member"] = member
