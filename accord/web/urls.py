"""The web pages' URLs (namespace "web")."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accord.web import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("acts/rows/", views.latest_act_rows, name="act_rows"),
    path("members/", views.members, name="members"),
    path("members/<str:code>/", views.member, name="member"),
    path("members/<str:code>/official-name/", views.official_name, name="official_name"),
    path("bodies/", views.bodies, name="bodies"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger/rows/", views.ledger_rows, name="ledger_rows"),
    path("ledger/checkpoint/", views.checkpoint, name="checkpoint"),
    path("ledger/<int:seq>/", views.entry, name="entry"),
    path("ledger/<int:seq>/annotate/", views.annotate, name="annotate"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
