"""The sign-in backend: Django's, with a person's member state read with the person, and each person read once
per version of the log.

Every signed-in request reads its person. The person, like everything else, changes only by an act (its role,
its member, whether it may sign in, its password: members.actions), so the log's version (accord.ledger.log)
is a version of every person too: a person read at one version is the same at that version for every later
request. `user_of` gives the request's version, read with its session (accord.core.sessions), to
`PersonBackend.get_user`, which keeps the persons read at the latest version and gives each request its own
copy of them. The version is read before the person, so a person kept is never older than its version; the
first act after it changes the version and the person is read again. Django's checks around the backend (the
session's hash of the password, an inactive person refused) run on every request as before.
"""

from __future__ import annotations

import copy
import threading
from contextvars import ContextVar
from typing import Any

from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accord.core import sessions
from accord.core.prepared import Prepared
from accord.members.models import Person

# Every signed-in request reads its person: by its primary key, unordered (`first()` would have Django build an
# ORDER BY for the one row), its SQL built once (accord.core.prepared).
_PERSON_BY_PK = Prepared(lambda pk: Person._default_manager.select_related("member").filter(pk=pk).order_by()[:1],
                         pk=int)

# The log's version the person being read is read at (set by `user_of` around Django's `get_user`), if known.
_AT_VERSION: ContextVar[str | None] = ContextVar("accord_person_at_version", default=None)


def _own_copy(person: Person) -> Person:
    """A copy of a kept person that a request may change without another seeing it (its member too)."""
    mine = copy.copy(person)  # Django's models copy their state and the cache of their related rows
    member = mine._state.fields_cache.get("member")
    if member is not None:
        mine._state.fields_cache["member"] = copy.copy(member)
    return mine


class _Persons:
    """The persons read at one version of the log (the latest one a request brought), by primary key; None for
    a key no person has."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = ""
        self._read: dict[int, Person | None] = {}

    def find(self, version: str, pk: int) -> tuple[bool, Person | None]:
        with self._lock:
            if version != self._version or pk not in self._read:
                return False, None
            found = self._read[pk]
        return True, None if found is None else _own_copy(found)

    def keep(self, version: str, pk: int, person: Person | None) -> None:
        with self._lock:
            if version != self._version:
                self._version, self._read = version, {}
            self._read[pk] = None if person is None else _own_copy(person)

    def clear(self) -> None:
        with self._lock:
            self._version, self._read = "", {}


persons = _Persons()


class PersonBackend(ModelBackend):
    """Every page's header names the signed-in person's member state: read it in the same query as the
    person (one query a page fewer), not when the template first asks for it; and a person read at a version
    of the log is not read again at that version (the module's docstring)."""

    def get_user(self, user_id: Any) -> Person | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        version = _AT_VERSION.get()
        known, found = persons.find(version, pk) if version is not None else (False, None)
        if not known:
            found = next(iter(_PERSON_BY_PK(pk=pk)), None)
            if version is not None:
                persons.keep(version, pk, found)
        return found if found is not None and self.user_can_authenticate(found) else None


def user_of(request: HttpRequest) -> Any:
    """The request's user as Django's `get_user` gives it, the person read at the log's version read with the
    session when there is one (`PersonBackend.get_user`); worked out once per request."""
    if not hasattr(request, "_cached_user"):
        request.session.get(auth.SESSION_KEY)  # reads the session, and the log's head with it
        token = _AT_VERSION.set(sessions.version_read(request))
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]  # Django's own cache
        finally:
            _AT_VERSION.reset(token)
    return request._cached_user  # type: ignore[attr-defined]
