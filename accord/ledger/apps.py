from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "accord.ledger"
    label = "ledger"
    verbose_name = "Ledger"

    def ready(self) -> None:
        from accord.ledger import actions, witnessing

        # After each commit that signed a checkpoint, the witnessing worker is woken (if it runs here).
        actions.after_checkpoint.append(witnessing.wake)
