from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "accord.ledger"
    label = "ledger"
    verbose_name = "Ledger"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.ledger import actions, witnessing

        # After each commit that signed a checkpoint, the witnessing worker is woken (if it runs here).
        actions.after_checkpoint.append(witnessing.wake)
