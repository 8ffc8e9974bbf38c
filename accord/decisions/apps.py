from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "accord.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        from accord.decisions import deadlines, labels
        from accord.meetings import calendar

        labels.register()
        calendar.register_source("decisions", deadlines.procedure_deadlines)
