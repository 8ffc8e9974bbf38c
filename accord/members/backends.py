"""The sign-in backend: Django's, with a person's member state read with the person."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from accord.core.prepared import Prepared
from accord.members.models import Person

# Every signed-in request reads its person: by its primary key, unordered (`first()` would have Django build an
# ORDER BY for the one row), its SQL built once (accord.core.prepared).
_PERSON_BY_PK = Prepared(lambda pk: Person._default_manager.select_related("member").filter(pk=pk).order_by()[:1],
                         pk=int)


class PersonBackend(ModelBackend):
    """Every page's header names the signed-in person's member state: read it in the same query as the
    person (one query a page fewer), not when the template first asks for it."""

    def get_user(self, user_id: Any) -> Person | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        found = next(iter(_PERSON_BY_PK(pk=pk)), None)
        return found if found is not None and self.user_can_authenticate(found) else None
