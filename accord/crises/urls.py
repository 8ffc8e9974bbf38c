"""The crisis pages' URLs (namespace "crises"). Each act a page offers posts to its own URL."""

from django.urls import path

from accord.crises import views

app_name = "crises"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.dashboard_card, name="dashboard_card"),
    path("file/", views.file_request, name="file"),
    path("<int:pk>/", views.crisis, name="crisis"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/no-response/", views.no_response, name="no_response"),
    path("<int:pk>/session/", views.convene, name="convene"),
    path("<int:pk>/procedure/", views.accelerated, name="accelerated"),
    path("<int:pk>/taken-up/", views.take_up, name="take_up"),
    path("<int:pk>/response/", views.choose_response, name="response"),
    path("<int:pk>/mandate/", views.set_mandate, name="mandate"),
    path("<int:pk>/decision/", views.record_decision, name="decision"),
    path("<int:pk>/answered-by-decision/", views.answer_by_decision, name="answer_by_decision"),
    path("<int:pk>/force/first-arrival/", views.first_arrival, name="first_arrival"),
    path("<int:pk>/force/deployed/", views.deployment_complete, name="deployment_complete"),
    path("<int:pk>/report-heard/", views.report_heard, name="report_heard"),
    path("<int:pk>/extension/", views.extend, name="extend"),
    path("<int:pk>/pledges/", views.pledge, name="pledge"),
    path("<int:pk>/pledges/<int:pledge>/answer/", views.answer_pledge, name="answer_pledge"),
    path("<int:pk>/pledges/<int:pledge>/phase/", views.phase, name="phase"),
    path("<int:pk>/host/complete/", views.declare_complete, name="complete"),
    path("<int:pk>/host/sites/", views.hand_over_sites, name="sites"),
    path("<int:pk>/host/withdrawal/", views.complete_withdrawal, name="withdrawal"),
    path("<int:pk>/reports/", views.report, name="report"),
    path("<int:pk>/letters/<str:kind>/", views.letter, name="letter"),
    path("<int:pk>/letters/<str:kind>/sent/", views.send_letter, name="send_letter"),
    path("<int:pk>/lessons/", views.lesson, name="lesson"),
    path("<int:pk>/lessons/<int:lesson>/validate/", views.validate_lesson, name="validate_lesson"),
]
