"""The database connection as the site needs it: PostgreSQL connections that wait out a restart."""

import contextlib
from contextvars import ContextVar

# Set to False where an answer now matters more than a working connection (the readiness check
# must report a database that is down, not wait for it).
connect_retry_enabled: ContextVar[bool] = ContextVar("connect_retry_enabled", default=True)


@contextlib.contextmanager
def without_connect_retry():
    token = connect_retry_enabled.set(False)
    try:
        yield
    finally:
        connect_retry_enabled.reset(token)
