from django.apps import AppConfig


class CrisesConfig(AppConfig):
    name = "accord.crises"
    label = "crises"
    verbose_name = "Crisis response"

    def ready(self) -> None:
        from accord.core.guard import guard_app
        from accord.crises.labels import ACTS
        from accord.web.labels import register_acts

        guard_app(self.label)
        register_acts(ACTS)
