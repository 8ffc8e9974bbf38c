"""The exercises' pages' URLs (namespace "exercises"). Each act a page offers posts to its own URL."""

from django.urls import path

from accord.exercises import views

app_name = "exercises"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/", views.adopt_plan, name="adopt_plan"),
    path("plan/", views.plan_exercise, name="plan"),
    path("<int:pk>/", views.exercise, name="exercise"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/held/", views.record_held, name="record_held"),
    path("<int:pk>/postpone/", views.postpone, name="postpone"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/participation/", views.declare_participation, name="declare_participation"),
    path("<int:pk>/dates/", views.record_date_claim, name="record_date_claim"),
    path("<int:pk>/assessments/", views.assess, name="assess"),
    path("<int:pk>/lessons/", views.record_lesson, name="record_lesson"),
]
