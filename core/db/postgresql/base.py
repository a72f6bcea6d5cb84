"""Django's PostgreSQL backend, with new connections that wait out a database restart.

When PostgreSQL restarts (an upgrade, a failover, ``pg_ctl restart``) it refuses connections for a
second or two. Django would answer every request of that moment with a 500. Here a request that
needs a new connection tries again for up to ``connect_retry_seconds`` (an entry of the database's
``OPTIONS``; ``DATABASE_CONNECT_RETRY_SECONDS`` in the environment) before the
error is raised, so a restart costs a short wait instead of errors. Only opening a connection is
retried: a query that was running on a connection the restart cut is not repeated, because nobody
can know whether a write in it was committed.
"""

import logging
import time

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper

from core.db import connect_retry_enabled

logger = logging.getLogger(__name__)

FIRST_PAUSE = 0.05  # seconds; doubled after each failure
LONGEST_PAUSE = 0.5
RETRY_OPTION = "connect_retry_seconds"


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop(RETRY_OPTION, None)  # ours, not a connection parameter for psycopg
        return params

    def get_new_connection(self, conn_params):
        retry_seconds = float(self.settings_dict["OPTIONS"].get(RETRY_OPTION, 0)) if connect_retry_enabled.get() else 0
        deadline = time.monotonic() + retry_seconds
        pause = FIRST_PAUSE
        failures = 0
        while True:
            try:
                connection = super().get_new_connection(conn_params)
            except self.Database.OperationalError as error:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise
                if not failures:
                    logger.warning(
                        "The database refused a connection (%s); trying again for up to %g s.",
                        str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
                        retry_seconds,
                    )
                failures += 1
                time.sleep(min(pause, remaining))
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            if failures:
                logger.warning("The database accepts connections again, after %d refused attempts.", failures)
            return connection
