"""The registry's page acts' URLs (namespace "members")."""

from django.urls import path

from accord.members import views

app_name = "members"
urlpatterns = [
    path("<str:username>/deactivate/", views.deactivate, name="deactivate"),
    path("<str:username>/reactivate/", views.reactivate, name="reactivate"),
]
