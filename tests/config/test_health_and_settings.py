import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from config.settings.env import email_settings_from_url

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def _load_production_settings(**env):
    secrets = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}
    clean_env = {key: value for key, value in os.environ.items() if key not in secrets}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", SCRIPT],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "example.org", "REDIS_URL": "redis://localhost:6379/0"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50, "REDIS_URL": "redis://localhost:6379/0"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}, "REDIS_URL"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = _load_production_settings(**env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    result = _load_production_settings(
        SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org", REDIS_URL="redis://localhost:6379/0"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_email_url_parsing():
    smtp = email_settings_from_url("smtp://mailer:s%40cret@mail.example.org:2525")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings_from_url("smtps://mail.example.org")["EMAIL_USE_SSL"] is True
    assert "console" in email_settings_from_url("console://")["EMAIL_BACKEND"]
