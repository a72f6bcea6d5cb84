"""The request id: on every log line of a request, in the X-Request-ID header, and on the log
lines of a task the request queued, also when a worker process runs that task later."""

import copy
import io
import json
import logging
import logging.config
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks import default_task_backend
from django_tasks.signals import task_finished, task_started

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify
from core.logs import RequestIdMiddleware, current_request_id, loggable_path
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NGINX_REQUEST_ID = "0f8e2d9c4b7a61e3d5c2b1a09f8e7d6c"  # what nginx's $request_id looks like


@pytest.fixture
def json_log():
    """The console handler as LOGGING configures it with LOG_FORMAT=json, on the root logger;
    returns a function that gives the lines written so far, parsed."""
    configurator = logging.config.DictConfigurator(copy.deepcopy(settings.LOGGING))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configurator.configure_formatter(configurator.config["formatters"]["json"]))
    handler.addFilter(configurator.configure_filter(configurator.config["filters"]["request_id"]))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_each_response_carries_a_fresh_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_log_line_of_a_request_carries_its_id(client, json_log, caplog):
    caplog.set_level(logging.INFO, logger="core.requests")

    response = client.get("/healthz?token=secret")

    lines = [line for line in json_log() if line["logger"] == "core.requests"]
    assert lines == [
        {
            "level": "INFO",
            "logger": "core.requests",
            "request_id": response["X-Request-ID"],
            "message": "GET /healthz 200",
            "method": "GET",
            "path": "/healthz",  # without the query string
            "status": 200,
            "duration_ms": lines[0]["duration_ms"],
            "time": lines[0]["time"],
        }
    ]
    assert lines[0]["time"].endswith("+00:00")


def test_behind_our_proxy_its_request_id_is_used(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", headers={"X-Request-ID": NGINX_REQUEST_ID})
    assert response["X-Request-ID"] == NGINX_REQUEST_ID


def test_behind_our_proxy_a_request_id_that_could_forge_a_log_line_is_replaced(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    response = client.get("/healthz", headers={"X-Request-ID": 'abcdefgh" level=CRITICAL'})
    assert response["X-Request-ID"] != 'abcdefgh" level=CRITICAL'
    assert len(response["X-Request-ID"]) == 32


def test_without_a_proxy_the_clients_request_id_is_not_taken(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    response = client.get("/healthz", headers={"X-Request-ID": NGINX_REQUEST_ID})
    assert response["X-Request-ID"] != NGINX_REQUEST_ID


def test_a_task_queued_by_a_request_logs_with_the_requests_id_in_the_worker(
    settings, json_log, monkeypatch, django_capture_on_commit_callbacks
):
    # A queue that keeps the task for later, as the database queue does for its worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    sophie = UserFactory()

    def view(request):
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipient=sophie, kind=NotificationKind.TEAM_JOINED, params={"team": "X"}, url="/")
        return HttpResponse()

    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    request_id = response["X-Request-ID"]
    [queued] = default_task_backend.results
    assert queued.kwargs == {"request_id": request_id}
    assert current_request_id() is None  # the request is over

    def broken_send(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    # Later, elsewhere: what django-tasks-db's worker does with a task (db_worker.run_task).
    task_started.send(sender=type(default_task_backend), task_result=queued)
    with pytest.raises(OSError, match="mail server down"):
        queued.task.call(*queued.args, **queued.kwargs)
    task_finished.send(sender=type(default_task_backend), task_result=queued)

    [line] = [line for line in json_log() if line["logger"] == "accounts.tasks"]
    assert line["message"].startswith("Could not e-mail notification")
    assert line["request_id"] == request_id
    assert current_request_id() is None  # the worker's next task starts without it


def test_a_line_outside_any_request_says_so(json_log):
    logging.getLogger("tests.core").warning("Nightly digest sent")
    [line] = json_log()
    assert line["request_id"] == "-"


def test_plain_text_is_the_default_log_format():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "plain"


def test_the_secret_of_a_calendar_address_never_reaches_a_log():
    assert loggable_path("/en/feeds/agenda/AbC-12_x.ics") == "/en/feeds/agenda/[secret].ics"
    assert loggable_path("/feeds/agenda.ics") == "/feeds/agenda.ics"
    gunicorn_conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"))
    pattern = gunicorn_conf["AccessLogWithoutSecrets"].SECRET_IN_PATH
    logged = pattern.sub(r"\1[secret]\2", "GET /feeds/agenda/AbC.ics HTTP/1.1")
    assert logged == "GET /feeds/agenda/[secret].ics HTTP/1.1"
