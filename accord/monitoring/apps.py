from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "accord.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core.labels import register_acts
        from accord.monitoring.labels import ACTS

        register_acts(ACTS)
