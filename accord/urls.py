"""The site's URLs: the API under /api/v1/, the log's tiles under /log/, and the web pages."""

from typing import Any

from django.urls import URLResolver, include, path
from django.urls.resolvers import RoutePattern


class LazyResolver(URLResolver):
    """URLs whose module (given by name) is imported on their first use: a request under their prefix, or
    a reverse of a name of their namespace. Django's resolver imports it as soon as any name is reversed
    (every page does), since the site's resolver reads every resolver under it then; this one is left
    empty until used."""

    def _populate(self) -> None:
        if "urlconf_module" in self.__dict__:  # imported (a cached property)
            super()._populate()

    @property
    def reverse_dict(self) -> Any:
        self.urlconf_module  # noqa: B018 (imported here, on first use)
        return super().reverse_dict

    @property
    def namespace_dict(self) -> Any:
        self.urlconf_module  # noqa: B018
        return super().namespace_dict

    @property
    def app_dict(self) -> Any:
        self.urlconf_module  # noqa: B018
        return super().app_dict


# The database out of reach, or its disk full, even in a middleware: 503 or 507 (accord.core.outage).
handler500 = "accord.core.outage.server_error"
# Django's own error pages, which close the connections they took: under the server they are drawn on a thread
# of their own, not the request's, whose connections nothing else closes (accord.core.outage).
handler400 = "accord.core.outage.bad_request"
handler403 = "accord.core.outage.permission_denied"
handler404 = "accord.core.outage.page_not_found"

urlpatterns = [
    path("administration/", include("accord.members.admin_urls")),
    # The API, imported on first use (accord/api_urls.py): its ~600 pydantic models took most of start-up.
    LazyResolver(RoutePattern("api/v1/"), "accord.api_urls", app_name="ninja", namespace="api"),
    path("attachments/", include("accord.attachments.urls")),
    path("crises/", include("accord.crises.urls")),
    path("decisions/", include("accord.decisions.urls")),
    path("drills/", include("accord.drills.urls")),
    path("exercises/", include("accord.exercises.urls")),
    path("monitoring/", include("accord.monitoring.urls")),
    path("forces/", include("accord.forces.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The log as C2SP tlog-tiles: <prefix>/checkpoint and <prefix>/tile/..., the prefix being /log/.
    path("log/", include("accord.ledger.urls")),
    path("documents/", include("accord.documents.urls")),
    path("meetings/", include("accord.meetings.urls")),
    path("persons/", include("accord.members.urls")),
    path("search/", include("accord.search.urls")),
    path("", include("accord.web.urls")),
]
