"""The standing forces' pages' URLs (namespace "forces"). Each act a page offers posts to its own URL."""

from django.urls import path

from accord.forces import views

app_name = "forces"
urlpatterns = [
    path("", views.index, name="index"),
    path("establish/", views.establish, name="establish"),
    path("<int:pk>/", views.force, name="force"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/contributions/", views.declare, name="declare"),
]
