from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "accord.members"
    label = "members"
    verbose_name = "Organization registry"

    def ready(self) -> None:
        # The ledger knows no other app: the registry tells it where the charter lists its witnesses.
        from accord.core import translations
        from accord.ledger import witnessing
        from accord.members.queries import content_languages, log_witnesses

        witnessing.use_witnesses(log_witnesses)
        # Content is kept in the organization's languages: the charter says which.
        translations.use_languages(content_languages)
