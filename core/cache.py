"""The shared cache (Redis) with a local fallback, so that a Redis outage is not a site outage.

Wagtail keeps its site root paths and image renditions in the default cache and allauth counts
its rate limits there; with Redis unreachable every page would answer 500. This backend answers
from a process-local memory cache instead while Redis is down, says so in the log once per
outage, and tries Redis again every few seconds: when it answers, everything is shared again
without a restart.

While Redis is down:
- rate limits count per process, not per site (each gunicorn worker keeps its own count);
- sessions are never kept locally: with cached_db sessions every request reads the database, so
  a logout in one process cannot be undone by a stale copy in another;
- local entries live at most FALLBACK_MAX_TIMEOUT seconds, which bounds how long a change made in
  another process (a site's root path, say) can go unseen here.
Every key written or deleted during the outage is deleted from Redis when it returns, because
Redis may still hold the value from before (a session that has since logged out).
"""

import logging
import threading
import time

from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# allauth's longest window ("5/5m/key" for failed logins) still fits.
FALLBACK_MAX_TIMEOUT = 300
# How many keys written during an outage we remember to delete from Redis afterwards; beyond
# that the whole cache database is cleared on recovery instead.
MAX_TOUCHED_KEYS = 10_000


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` object per connection pool. Django's makes a
    new one for every cache call, and setting one up (a table of some 170 reply handlers) takes
    longer than the round trip to Redis; the object holds no connection of its own (the pool
    hands those out), so one can serve every call."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    """Django's RedisCache, degrading to a local memory cache while Redis does not answer.

    Extra setting next to BACKEND and LOCATION: ``RETRY_SECONDS`` (default 5), how long to wait
    after a failure before trying Redis again. Set short socket timeouts in OPTIONS
    (``socket_connect_timeout``, ``socket_timeout``) so that a Redis that hangs costs little.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self.retry_seconds = float(params.get("RETRY_SECONDS", 5))
        self._local = LocMemCache(
            f"fallback-{id(self)}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        )
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_attempt = 0.0
        self._touched: set[str] = set()
        self._clear_on_recovery = False

    @property
    def is_degraded(self) -> bool:
        """True while this process answers from its local cache."""
        return self._down_since is not None

    def redis_answers(self) -> bool:
        """Whether Redis itself answers now, past the fallback (for the readiness check)."""
        try:
            return bool(self._cache.get_client(None).ping())
        except RedisError:
            return False

    # The state of the fallback --------------------------------------------------------------

    def _use_redis(self) -> bool:
        if self._down_since is None:
            return True
        if time.monotonic() < self._next_attempt:
            return False
        return self._recover()

    def _recover(self) -> bool:
        """Try Redis again; on success, delete what it may hold stale and leave the fallback."""
        with self._lock:
            if self._down_since is None:
                return True
            self._next_attempt = time.monotonic() + self.retry_seconds
            client = self._cache.get_client(None, write=True)
            try:
                if self._clear_on_recovery:
                    client.flushdb()
                elif self._touched:
                    touched = list(self._touched)
                    for start in range(0, len(touched), 500):
                        client.delete(*touched[start : start + 500])
                else:
                    client.ping()
            except RedisError:
                return False
            logger.warning(
                "The shared cache (Redis) answers again after %.0f s; leaving the local fallback.",
                time.monotonic() - self._down_since,
            )
            self._down_since = None
            self._touched.clear()
            self._clear_on_recovery = False
            self._local.clear()
            return True

    def _fail(self, error: RedisError) -> None:
        with self._lock:
            self._next_attempt = time.monotonic() + self.retry_seconds
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
        logger.warning(
            "The shared cache (Redis) does not answer (%s); this process uses a local memory cache "
            "until it does. Rate limits count per process meanwhile.",
            error,
        )

    def _remember(self, keys, version) -> None:
        if self._clear_on_recovery:
            return
        for key in keys:
            self._touched.add(self.make_key(key, version=version))
        if len(self._touched) > MAX_TOUCHED_KEYS:
            self._clear_on_recovery = True
            self._touched.clear()

    def _redis_or_local(self, name, *args, **kwargs):
        if self._use_redis():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as error:
                self._fail(error)
        return getattr(self._local, name)(*args, **kwargs)

    def _local_timeout(self, timeout):
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return FALLBACK_MAX_TIMEOUT if timeout is None else min(timeout, FALLBACK_MAX_TIMEOUT)

    @staticmethod
    def _kept_locally(key) -> bool:
        return not str(key).startswith(SESSION_KEY_PREFIX)

    # The cache API ----------------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._redis_or_local("get", key, default=default, version=version)

    def get_many(self, keys, version=None):
        return self._redis_or_local("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._redis_or_local("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        if self._use_redis():
            try:
                return super().incr(key, delta=delta, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember([key], version)
        return self._local.incr(key, delta=delta, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._use_redis():
            try:
                return super().add(key, value, timeout=timeout, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember([key], version)
        if not self._kept_locally(key):
            return True
        return self._local.add(key, value, timeout=self._local_timeout(timeout), version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._use_redis():
            try:
                return super().set(key, value, timeout=timeout, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember([key], version)
        if self._kept_locally(key):
            self._local.set(key, value, timeout=self._local_timeout(timeout), version=version)
        return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if self._use_redis():
            try:
                return super().set_many(data, timeout=timeout, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember(data, version)
        kept = {key: value for key, value in data.items() if self._kept_locally(key)}
        return self._local.set_many(kept, timeout=self._local_timeout(timeout), version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if self._use_redis():
            try:
                return super().touch(key, timeout=timeout, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember([key], version)
        return self._local.touch(key, timeout=self._local_timeout(timeout), version=version)

    def delete(self, key, version=None):
        if self._use_redis():
            try:
                return super().delete(key, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember([key], version)
        return self._local.delete(key, version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        if self._use_redis():
            try:
                return super().delete_many(keys, version=version)
            except RedisError as error:
                self._fail(error)
        self._remember(keys, version)
        return self._local.delete_many(keys, version=version)

    def clear(self):
        if self._use_redis():
            try:
                return super().clear()
            except RedisError as error:
                self._fail(error)
        with self._lock:
            self._clear_on_recovery = True
            self._touched.clear()
        return self._local.clear()
