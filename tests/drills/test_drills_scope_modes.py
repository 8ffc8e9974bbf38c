"""A drill's scope in both of Django's modes: an act made under /drills/<n>/run/ carries the drill's mark and
its record is the drill's, whether the request is synchronous (WSGI, the test client) or asynchronous (ASGI,
as uvicorn serves it; accord.drills.middleware)."""

from __future__ import annotations

import json
from typing import Any

from asgiref.sync import async_to_sync
from django.test import AsyncClient
from drills_world import MARK, planned, signed_in

from accord.crises.models import Crisis
from accord.ledger.models import Entry, Sealed
from accord.members.models import Person

REQUEST = {"legal_basis": "aggression", "happened": {"ru": f"Беспорядки {MARK}"}, "area": {"ru": f"Ош {MARK}"},
           "asks_for": {"ru": f"Помощь {MARK}"}}


def _marked(answer: dict[str, Any], number: int) -> None:
    crisis = Crisis._base_manager.get(pk=answer["id"])
    assert crisis.drill == number
    assert not Crisis.objects.filter(pk=crisis.pk).exists()  # never among the real ones
    entry = Entry.objects.get(seq=crisis.entry_seq)
    assert entry.type == "crises.request_filed"
    assert json.loads(Sealed.objects.get(entry_id=entry.seq).content)["statement"]["body"]["drill"] == number


def test_a_synchronous_request_acts_in_the_drill(organization: None) -> None:
    found = planned()
    answer = signed_in("kaz.head").post(f"/drills/{found.pk}/run/api/v1/crises", data=REQUEST,
                                        content_type="application/json")
    assert answer.status_code == 201, answer.content
    _marked(answer.json(), found.pk)


@async_to_sync
async def _asked_async(username: str, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
    """A request through Django's async handler (the middleware in the event loop, as under uvicorn)."""
    client = AsyncClient()
    await client.aforce_login(await Person.objects.aget(username=username))
    if method == "post":
        return await client.post(path, data=data, content_type="application/json")
    return await client.get(path)


def test_an_asynchronous_request_acts_in_the_drill(organization: None) -> None:
    found = planned()
    answer = _asked_async("kaz.head", "post", f"/drills/{found.pk}/run/api/v1/crises", REQUEST)
    assert answer.status_code == 201, answer.content
    _marked(answer.json(), found.pk)


def test_an_asynchronous_request_to_a_hidden_drill_finds_nothing(organization: None) -> None:
    found = planned()
    assert _asked_async("observer", "get", f"/drills/{found.pk}/run/api/v1/crises").status_code == 404
