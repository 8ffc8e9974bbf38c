"""A page as a reader gets it: signed in as one of the demo's people (or the public), in one language."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client


def read(path: str, language: str = "en", username: str = "") -> str:
    client = Client()
    client.cookies["django_language"] = language
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    answer = client.get(path)
    assert answer.status_code == 200, path
    return answer.content.decode()
