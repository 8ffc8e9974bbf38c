"""The drills' pages' URLs (namespace "drills"); a drill's own run of the real pages is under /drills/<n>/run/
(accord.drills.middleware)."""

from django.urls import path

from accord.drills import views

app_name = "drills"
urlpatterns = [
    path("", views.index, name="index"),
    path("plan/", views.plan, name="plan"),
    path("targets/", views.set_target, name="target"),
    path("lessons/", views.lessons, name="lessons"),
    path("<int:pk>/", views.drill_page, name="drill"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/figures.svg", views.figures_svg, name="figures_svg"),
    path("<int:pk>/injects/", views.schedule_inject, name="inject"),
    path("<int:pk>/injects/<int:inject>/fire/", views.fire_inject, name="fire"),
    path("<int:pk>/end/", views.end_drill, name="end"),
]
