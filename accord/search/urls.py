"""The search page's URL (namespace "search")."""

from django.urls import path

from accord.search import views

app_name = "search"
urlpatterns = [
    path("", views.results, name="results"),
]
