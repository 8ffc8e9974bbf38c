from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "accord.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        from accord.decisions import labels

        labels.register()
