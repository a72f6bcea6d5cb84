"""A Redis outage is not a site outage (core.cache.FallbackRedisCache): with Redis unreachable the
site answers from a local memory cache, says so in the log once, and shares its cache again as
soon as Redis is back, without a restart."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from core.cache import FallbackRedisCache
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WARNING = "The shared cache (Redis) does not answer"


def _free_port() -> int:
    """A loopback port nothing listens on (the kernel's choice, released again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _backend(url: str) -> FallbackRedisCache:
    """One process's view of the cache: each instance has its own local fallback."""
    return FallbackRedisCache(
        url, {"RETRY_SECONDS": 0, "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    )


def _caches_at(url: str) -> dict:
    return {"default": {"BACKEND": "core.cache.FallbackRedisCache", "LOCATION": url, "RETRY_SECONDS": 60}}


class RedisServer:
    """A throw-away redis-server on a spare loopback port, never the machine's shared one."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command on loopback)
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=5)


@pytest.fixture
def backends():
    """Makes backends as two processes would hold them, and closes their connections after."""
    made = []

    def make(url: str) -> FallbackRedisCache:
        made.append(_backend(url))
        return made[-1]

    yield make
    for cache in made:
        for pool in cache._cache._pools.values():
            pool.disconnect()


@pytest.fixture
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def test_without_redis_the_cache_answers_locally_and_warns_once(caplog):
    cache = _backend(f"redis://127.0.0.1:{_free_port()}/0")
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.set("greeting", "hallo")
        for _ in range(20):
            assert cache.get("greeting") == "hallo"
        assert cache.add("lock", True) is True
        assert cache.add("lock", True) is False
    assert cache.is_degraded is True
    assert [record.getMessage().startswith(WARNING) for record in caplog.records] == [True]


def test_sessions_are_not_kept_in_the_local_fallback():
    """A session is read from the database while Redis is down: a local copy could outlive a
    logout that another process handled."""
    cache = _backend(f"redis://127.0.0.1:{_free_port()}/0")
    cache.set("django.contrib.sessions.cached_dbabc123", {"_auth_user_id": "1"})
    assert cache.get("django.contrib.sessions.cached_dbabc123") is None


@override_settings(
    CACHES=_caches_at(f"redis://127.0.0.1:{_free_port()}/0"),
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
)
def test_pages_login_and_my_page_answer_while_redis_is_down(client, home_page, caplog):
    user = UserFactory()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert client.get("/").status_code == 200
        assert client.get("/accounts/login/").status_code == 200
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("dashboard:my_page")).status_code == 200
        assert client.get("/").status_code == 200
    assert caches["default"].is_degraded is True
    assert [record.getMessage().startswith(WARNING) for record in caplog.records] == [True]


def test_when_redis_returns_two_processes_share_values_again(redis_server, backends):
    first, second = backends(redis_server.url), backends(redis_server.url)
    first.set("site_root_paths", "before")
    assert second.get("site_root_paths") == "before"

    redis_server.stop()
    first.set("site_root_paths", "during")  # only this process sees it
    assert first.get("site_root_paths") == "during"
    assert second.get("site_root_paths") is None
    assert first.is_degraded is True

    redis_server.start()
    first.set("site_root_paths", "after")
    assert second.get("site_root_paths") == "after"
    assert (first.is_degraded, second.is_degraded) == (False, False)


def test_what_was_deleted_during_the_outage_is_not_served_stale_afterwards(redis_server, backends):
    """A logout deletes the cached session; Redis still holds the copy from before the outage."""
    first, second = backends(redis_server.url), backends(redis_server.url)
    first.set("django.contrib.sessions.cached_dbabc123", {"_auth_user_id": "1"})

    redis_server.stop()
    first.delete("django.contrib.sessions.cached_dbabc123")

    redis_server.start()  # with --save "" it starts empty; put the old copy back as a persisted one would
    second.set("django.contrib.sessions.cached_dbabc123", {"_auth_user_id": "1"})
    assert first.get("django.contrib.sessions.cached_dbabc123") is None
    assert second.get("django.contrib.sessions.cached_dbabc123") is None


def test_one_redis_client_serves_every_call_also_across_an_outage(redis_server, backends):
    """Django makes a new client object for each cache call; ours keeps one per connection pool,
    which must still reconnect after Redis was away."""
    cache = backends(redis_server.url)
    cache.set("a", 1)
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client and cache._cache.get_client() is client

    redis_server.stop()
    assert cache.get("a") is None  # answered locally
    redis_server.start()
    cache.set("b", 2)
    assert cache.get("b") == 2 and not cache.is_degraded
    assert cache._cache.get_client(write=True) is client
