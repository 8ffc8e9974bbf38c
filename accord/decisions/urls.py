"""The decisions pages' URLs (namespace "decisions")."""

from django.urls import path

from accord.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.proposals, name="proposals"),
    path("new/", views.new_proposal, name="new"),
    path("open/", views.open_list, name="open_list"),
    path("<int:proposal_id>/", views.proposal, name="proposal"),
    path("<int:proposal_id>/state/", views.procedure_state, name="state"),
    path("<int:proposal_id>/open/", views.open_procedure, name="open"),
    path("<int:proposal_id>/position/", views.lodge_position, name="position"),
    path("<int:proposal_id>/close/", views.close_procedure, name="close"),
    path("<int:proposal_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:proposal_id>/revise/", views.revise, name="revise"),
    path("<int:proposal_id>/accede/", views.accede, name="accede"),
]
