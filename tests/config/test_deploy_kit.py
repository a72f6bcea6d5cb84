"""The deployment kit's files agree with each other and with the code: the units start commands
that exist, nginx serves the folders the environment file names, the internal location is the
one the app redirects to, and nginx waits longer than gunicorn. (make prod-check runs the kit.)"""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
LOCATIONS = (DEPLOY / "nginx" / "lerenmetdestad-locations.conf").read_text()
ENV_TEMPLATE = (DEPLOY / "lerenmetdestad.env.example").read_text()
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def _env(name: str) -> str:
    return re.search(rf"^{name}=(.*)$", ENV_TEMPLATE, re.M).group(1)


def _alias(location: str) -> str:
    return re.search(rf"location {re.escape(location)} \{{[^}}]*?alias (\S+);", LOCATIONS, re.S).group(1)


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_every_unit_starts_something_that_exists(unit):
    command = re.search(r"^ExecStart=(.*)$", unit.read_text(), re.M).group(1).split()
    if command[0].endswith("/gunicorn"):
        assert (DEPLOY / "gunicorn.conf.py").exists()
        assert command[1:] == ["--config", "deploy/gunicorn.conf.py"]
    else:
        assert command[1] == "manage.py"
        assert command[2] in get_commands()


def test_nginx_serves_the_folders_the_environment_names():
    assert _alias("/static/") == _env("STATIC_ROOT") + "/"
    assert _alias("/media/") == _env("MEDIA_ROOT") + "/"
    assert _alias("/protected/") == _env("PRIVATE_MEDIA_ROOT") + "/"


def test_the_app_redirects_to_the_internal_location():
    location = _env("PRIVATE_MEDIA_X_ACCEL_REDIRECT")
    assert re.search(rf"location {re.escape(location)} \{{\s*internal;", LOCATIONS)


def test_the_environment_file_sets_what_production_requires():
    for name in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
        assert re.search(rf"^{name}=", ENV_TEMPLATE, re.M), name
    assert _env("DJANGO_SETTINGS_MODULE") == "config.settings.production"
    assert _env("TRUSTED_PROXY_COUNT") == "1"
    assert _env("TASKS_BACKEND") == "django_tasks_db.DatabaseBackend"


def test_nginx_waits_longer_than_gunicorn():
    gunicorn_config = (DEPLOY / "gunicorn.conf.py").read_text()
    gunicorn_timeout = int(re.search(r'"GUNICORN_TIMEOUT", "(\d+)"', gunicorn_config).group(1))
    nginx_timeout = int(re.search(r"^proxy_read_timeout (\d+)s;", LOCATIONS, re.M).group(1))
    assert nginx_timeout > gunicorn_timeout
