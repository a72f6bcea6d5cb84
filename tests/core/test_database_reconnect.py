"""A PostgreSQL restart costs a short wait, not errors (core.db.postgresql): a new connection that
the database refuses is tried again for up to ``connect_retry_seconds``, then the error is raised;
the readiness check does not wait."""

import logging
import socket
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings
from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper

from core.db import without_connect_retry
from core.db.postgresql.base import DatabaseWrapper

REFUSED = "The database refused a connection"
BACK = "The database accepts connections again, after 2 refused attempts."


def _free_port() -> int:
    """A loopback port nothing listens on (the kernel's choice, released again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrapper(*, port: int = 5432, retry_seconds: float = 5) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            **settings.DATABASES["default"],
            "ENGINE": "core.db.postgresql",
            "NAME": "leren_met_de_stad",
            "USER": "",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "OPTIONS": {"connect_retry_seconds": retry_seconds, "connect_timeout": 2},
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "TIME_ZONE": None,
        }
    )


class RefusingDatabase:
    """PostgreSQL during a restart: refuses ``refusals`` connections, then accepts."""

    def __init__(self, refusals: int):
        self.refusals = refusals
        self.attempts = 0
        self.connection = object()

    def connect(self):
        self.attempts += 1
        if self.attempts <= self.refusals:
            raise psycopg.OperationalError("the database system is starting up")
        return self.connection


def _restarting_database(monkeypatch, refusals: int) -> RefusingDatabase:
    database = RefusingDatabase(refusals)
    monkeypatch.setattr(PostgreSQLDatabaseWrapper, "get_new_connection", lambda wrapper, params: database.connect())
    return database


@pytest.fixture
def clock(monkeypatch):
    """time.monotonic and time.sleep of the backend on a clock of their own: no real waiting."""

    class Clock:
        now = 1000.0
        sleeps: list[float] = []

        def monotonic(self):
            return self.now

        def sleep(self, seconds):
            self.sleeps.append(seconds)
            self.now += seconds

    fake = Clock()
    fake.sleeps = []
    monkeypatch.setattr("core.db.postgresql.base.time", fake)
    return fake


def test_a_refused_connection_is_tried_again_until_the_database_accepts(monkeypatch, clock, caplog):
    database = _restarting_database(monkeypatch, refusals=2)

    with caplog.at_level(logging.WARNING, logger="core.db.postgresql.base"):
        connection = _wrapper().get_new_connection({})

    assert connection is database.connection
    assert database.attempts == 3
    assert clock.sleeps == [0.05, 0.1]
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2  # one warning for the outage, not one per attempt
    assert messages[0].startswith(f"{REFUSED} (the database system is starting up); trying again for up to 5 s.")
    assert messages[1] == BACK


def test_the_error_is_raised_once_the_retry_time_is_spent(monkeypatch, clock):
    database = _restarting_database(monkeypatch, refusals=1000)

    with pytest.raises(psycopg.OperationalError, match="starting up"):
        _wrapper(retry_seconds=2).get_new_connection({})

    # Pauses grow from 0.05 s to at most 0.5 s and never run past the deadline.
    assert clock.sleeps[:5] == [0.05, 0.1, 0.2, 0.4, 0.5]
    assert max(clock.sleeps) == 0.5
    assert 1.5 < sum(clock.sleeps) <= 2
    assert database.attempts == len(clock.sleeps) + 1


def test_no_retry_when_turned_off_or_where_an_answer_matters_more(monkeypatch, clock):
    database = _restarting_database(monkeypatch, refusals=1)
    with pytest.raises(psycopg.OperationalError):
        _wrapper(retry_seconds=0).get_new_connection({})

    database = _restarting_database(monkeypatch, refusals=1)
    with without_connect_retry(), pytest.raises(psycopg.OperationalError):
        _wrapper(retry_seconds=5).get_new_connection({})
    assert database.attempts == 1
    assert clock.sleeps == []


def test_a_real_refusal_is_retried_for_the_time_given_and_then_raised():
    """psycopg's own error for a port where no PostgreSQL listens (no fakes)."""
    wrapper = _wrapper(port=_free_port(), retry_seconds=0.6)
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        wrapper.get_new_connection(wrapper.get_connection_params())
    assert 0.5 <= time.monotonic() - started < 3


def test_the_retry_time_is_not_passed_to_psycopg_as_a_connection_parameter():
    params = _wrapper(retry_seconds=5).get_connection_params()
    assert "connect_retry_seconds" not in params
    assert params["connect_timeout"] == 2


def test_a_postgresql_database_url_uses_the_retrying_backend():
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://someone@db.example.test:5432/leren_met_de_stad",
        "DATABASE_CONNECT_RETRY_SECONDS": "7",
    }
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "database = settings.DATABASES['default']; "
            "print(database['ENGINE'], database['OPTIONS']['connect_retry_seconds'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout.split()
    assert printed == ["core.db.postgresql", "7"]
