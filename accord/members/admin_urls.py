"""The administration pages' URLs (namespace "administration")."""

from django.urls import path

from accord.members import views

app_name = "administration"
urlpatterns = [
    path("", views.administration, name="index"),
    path("password/", views.choose_password, name="choose_password"),
    path("people/", views.people, name="people"),
    path("people/new/", views.new_person, name="new_person"),
    path("people/<str:username>/", views.person, name="person"),
    path("people/<str:username>/title/", views.set_title, name="title"),
    path("people/<str:username>/role/", views.change_role, name="role"),
    path("people/<str:username>/close/", views.close_access, name="close"),
    path("people/<str:username>/reopen/", views.reopen_access, name="reopen"),
    path("people/<str:username>/password/", views.password, name="password"),
    path("people/<str:username>/keys/", views.register_key, name="register_key"),
    path("keys/<str:key_id>/rotate/", views.rotate_key, name="rotate_key"),
    path("keys/<str:key_id>/revoke/", views.revoke_key, name="revoke_key"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/establish/", views.establish_body, name="establish_body"),
    path("bodies/<str:code>/seat/", views.seat, name="seat"),
    path("bodies/<str:code>/seats/<str:username>/end/", views.unseat, name="unseat"),
    path("history/", views.history_page, name="history"),
    path("history/record/", views.record_history, name="record_history"),
    path("chairmanship/", views.chair, name="chair"),
    path("chairmanship/<str:name>/", views.chair_act, name="chair_act"),
]
