"""The sign-in backend: Django's, with a person's member state read with the person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from accord.members.models import Person


class PersonBackend(ModelBackend):
    """Every page's header names the signed-in person's member state: read it in the same query as the
    person (one query a page fewer), not when the template first asks for it."""

    def get_user(self, user_id: Any) -> Person | None:
        found = Person._default_manager.select_related("member").filter(pk=user_id).first()
        return found if found is not None and self.user_can_authenticate(found) else None
