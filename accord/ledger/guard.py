"""The one write path, enforced: a model of Accord saved or deleted outside an action is an error.

It lives in the lowest layer because the ledger obeys it too (a witness's cosignature is written inside
`acting`), and the ledger imports nothing above itself (the import contract in pyproject.toml).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models.signals import pre_delete, pre_save

_inside_action: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "accord_inside_action", default=None
)

# Every app of the `accord` package is guarded: an app added later is guarded without anyone
# remembering to register it (documents and meetings once were not). Django's own apps (sessions,
# auth's permissions, content types) keep their own write paths.
GUARDED_PACKAGE = "accord"


class WriteOutsideAction(RuntimeError):
    pass


def current_action() -> str | None:
    return _inside_action.get()


@contextmanager
def acting(name: str) -> Iterator[None]:
    token = _inside_action.set(name)
    try:
        yield
    finally:
        _inside_action.reset(token)


@cache
def is_guarded(app_label: str) -> bool:
    """Whether the models of this app may be written only inside an action."""
    try:
        name = apps.get_app_config(app_label).name
    except LookupError:  # Django's own unregistered models (the migration recorder's)
        return False
    return name == GUARDED_PACKAGE or name.startswith(f"{GUARDED_PACKAGE}.")


def guarded_apps() -> frozenset[str]:
    """The labels of the installed apps whose models the guard watches."""
    return frozenset(config.label for config in apps.get_app_configs() if is_guarded(config.label))


def guard_app(label: str) -> None:
    """Kept for the apps that still call it from their ready(): every Accord app is guarded already."""


def _check(sender: Any, **kwargs: Any) -> None:
    if is_guarded(sender._meta.app_label) and _inside_action.get() is None:
        raise WriteOutsideAction(
            f"{sender.__name__} was written outside an action; every change of state goes "
            "through a function in an actions.py"
        )


def install() -> None:
    pre_save.connect(_check, dispatch_uid="accord-write-guard-save")
    pre_delete.connect(_check, dispatch_uid="accord-write-guard-delete")
