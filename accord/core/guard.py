"""The one write path, enforced: a model of Accord saved or deleted outside an action is an error."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import pre_delete, pre_save

_inside_action: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "accord_inside_action", default=None
)

GUARDED_APPS: tuple[str, ...] = ("ledger", "members")


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


def guard_app(label: str) -> None:
    """Later apps (decisions, meetings, ...) add themselves to the guarded set in their ready()."""
    global GUARDED_APPS
    if label not in GUARDED_APPS:
        GUARDED_APPS = (*GUARDED_APPS, label)


def _check(sender: Any, **kwargs: Any) -> None:
    if sender._meta.app_label in GUARDED_APPS and _inside_action.get() is None:
        raise WriteOutsideAction(
            f"{sender.__name__} was written outside an action; every change of state goes "
            "through a function in an actions.py"
        )


def install() -> None:
    pre_save.connect(_check, dispatch_uid="accord-write-guard-save")
    pre_delete.connect(_check, dispatch_uid="accord-write-guard-delete")
