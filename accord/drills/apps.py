from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "accord.drills"
    label = "drills"
    verbose_name = "Accord drills"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core import drill
        from accord.core.labels import register_acts
        from accord.drills import ticking
        from accord.drills.labels import ACTS

        register_acts(ACTS)
        drill.set_clock(ticking.until_next)
