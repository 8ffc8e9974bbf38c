from django.apps import AppConfig


class ForcesConfig(AppConfig):
    name = "accord.forces"
    label = "forces"
    verbose_name = "Standing forces"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core.labels import register_acts
        from accord.forces.labels import ACTS

        register_acts(ACTS)
