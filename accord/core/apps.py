from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = "Accord core"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from django.db.models.signals import pre_save

        from accord.core import drill, fits
        from accord.ledger import guard

        guard.install()
        fits.install()
        pre_save.connect(drill.mark_on_save, dispatch_uid="accord.core.drill")
