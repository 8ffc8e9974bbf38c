"""The registry pages' forms: what a person posts, checked before it reaches an action."""

from __future__ import annotations

from accord.core.pages import ActForm


class AccessForm(ActForm):
    """Close or reopen a person's access (members.actions.deactivate_person, reactivate_person).

    The person is in the URL and the button is the whole input: the form has no fields of its own,
    and carries the action's refusal, named by its field's label, to the page.
    """
