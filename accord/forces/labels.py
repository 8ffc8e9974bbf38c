"""The standing forces' acts' names in the reader's language, registered with the web labels."""

from django.utils.translation import gettext_lazy as _

ACTS = {
    "forces.established": _("Standing force recorded"),
    "forces.contribution_declared": _("Contribution to a standing force declared"),
}
