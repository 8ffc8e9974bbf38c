"""The site's URLs: the API under /api/v1/, the log's tiles under /log/, and the web pages."""

from django.urls import include, path

from accord.api import api

# The database out of reach, or its disk full, even in a middleware: 503 or 507 (accord.core.outage).
handler500 = "accord.core.outage.server_error"

urlpatterns = [
    path("administration/", include("accord.members.admin_urls")),
    path("api/v1/", api.urls),
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
