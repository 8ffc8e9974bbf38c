"""The API's URLs, imported on the first request under /api/v1/ (or the first reverse of an `api:` name),
not with every page: importing accord.api builds the pydantic models of every operation and schema of every
app (about 600, two seconds). `accord serve` still imports it at start, through Django's system checks
(docs/performance.md, "Start-up")."""

from accord.api import api

urlpatterns, app_name, _namespace = api.urls
