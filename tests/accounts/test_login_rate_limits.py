"""Failed logins are limited per client address, also behind a proxy: with TRUSTED_PROXY_COUNT
proxies of ours in front, the address is the one the nearest proxy put in X-Forwarded-For, so
people behind the same proxy are limited each on their own, and nothing a client writes into
the header itself changes which address counts. Without a trusted proxy the header is ignored."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = "import django; django.setup(); from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
PROXY = "10.0.0.2"  # the address the site sees for everyone behind nginx
LIMITED = "Too many failed login attempts"
ATTEMPTS_PER_MINUTE = 10  # ACCOUNT_RATE_LIMITS["login_failed"], per IP


def _fail(client, number: int, forwarded_for: str | None, remote_addr: str = PROXY):
    """A wrong password for a different address each time, so that only the limit per IP counts."""
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(
        "/en/accounts/login/", {"login": f"guess{number}@example.org", "password": "wrong-password"}, **headers
    )


def _log_in(client, user, forwarded_for: str | None, remote_addr: str = PROXY):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD}, **headers)


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_two_people_behind_the_proxy_are_limited_each_on_their_own(client, one_proxy):
    for number in range(ATTEMPTS_PER_MINUTE):
        assert LIMITED not in _fail(client, number, "203.0.113.5").content.decode()
    assert LIMITED in _fail(client, 99, "203.0.113.5").content.decode()
    # Someone else behind the same proxy is not locked out by the first person's attempts.
    response = _log_in(client, UserFactory(), "198.51.100.7")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_addresses_a_client_puts_in_front_of_its_own_do_not_reset_the_limit(client, one_proxy):
    """nginx appends the address it sees ($proxy_add_x_forwarded_for); the entries before it are
    whatever the client sent, new on every try."""
    for number in range(ATTEMPTS_PER_MINUTE):
        _fail(client, number, f"192.0.2.{number}, 203.0.113.5")
    assert LIMITED in _fail(client, 99, "192.0.2.250, 198.51.100.1, 203.0.113.5").content.decode()
    response = _log_in(client, UserFactory(), "192.0.2.251, 203.0.113.5")
    assert LIMITED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_without_a_trusted_proxy_the_header_is_ignored(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for number in range(ATTEMPTS_PER_MINUTE):
        _fail(client, number, f"203.0.113.{number}", remote_addr="198.51.100.9")
    assert LIMITED in _fail(client, 99, "203.0.113.200", remote_addr="198.51.100.9").content.decode()
    # Another connection's address is another client.
    response = _log_in(client, UserFactory(), "203.0.113.201", remote_addr="198.51.100.10")
    assert response.status_code == 302


def _setting_with_env(**env) -> str:
    clean_env = {key: value for key, value in os.environ.items() if key != "TRUSTED_PROXY_COUNT"}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_trusted_proxy_count_comes_from_the_environment_and_defaults_to_none():
    assert _setting_with_env(TRUSTED_PROXY_COUNT="1") == "1"
    assert _setting_with_env() == "0"
