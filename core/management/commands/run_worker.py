"""The task worker for the database queue (TASKS_BACKEND=django_tasks_db.DatabaseBackend).

django-tasks-db's own `db_worker` exits on a database error it does not expect (such as
"connection refused" while PostgreSQL restarts), so a restart stops every e-mail until someone
notices. This loop runs the same worker in short batches, and when the database goes away it
closes the broken connections and tries again every interval, until the database answers. It
beats the "worker" heartbeat on every round, so the readiness check sees a worker that hangs or
stopped.
"""

import logging
import signal
import threading

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connections
from django.utils.module_loading import import_string
from django_tasks.utils import get_random_id

from core.heartbeats import beat

logger = logging.getLogger(__name__)

HEARTBEAT = "worker"
# The worker class of django-tasks-db, imported only when the queue is installed: without the app
# in INSTALLED_APPS its models cannot even be imported.
WORKER_CLASS = "django_tasks_db.management.commands.db_worker.Worker"


def close_connections() -> None:
    """Drop every database connection; a connection to a restarted server cannot be reused and
    closing it may itself fail."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            logger.debug("Closing a broken database connection failed.", exc_info=True)


class Command(BaseCommand):
    help = (
        "Run the background tasks of the database queue, and keep running when the database restarts "
        "(it reconnects every --interval seconds). Beats the 'worker' heartbeat on every round."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default", help="Queues to process, comma-separated; '*' for all.")
        parser.add_argument(
            "--interval", type=float, default=1.0,
            help="Seconds to wait when the queue is empty or the database does not answer (default 1).",
        )
        parser.add_argument(
            "--batch-size", type=int, default=10, help="Tasks to run between two heartbeats (default 10)."
        )
        parser.add_argument("--worker-id", default="", help="Unique id of this worker process (default: generated).")

    def handle(self, *args, queue_name, interval, batch_size, worker_id, **options):
        if not apps.is_installed("django_tasks_db"):
            raise CommandError("There is no queue to work on: set TASKS_BACKEND=django_tasks_db.DatabaseBackend.")
        if interval <= 0 or batch_size <= 0:
            raise CommandError("--interval and --batch-size must be greater than zero.")
        loop = WorkerLoop(
            worker_class=import_string(WORKER_CLASS),
            queue_names=queue_name.split(","),
            interval=interval,
            batch_size=batch_size,
            worker_id=worker_id or get_random_id(),
        )
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, loop.shutdown)
        logger.info("The worker %s runs the queues %s.", loop.worker_id, queue_name)
        loop.run()


class WorkerLoop:
    """Rounds until stopped: beat, run at most `batch_size` ready tasks, wait when the queue was
    empty or the database failed."""

    def __init__(self, *, worker_class, queue_names, interval, batch_size, worker_id):
        self.worker_class = worker_class
        self.queue_names = queue_names
        self.interval = interval
        self.batch_size = batch_size
        self.worker_id = worker_id
        self.stop = threading.Event()
        self.current = None
        self.database_down = False

    def shutdown(self, signum, frame):
        # The running task finishes (the worker checks `running` after it); a wait is cut short.
        logger.warning("Received %s: the worker stops after the running task.", signal.strsignal(signum))
        self.stop.set()
        if self.current is not None:
            self.current.running = False

    def run(self, *, rounds: int | None = None) -> None:
        done = 0
        while not self.stop.is_set() and (rounds is None or done < rounds):
            done += 1
            if not self.run_round():
                self.stop.wait(self.interval)

    def run_round(self) -> bool:
        """One batch; True when it was full, so that the next one starts at once."""
        if not self.database_down:  # while it is down, the beat could only fail (and log) every round
            beat(HEARTBEAT)
        worker = self.current = self.worker_class(
            queue_names=self.queue_names, interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=self.batch_size, worker_id=self.worker_id,
        )
        try:
            worker.run()
        except DatabaseError:
            if not self.database_down:
                logger.warning(
                    "The database does not answer; the worker tries again every %s s.", self.interval, exc_info=True
                )
            self.database_down = True
            close_connections()
            return False
        finally:
            self.current = None
        if self.database_down:
            logger.warning("The database answers again; the worker goes on.")
            self.database_down = False
        close_old_connections()
        # The worker counts the tasks it ran (it stops at max_tasks); a full batch means more wait.
        return worker._run_tasks >= self.batch_size  # noqa: SLF001
