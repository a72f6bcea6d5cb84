import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from core.heartbeats import last_beats
from core.management.commands import run_worker
from core.management.commands.run_worker import WorkerLoop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_tests_connection(monkeypatch):
    """After each round the worker drops a connection that is unusable or left in a transaction:
    in a test the connection holds the test's own transaction (on PostgreSQL it would be closed
    under the test's feet), so here that step does nothing."""
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)


class FlakyWorker:
    """Stands in for django-tasks-db's worker: the rounds listed in `fail_on` raise what a
    restarted PostgreSQL raises ("server closed the connection unexpectedly"); the others run
    `tasks` tasks."""

    rounds = 0
    fail_on = ()
    tasks = 0

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.running = True
        self._run_tasks = 0

    def run(self):
        type(self).rounds += 1
        if type(self).rounds in self.fail_on:
            raise OperationalError("server closed the connection unexpectedly")
        self._run_tasks = self.tasks


def make_loop(fail_on=(), tasks=0):
    worker = type("Worker", (FlakyWorker,), {"rounds": 0, "fail_on": fail_on, "tasks": tasks})
    loop = WorkerLoop(worker_class=worker, queue_names=["default"], interval=0.01, batch_size=10, worker_id="w1")
    return loop, worker


def test_the_worker_keeps_running_when_the_database_restarts(monkeypatch):
    closed = []
    monkeypatch.setattr(run_worker, "close_connections", lambda: closed.append(True))
    loop, worker = make_loop(fail_on=(2, 3))

    loop.run(rounds=5)

    assert worker.rounds == 5  # two failed rounds, then the worker goes on
    assert closed == [True, True]  # each failure dropped the broken connections
    assert loop.database_down is False


def test_the_worker_beats_its_heartbeat_every_round():
    loop, _ = make_loop()

    loop.run(rounds=1)

    assert list(last_beats()) == ["worker"]


def test_the_worker_asks_the_queue_for_a_batch_and_goes_on_at_once_when_it_was_full():
    loop, _ = make_loop(tasks=10)

    assert loop.run_round() is True
    assert loop.current is None


def test_a_stop_signal_lets_the_running_task_finish():
    loop, worker = make_loop()
    loop.current = worker()

    loop.shutdown(15, None)

    assert loop.current.running is False
    assert loop.stop.is_set() is True


def test_without_a_database_queue_the_command_says_what_to_set():
    with pytest.raises(CommandError, match="TASKS_BACKEND=django_tasks_db.DatabaseBackend"):
        call_command("run_worker")
