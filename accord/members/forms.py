"""The registry pages' forms: what a person posts, checked before it reaches an action."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accord.core.pages import ActForm
from accord.core.translations import TextsFormField


class AccessForm(ActForm):
    """Close or reopen a person's access (members.actions.deactivate_person, reactivate_person).

    The person is in the URL and the button is the whole input: the form has no fields of its own,
    and carries the action's refusal, named by its field's label, to the page.
    """


class OfficialNameForm(ActForm):
    """Set a member state's official short names (members.actions.set_official_name); the state is in the URL."""

    name = TextsFormField(label=_("Official short name"), limit=200, required=False,
                          help_text=_("Where the organization names the state otherwise than ISO 3166; a name "
                                      "left empty is ISO's."))
