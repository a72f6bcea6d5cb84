"""What the readiness check (/readyz) looks at: the database, the cache, the task worker and the
scheduled jobs, each from its own evidence. Reading only: nothing here writes to the database."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone

from core.cache import FallbackRedisCache
from core.db import without_connect_retry
from core.heartbeats import last_beats

OK = "ok"
UNAVAILABLE = "unavailable"
STALE = "stale"  # a heartbeat older than its maximum age
NEVER = "never"  # no heartbeat recorded yet
UNKNOWN = "unknown"  # heartbeats live in the database, which did not answer

WORKER_HEARTBEAT = "worker"
PROBE_KEY = "readiness-probe"


@dataclass
class Readiness:
    parts: dict
    required: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """Every required part is ok; the others are reported, not held against readiness."""
        return all(status == OK for name, status in self._statuses() if name in self.required)

    def _statuses(self):
        for name, part in self.parts.items():
            if name == "jobs":
                for job in part.values():
                    yield name, job["status"]
            else:
                yield name, part["status"]


def uses_database_queue() -> bool:
    return settings.TASKS_BACKEND.startswith("django_tasks_db.")


def check_database() -> dict:
    try:
        # A database that is down is reported at once, not waited for.
        with without_connect_retry(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"status": UNAVAILABLE}
    return {"status": OK}


def check_cache() -> dict:
    """The shared cache itself: while Redis is down the pages answer from a local fallback, which
    this reports as "unavailable" with "fallback": true."""
    backend = caches["default"]
    if isinstance(backend, FallbackRedisCache):
        if backend.redis_answers():
            return {"status": OK}
        return {"status": UNAVAILABLE, "fallback": True}
    backend.set(PROBE_KEY, 1, timeout=10)
    return {"status": OK if backend.get(PROBE_KEY) == 1 else UNAVAILABLE}


def _heartbeat(at: datetime | None, max_age: timedelta, now: datetime) -> dict:
    if at is None:
        return {"status": NEVER, "last": None, "max_age_seconds": int(max_age.total_seconds())}
    age = now - at
    return {
        "status": OK if age <= max_age else STALE,
        "last": at.isoformat(),
        "age_seconds": int(age.total_seconds()),
        "max_age_seconds": int(max_age.total_seconds()),
    }


def readiness() -> Readiness:
    parts = {"database": check_database(), "cache": check_cache()}
    beats = last_beats() if parts["database"]["status"] == OK else None
    now = timezone.now()
    heartbeats = {}
    if uses_database_queue():
        heartbeats[WORKER_HEARTBEAT] = timedelta(seconds=settings.READINESS_WORKER_MAX_AGE)
    jobs = {name: timedelta(hours=hours) for name, hours in settings.SCHEDULED_JOBS.items()}
    if beats is None:
        unknown = {"status": UNKNOWN}
        if heartbeats:
            parts["worker"] = unknown
        parts["jobs"] = dict.fromkeys(jobs, unknown)
    else:
        if heartbeats:
            parts["worker"] = _heartbeat(beats.get(WORKER_HEARTBEAT), heartbeats[WORKER_HEARTBEAT], now)
        parts["jobs"] = {name: _heartbeat(beats.get(name), max_age, now) for name, max_age in jobs.items()}
    return Readiness(parts=parts, required=tuple(settings.READINESS_REQUIRED))
