"""The task worker survives a restart of PostgreSQL: a PostgreSQL of its own (on a spare
loopback port, in a temporary folder) is restarted while the worker runs a task, and a task
queued to run after the restart is still done, by the same worker process. (django-tasks-db's
own db_worker exits here: it cannot connect while the server is down.)"""

# ruff: noqa: S603 (every command line here is fixed: PostgreSQL's programs and manage.py)

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

PG_BIN = Path("/usr/lib/postgresql/15/bin")
MANAGE = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

SETUP = """
from datetime import timedelta
from django.core.management import call_command
from django.utils import timezone
from tests.core.helpers import beat_from_the_queue
call_command("migrate", "core", verbosity=0)
call_command("migrate", "django_tasks_database", verbosity=0)
beat_from_the_queue.enqueue("before")
beat_from_the_queue.using(run_after=timezone.now() + timedelta(seconds=8)).enqueue("after")
"""

def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# PostgreSQL refuses to run as root: as root (a CI container), its programs run as "postgres".
AS_SERVER_USER = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def pg_ctl(data, *args):
    subprocess.run([*AS_SERVER_USER, PG_BIN / "pg_ctl", "-D", data, "-s", "-w", *args], check=True)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def postgres():
    # Not pytest's tmp_path: the server's user must be able to reach the folder.
    tmp_path = Path(tempfile.mkdtemp(prefix="worker-postgres-"))
    data, port = tmp_path / "data", spare_port()
    if AS_SERVER_USER:
        shutil.chown(tmp_path, "postgres")
    subprocess.run(
        [*AS_SERVER_USER, PG_BIN / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"],
        check=True, capture_output=True,
    )
    options = f"-p {port} -k {tmp_path} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl(data, "-o", options, "-l", tmp_path / "log", "start")
    url = f"postgres://postgres@127.0.0.1:{port}/postgres"
    yield {"data": data, "url": url, "options": options, "log": tmp_path / "log"}
    pg_ctl(data, "-m", "immediate", "stop")
    shutil.rmtree(tmp_path, ignore_errors=True)


def query(url, sql):
    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=2) as connection:
            return [row[0] for row in connection.execute(sql).fetchall()]
    except psycopg.OperationalError:
        return []


def heartbeats(url):
    return query(url, "SELECT name FROM core_heartbeat")


def test_the_worker_runs_on_after_postgresql_restarts(postgres):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": postgres["url"],
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    subprocess.run([*MANAGE, "shell", "--no-imports", "-c", SETUP], env=env, check=True)
    worker = subprocess.Popen([*MANAGE, "run_worker", "--interval", "0.2"], env=env)
    try:
        assert wait_for(lambda: "before" in heartbeats(postgres["url"]), 30) is True

        # A restart of a real server takes a few seconds (a checkpoint, then recovery): the worker
        # meets a database that refuses connections for a while, not just a dropped connection.
        pg_ctl(postgres["data"], "-m", "fast", "stop")
        time.sleep(2)
        pg_ctl(postgres["data"], "-o", postgres["options"], "-l", postgres["log"], "start")
        restarted = time.monotonic()

        assert wait_for(lambda: "after" in heartbeats(postgres["url"]), 30) is True
        assert worker.poll() is None  # the same worker, still running
        assert time.monotonic() - restarted < 15
    finally:
        worker.terminate()
        worker.wait(10)
