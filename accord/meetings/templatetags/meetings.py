"""Template filters of the meetings pages."""

from django import template

from accord.core.labels import CLASSIFICATION_LABELS, label_in

register = template.Library()


@register.filter
def classification_label(code: str) -> str:
    return label_in(CLASSIFICATION_LABELS, code)
