"""The attachments' acts' names in the reader's language, registered with the web labels."""

from django.utils.translation import gettext_lazy as _

ACTS = {
    "attachments.attached": _("File attached"),
    "attachments.withdrawn": _("Attachment withdrawn"),
}
