"""The crisis acts' human names, registered with the web labels."""

from django.utils.translation import gettext_lazy as _

ACTS = {
    "crises.request_filed": _("Request for assistance filed"),
    "crises.request_acknowledged": _("Request acknowledged"),
    "crises.acknowledged_by_decision": _("Request acknowledged by the members' decision"),
    "crises.taken_up": _("Request taken up by a session or a procedure"),
    "crises.request_declined": _("Request declined"),
    "crises.request_left_without_decision": _("Request left without a decision"),
    "crises.response_chosen": _("Response to a request chosen"),
    "crises.mandate_set": _("Mandate of an operation set"),
    "crises.decision_recorded": _("Authorizing decision recorded"),
    "crises.mandate_extended": _("Mandate extended"),
    "crises.pledge_made": _("Contingent pledged"),
    "crises.pledge_accepted": _("Pledge accepted"),
    "crises.pledge_declined": _("Pledge declined"),
    "crises.phase_planned": _("Contingent phase planned"),
    "crises.phase_reached": _("Contingent phase reached"),
    "crises.first_arrival": _("First arrival of the force"),
    "crises.deployment_completed": _("Deployment of the force complete"),
    "crises.mission_report_heard": _("Mission's report heard"),
    "crises.mission_completed": _("Mission declared complete by the host"),
    "crises.sites_handed_over": _("Guarded sites handed over"),
    "crises.withdrawal_completed": _("Withdrawal complete"),
    "crises.situation_reported": _("Situation report filed"),
    "crises.letter_sent": _("Letter to the UN Security Council sent"),
    "crises.lesson_recorded": _("Lesson recorded"),
    "crises.lesson_validated": _("Lesson validated"),
}
