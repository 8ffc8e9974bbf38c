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
    path("<int:pk>/values/draft/", views.draft_value, name="draft_value"),
    path("<int:pk>/consultations/", views.request_consultations, name="request_consultations"),
    path("<int:pk>/indicators.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/indicators.json", views.export_json, name="export_json"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("consultations/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("consultations/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("consultations/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("alert-mail/", views.alert_mail, name="alert_mail"),
    path("alert-mail/choose/", views.choose_alert_mail, name="choose_alert_mail"),
]
