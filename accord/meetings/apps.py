from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "accord.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        # Imported when Django calls ready(), not at the top: app modules may be loaded only once every app is.
        from accord.core import calendar
        from accord.core.labels import register_acts
        from accord.decisions import sessions as decided_at
        from accord.meetings import sources
        from accord.meetings.queries import session_facts

        calendar.register_source("meetings", sources.sessions_and_bilaterals)
        # Decisions, below meetings, takes consensus at the sessions meetings keeps: it reads them here.
        decided_at.use_sessions(session_facts)

        register_acts({
            "meetings.session_convened": _("Session convened"),
            "meetings.part_added": _("Part of a session planned"),
            "meetings.closed_part_published": _("Topic or public report of a closed part published"),
            "meetings.item_added": _("Agenda item added"),
            "meetings.agenda_agreed": _("Agenda agreed"),
            "meetings.session_opened": _("Session opened"),
            "meetings.item_taken_up": _("Agenda item taken up"),
            "meetings.outcome_recorded": _("Outcome of an agenda item recorded"),
            "meetings.session_closed": _("Session closed"),
            "meetings.attendance_recorded": _("Attendance recorded"),
            "meetings.speaker_inscribed": _("Speaker put on the list"),
            "meetings.statement_delivered": _("Statement recorded"),
            "meetings.bilateral_requested": _("Bilateral meeting requested"),
            "meetings.bilateral_answered": _("Bilateral meeting answered"),
            "meetings.floor_given": _("Floor given to a speaker"),
            "meetings.floor_ended": _("Speaker's time ended"),
            "meetings.minutes_circulated": _("Minutes circulated for comments"),
            "meetings.minutes_commented": _("Comment on the minutes"),
            "meetings.minutes_approved": _("Minutes approved"),
            "meetings.room_added": _("Room of a session named"),
            "meetings.scheduled": _("Timetable set"),
        })
