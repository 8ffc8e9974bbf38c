"""The meetings pages' URLs (namespace "meetings")."""

from django.urls import path

from accord.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new_session, name="new"),
    path("calendar/", views.month, name="month"),
    path("calendar/<str:username>/<str:token>.ics", views.feed, name="feed"),
    path("sessions/<int:session_id>/", views.session, name="session"),
    path("sessions/<int:session_id>/live/", views.live, name="live"),
    path("sessions/<int:session_id>/console/", views.console, name="console"),
    path("sessions/<int:session_id>/bilaterals/", views.bilaterals, name="bilaterals"),
    path("sessions/<int:session_id>/minutes/", views.minutes_page, name="minutes"),
]
