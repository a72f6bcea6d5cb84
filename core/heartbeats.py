"""Heartbeats: background processes and scheduled jobs record when they last ran.

The task worker beats "worker" while it runs; each scheduled management command beats its own
name after a successful run. The readiness check (core.readiness, /readyz) compares their ages
with READINESS_WORKER_MAX_AGE and SCHEDULED_JOBS.
"""

import logging
from datetime import datetime

from django.db import DatabaseError
from django.utils import timezone

from core.models import Heartbeat

logger = logging.getLogger(__name__)


def beat(name: str) -> None:
    """Record that `name` is alive now. Never raises: a failing database is logged, so that a
    heartbeat can never be the reason a job or the worker stops."""
    try:
        Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
    except DatabaseError:
        logger.warning("Could not record the heartbeat %r: the database did not answer.", name, exc_info=True)


def last_beats() -> dict[str, datetime]:
    """Every recorded heartbeat, by name."""
    return dict(Heartbeat.objects.values_list("name", "at"))
