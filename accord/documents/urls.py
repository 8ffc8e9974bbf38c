"""The documents' pages (namespace "documents")."""

from django.urls import path

from accord.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.documents, name="list"),
    path("verify/", views.verify, name="verify"),
    path("<int:pk>/", views.document, name="document"),
    path("new/", views.new_document, name="new"),
    path("<int:pk>/live/", views.document_live, name="live"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/versions/", views.add_version, name="add_version"),
    path("<int:pk>/amendments/<int:amendment>/", views.decide_amendment, name="decide_amendment"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/steps/", views.record_step, name="step"),
    path("<int:pk>/notify/", views.notify, name="notify"),
]
