"""The site's URLs: the API under /api/v1/ and the web pages."""

from django.urls import include, path

from accord.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("crises/", include("accord.crises.urls")),
    path("decisions/", include("accord.decisions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/", include("accord.documents.urls")),
    path("meetings/", include("accord.meetings.urls")),
    path("persons/", include("accord.members.urls")),
    path("", include("accord.web.urls")),
]
