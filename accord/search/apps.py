"""The search app: one index of what people read, kept current by every act, searched as the viewer may see."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "accord.search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accord.core.acting import after_each_act
        from accord.search import indexing

        # The index follows the state in the act's own transaction: what an act changed is found at once,
        # and an act that fails leaves the index as it was.
        after_each_act(indexing.after_act)
