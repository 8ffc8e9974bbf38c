from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "accord.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core.labels import register_acts
        from accord.core.origins import register_origin
        from accord.monitoring.labels import ACTS
        from accord.monitoring.queries import crisis_origins

        register_acts(ACTS)
        register_origin("monitoring", crisis_origins)
