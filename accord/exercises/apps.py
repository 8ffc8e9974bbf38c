from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "accord.exercises"
    label = "exercises"
    verbose_name = "Exercises"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core import calendar
        from accord.core.labels import register_acts
        from accord.exercises import queries
        from accord.exercises.labels import ACTS

        register_acts(ACTS)
        calendar.register_source("exercises", queries.calendar_entries)
