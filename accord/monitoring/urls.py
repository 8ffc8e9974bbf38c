"""The monitoring pages' URLs (namespace "monitoring"). Each act a page offers posts to its own URL."""

from django.urls import path

from accord.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.index, name="index"),
    path("configure/", views.configure, name="configure"),
    path("<int:pk>/", views.theme, name="theme"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/assessments/", views.assess, name="assess"),
    path("<int:pk>/reports/", views.report, name="report"),
    path("<int:pk>/statements/", views.tag, name="tag"),
    path("<int:pk>/indicators/", views.define_indicator, name="define_indicator"),
    path("<int:pk>/values/", views.report_value, name="report_value"),
]
