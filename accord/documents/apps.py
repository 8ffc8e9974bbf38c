from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "accord.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core.labels import register_acts

        register_acts({
            "documents.created": _("Document drafted"),
            "documents.version_added": _("Document version added"),
            "documents.amendment_proposed": _("Amendment proposed"),
            "documents.amendment_accepted": _("Amendment accepted"),
            "documents.amendment_rejected": _("Amendment rejected"),
            "documents.adopted": _("Document adopted"),
            "documents.signed": _("Document signed"),
            "documents.step_recorded": _("Treaty step recorded"),
            "documents.notified": _("Depositary notification"),
        })
