"""The documents' pages (namespace "documents")."""

from django.urls import path

from accord.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.documents, name="list"),
    path("verify/", views.verify, name="verify"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/live/", views.document_live, name="live"),
]
