from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "accord.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core import calendar
        from accord.decisions import deadlines, labels

        labels.register()
        calendar.register_source("decisions", deadlines.procedure_deadlines)
