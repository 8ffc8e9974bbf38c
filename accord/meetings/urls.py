"""The meetings pages' URLs (namespace "meetings"). Each act a page offers posts to its own URL."""

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
    *(path(f"sessions/<int:session_id>/console/{act.replace('_', '-')}/", views.console_act, {"act": act},
           name=f"console_{act}") for act in views.CONSOLE_ACTS),
    *(path(f"sessions/<int:session_id>/items/<int:item_id>/{act.replace('_', '-')}/", views.item_act,
           {"act": act}, name=f"item_{act}") for act in views.ITEM_ACTS),
    path("sessions/<int:session_id>/bilaterals/", views.bilaterals, name="bilaterals"),
    path("sessions/<int:session_id>/bilaterals/ask/", views.ask_bilateral, name="ask_bilateral"),
    path("sessions/<int:session_id>/bilaterals/<int:bilateral_id>/answer/", views.answer_bilateral,
         name="answer_bilateral"),
    path("sessions/<int:session_id>/minutes/", views.minutes_page, name="minutes"),
    *(path(f"sessions/<int:session_id>/minutes/{act}/", views.minutes_act, {"act": act}, name=f"minutes_{act}")
      for act in views.MINUTES_ACTS),
    path("sessions/<int:session_id>/timetable/", views.timetable_page, name="timetable"),
    path("sessions/<int:session_id>/calendar.ics", views.session_feed, name="session_feed"),
    path("sessions/<int:session_id>/projector/", views.projector, name="projector"),
    path("sessions/<int:session_id>/projector/live/", views.projector_live, name="projector_live"),
]
