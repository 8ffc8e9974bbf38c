"""Template filters of the meetings pages."""

from django import template
from django.utils.translation import pgettext

from accord.core.labels import CLASSIFICATION_LABELS, label_in
from accord.meetings.classify import Applies

register = template.Library()


@register.filter
def classification_label(code: str) -> str:
    return label_in(CLASSIFICATION_LABELS, code)


@register.filter
def reference_label(kind: str) -> str:
    """What an agenda item's linked reference is: a proposal or a document."""
    if kind == "proposal":
        return pgettext("agenda reference", "Proposal")
    return pgettext("agenda reference", "Document")


@register.filter
def differs(applies: Applies, container: Applies) -> bool:
    """Whether what applies to a thing differs from what applies to what holds it (a statement from its
    part, a part or an item from its session): only then is the thing's own access worth saying."""
    own = (applies.classification, tuple(applies.audience))
    return own != (container.classification, tuple(container.audience))
