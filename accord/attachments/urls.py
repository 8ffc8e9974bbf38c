"""The attachments' pages' URLs (namespace "attachments"). Each act posts to its own URL."""

from django.urls import path

from accord.attachments import views

app_name = "attachments"
urlpatterns = [
    path("sessions/<int:session_id>/", views.session_files, name="session"),
    path("sessions/<int:session_id>/attach/", views.attach_session, name="attach_session"),
    path("items/<int:item_id>/", views.item_files, name="item"),
    path("items/<int:item_id>/attach/", views.attach_item, name="attach_item"),
    path("documents/<int:document_id>/", views.document_files, name="document"),
    path("documents/<int:document_id>/attach/", views.attach_document, name="attach_document"),
    path("files/<int:attachment_id>/", views.download, name="download"),
    path("files/<int:attachment_id>/withdraw/", views.withdraw, name="withdraw"),
]
