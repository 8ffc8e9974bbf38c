from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "accord.attachments"
    label = "attachments"
    verbose_name = "Attachments"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.attachments.labels import ACTS
        from accord.core.labels import register_acts

        register_acts(ACTS)
