"""The ASGI application that uvicorn serves (ASGI, so that live events can stream)."""

import gc
import os
import sys

from django.conf import settings

# Python's cyclic garbage collector starts a young collection every 700 new container objects. An act
# fanned out to 1,000 open consoles keeps that many streams' objects in flight at once, so eleven to
# fourteen young collections ran during each fan-out (bench/fanout.py, whose readers share the
# process); each moved the in-flight objects to the old generation, and every few acts that growth set
# off a full collection, which walks all the open streams' objects and held the whole process for 250
# to 500 ms: the tail of the fan-out. With a young generation of 50,000 the fan-out's objects are freed
# by their reference counts before any collection sees them; a full collection then follows only real
# growth (new consoles), as it should.
YOUNG_COLLECTION_THRESHOLD = 50_000

gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")

from accord.core import handler  # noqa: E402 (after the settings module is named)

# Django's ASGI handler, with one crossing from the loop to the request's thread (accord.core.handler).
application = handler.get_application()
# In every server process (uvicorn's workers are processes of their own): settings.SWITCH_INTERVAL.
sys.setswitchinterval(settings.SWITCH_INTERVAL)

# Served by uvicorn or another ASGI server without `accord serve`, the same refusal applies.
from accord.core import startup  # noqa: E402 (needs the settings that get_asgi_application set up)
from accord.ledger import origin  # noqa: E402

origin.check()
# The URLs and the API imported here, in the main thread, before the first request (accord.core.startup).
startup.warm_up()
