"""What the operator configures for hearing of errors: ADMINS, and Sentry only with a DSN."""

import os
import subprocess
import sys

import pytest
import sentry_sdk
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse

from config.sentry import sentry_init, tag_request_id
from config.settings.env import env_admins
from core.logs import RequestIdMiddleware


def test_admins_are_read_as_name_and_address(monkeypatch):
    monkeypatch.setenv("ADMINS", "Beheer ICT <beheer@example.nl>, servicedesk@example.nl")
    assert env_admins("ADMINS") == [
        ("Beheer ICT", "beheer@example.nl"),
        ("servicedesk@example.nl", "servicedesk@example.nl"),
    ]


def test_no_admins_is_nobody(monkeypatch):
    monkeypatch.delenv("ADMINS", raising=False)
    assert env_admins("ADMINS") == []


def test_an_admin_without_an_address_stops_the_start(monkeypatch):
    monkeypatch.setenv("ADMINS", "beheer")
    with pytest.raises(ImproperlyConfigured, match="'beheer' is not one"):
        env_admins("ADMINS")


def test_without_a_dsn_the_site_starts_without_loading_sentry():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SENTRY_")}
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    loaded = subprocess.run(  # noqa: S603 — this interpreter, fixed arguments
        [sys.executable, "-c", "import django, sys; django.setup(); print('sentry_sdk' in sys.modules)"],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "False"


def test_with_a_dsn_sentry_starts_without_personal_data(monkeypatch):
    started = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: started.append(options))

    sentry_init(dsn="https://key@errors.example.nl/3", environment="acceptance", release="", traces_sample_rate=0.0)

    [options] = started
    assert options["dsn"] == "https://key@errors.example.nl/3"
    assert options["environment"] == "acceptance"
    assert options["send_default_pii"] is False
    assert options["max_request_body_size"] == "never"


def test_an_error_report_names_the_request_id(rf):
    events = []

    def view(request):
        events.append(tag_request_id({}, {}))
        return HttpResponse()

    response = RequestIdMiddleware(view)(rf.get("/"))
    assert events == [{"tags": {"request_id": response["X-Request-ID"]}}]
