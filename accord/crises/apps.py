from django.apps import AppConfig


class CrisesConfig(AppConfig):
    name = "accord.crises"
    label = "crises"
    verbose_name = "Crisis response"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core.labels import register_acts
        from accord.crises.labels import ACTS
        from accord.ledger.guard import guard_app

        guard_app(self.label)
        register_acts(ACTS)
