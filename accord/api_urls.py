"""The API's URLs, imported on the first request under /api/v1/ (or the first reverse of an `api:` name),
not when the server starts: importing accord.api builds the pydantic models of every operation and schema
of every app (about 600), which took most of a server's start-up (docs/performance.md, "Start-up")."""

from accord.api import api

urlpatterns, app_name, _namespace = api.urls
