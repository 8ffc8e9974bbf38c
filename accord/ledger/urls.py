"""The tlog-tiles URLs, below the log's prefix /log/ (namespace "tiles")."""

from django.urls import path

from accord.ledger import views

app_name = "tiles"
urlpatterns = [
    path("checkpoint", views.checkpoint, name="checkpoint"),
    path("tile/entries/<path:path>", views.entry_bundle, name="entries"),
    path("tile/<path:path>", views.tile, name="tile"),
]
