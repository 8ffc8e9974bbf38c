"""The write guard watches every Accord app that has models, without any app having to ask for it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction

from accord.ledger.guard import WriteOutsideAction, guarded_apps


def _accord_apps_with_models() -> set[str]:
    return {
        config.label for config in apps.get_app_configs()
        if config.name.startswith("accord.") and list(config.get_models())
    }


def test_it_guards_every_accord_app_that_has_models() -> None:
    with_models = _accord_apps_with_models()
    assert {"documents", "meetings", "members", "ledger", "crises", "decisions"} <= with_models
    assert with_models <= guarded_apps()


def test_it_leaves_django_own_apps_to_their_own_write_paths() -> None:
    assert not {"sessions", "auth", "contenttypes"} & guarded_apps()


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(_accord_apps_with_models()))
def test_it_refuses_a_save_and_a_delete_outside_an_action_for_every_model(label: str) -> None:
    for model in apps.get_app_config(label).get_models():
        # Each in a savepoint of its own: a refused write spoils the transaction it happened in.
        with pytest.raises(WriteOutsideAction), transaction.atomic():
            model().save()
        with pytest.raises(WriteOutsideAction), transaction.atomic():
            model(pk=1).delete()
