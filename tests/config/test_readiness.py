"""/readyz tells the truth: the database, the cache, the task worker's heartbeat and the last success
of each scheduled job, 503 when a required part is not ok. Which part, and how old, only for the
operator's token; anyone else sees the status alone."""

import logging
import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.utils import timezone

from core.heartbeats import beat, last_beats
from core.models import Heartbeat

pytestmark = pytest.mark.django_db

TOKEN = "the-operators-token"
OPERATOR = {"Authorization": f"Bearer {TOKEN}"}
JOBS = {"send_notification_digests": 26, "send_milestone_reminders": 26, "purge_expired_data": 26}


@pytest.fixture(autouse=True)
def _operator_and_jobs(settings):
    settings.OPERATOR_TOKEN = TOKEN
    settings.SCHEDULED_JOBS = JOBS
    settings.READINESS_REQUIRED = ["database", "worker"]
    settings.READINESS_WORKER_MAX_AGE = 300


@pytest.fixture
def database_queue(settings):
    settings.TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def broken_database(monkeypatch):
    def broken_cursor(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)


def _beat_ago(name: str, **age) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now() - timedelta(**age)})


def _redis_down() -> dict:
    """The shared cache at a loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    return {"default": {"BACKEND": "core.cache.FallbackRedisCache", "LOCATION": url}}


def test_a_visitor_sees_only_that_the_site_is_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_visitor_sees_only_that_the_site_is_not_ready(client, broken_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_a_wrong_token_sees_what_a_visitor_sees(client, broken_database):
    response = client.get("/readyz", headers={"Authorization": "Bearer not-the-token"})
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_the_operator_sees_every_part(client):
    beat("send_notification_digests")
    response = client.get("/readyz", headers=OPERATOR)
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"status": "ok"}
    assert body["cache"] == {"status": "ok"}
    assert "worker" not in body  # tasks run in the request's process: no worker to watch
    assert body["jobs"]["send_notification_digests"]["status"] == "ok"
    assert body["jobs"]["send_notification_digests"]["max_age_seconds"] == 26 * 3600
    assert body["jobs"]["purge_expired_data"] == {"status": "never", "last": None, "max_age_seconds": 26 * 3600}
    assert body["required"] == ["database", "worker"]


def test_the_operator_sees_which_part_is_down(client, broken_database, database_queue):
    response = client.get("/readyz", headers=OPERATOR)
    body = response.json()
    assert response.status_code == 503
    assert body["database"] == {"status": "unavailable"}
    assert body["worker"] == {"status": "unknown"}  # its heartbeat lives in the database


def test_a_worker_that_beat_recently_is_ready(client, database_queue):
    _beat_ago("worker", seconds=30)
    response = client.get("/readyz", headers=OPERATOR)
    assert response.status_code == 200
    assert response.json()["worker"]["status"] == "ok"
    assert response.json()["worker"]["age_seconds"] == 30


def test_a_worker_whose_heartbeat_is_old_is_not_ready(client, database_queue):
    _beat_ago("worker", seconds=301)
    response = client.get("/readyz", headers=OPERATOR)
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "stale"


def test_a_worker_that_never_beat_is_not_ready(client, database_queue):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_a_late_job_is_reported_but_not_required_by_default(client):
    _beat_ago("send_milestone_reminders", hours=27)
    response = client.get("/readyz", headers=OPERATOR)
    assert response.status_code == 200
    assert response.json()["jobs"]["send_milestone_reminders"]["status"] == "stale"


def test_a_late_job_makes_the_site_not_ready_when_jobs_are_required(client, settings):
    settings.READINESS_REQUIRED = ["database", "jobs"]
    for job in JOBS:
        beat(job)
    assert client.get("/readyz").status_code == 200
    _beat_ago("send_milestone_reminders", hours=27)
    assert client.get("/readyz").status_code == 503


def test_redis_down_is_reported_while_the_pages_use_the_local_fallback(client):
    with override_settings(CACHES=_redis_down()):
        response = client.get("/readyz", headers=OPERATOR)
    assert response.status_code == 200
    assert response.json()["cache"] == {"status": "unavailable", "fallback": True}


def test_redis_down_makes_the_site_not_ready_when_the_cache_is_required(client, settings):
    settings.READINESS_REQUIRED = ["database", "cache"]
    with override_settings(CACHES=_redis_down()):
        response = client.get("/readyz")
    assert response.status_code == 503


def test_healthz_stays_the_cheap_liveness_check_without_heartbeats(client, database_queue, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        assert client.get("/healthz").status_code == 200


def test_a_heartbeat_never_stops_its_job_when_the_database_does_not_answer(broken_database, caplog):
    with caplog.at_level(logging.WARNING, logger="core.heartbeats"):
        beat("send_notification_digests")
    assert [record.getMessage() for record in caplog.records] == [
        "Could not record the heartbeat 'send_notification_digests': the database did not answer."
    ]


def test_last_beats_gives_each_heartbeat_by_name():
    _beat_ago("worker", seconds=5)
    beat("purge_expired_data")
    beats = last_beats()
    assert sorted(beats) == ["purge_expired_data", "worker"]
    assert timezone.now() - beats["worker"] >= timedelta(seconds=5)


def test_a_misspelt_required_part_stops_the_site_from_starting():
    script = "import django; django.setup()"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "READINESS_REQUIRED": "database,workers"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "READINESS_REQUIRED may name only database, cache, worker and jobs." in result.stderr
