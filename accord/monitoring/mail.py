"""Alerts by e-mail: sent once the act that raised them commits, through Django's e-mail backend (the
console by default: settings.EMAIL_BACKEND), to each person of a member following the theme who asked for
it and may see the indicator. A mail that fails is logged, never undoes the act."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accord.core import policy, provenance, replaying

if TYPE_CHECKING:
    from accord.monitoring.models import Alert

log = logging.getLogger(__name__)


def valid_address(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def on_commit(alert: Alert) -> None:
    """Send the alert's mails once its act commits; a replay of the log sends nothing."""
    if replaying.active() is not None:
        return
    transaction.on_commit(lambda: send(alert.pk))


def recipients(alert: Alert) -> list[str]:
    """The addresses of the people who asked for alerts, of members following the theme, who may see it."""
    from accord.monitoring import queries
    from accord.monitoring.models import AlertMail

    following = set(queries.followers(alert.theme))
    found = []
    for choice in AlertMail.objects.filter(wanted=True).select_related("person").order_by("person__username"):
        person = choice.person
        viewer = policy.viewer_of(person)
        if person.member_id in following and choice.address and queries.may_see_alert(viewer, alert):
            found.append(choice.address)
    return found


def send(pk: int) -> None:
    from accord.monitoring.models import Alert

    alert = Alert.objects.select_related("theme", "indicator", "value").get(pk=pk)
    addresses = recipients(alert)
    if not addresses:
        return
    with translation.override("en"):
        subject = _("Accord alert: %(indicator)s") % {"indicator": alert.indicator.name.pick().text}
        body = _("%(member)s reported %(value)s %(unit)s as of %(day)s for %(indicator)s (theme: %(theme)s), "
                 "which crosses its %(level)s level.") % {
            "member": alert.value.member_id, "value": format(alert.value.value.normalize(), "f"),
            "unit": alert.indicator.unit, "day": alert.value.as_of.isoformat(),
            "indicator": alert.indicator.name.pick().text, "theme": alert.theme.name.pick().text,
            "level": alert.level}
        mark = provenance.marked(alert.value.entry_seq, "value")  # its act's provenance, as every page shows it
        if mark is not None and mark.certainty == provenance.ILLUSTRATIVE:
            body += " " + _("The value is illustrative, not a reported fact.")
        elif mark is not None:
            body += " " + _("The value is marked: %(mark)s.") % {"mark": provenance.mark(alert.value.entry_seq,
                                                                                          "value")}
    try:
        send_mail(subject, body, None, addresses)
    except OSError:
        log.exception("the alert mail of alert %s was not sent", pk)
