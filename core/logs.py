"""A request id on every log line: what the operator follows from nginx's access log through
the application's lines to a background task the request queued.

Each request gets an id (the proxy's ``X-Request-ID`` when we sit behind our own proxy and it
is a sane value, otherwise a fresh one), sent back in the ``X-Request-ID`` header. It lives in
a context variable, so a thread or coroutine sees only its own. ``RequestIdFilter`` puts it on
every record the console handler writes (``request_id``, "-" outside a request). A task queued
during a request carries the id as its ``request_id`` argument, and while the task runs its
log lines carry it too (``bind_task_request_id``), also in the worker process.

This module is imported by the logging configuration before the apps are loaded: only the
standard library and Django's settings here."""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token

from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
# nginx's $request_id is 32 hexadecimal characters, a UUID is 36; anything else a proxy might
# send that is longer, or has spaces, quotes or line breaks, could forge or break log lines.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_NO_REQUEST = "-"

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_task_tokens: dict[str, Token] = {}

request_logger = logging.getLogger("core.requests")


# A person's calendar address holds its secret in the path (marketplace.urls.feeds): logged without.
SECRET_IN_PATH = re.compile(r"(/feeds/agenda/)[^/?\s]+(\.ics)")


def loggable_path(path: str) -> str:
    return SECRET_IN_PATH.sub(r"\1[secret]\2", path)


def current_request_id() -> str | None:
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return None


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _request_id.get() or _NO_REQUEST
        return True


class RequestIdMiddleware:
    """Gives the request its id for the whole of its handling (first in MIDDLEWARE, so even a
    redirect to https has one), answers it in ``X-Request-ID``, and logs one line per request on
    ``core.requests`` when that logger is switched on (``LOG_REQUESTS``).

    The incoming header counts only behind our own proxies (``TRUSTED_PROXY_COUNT`` > 0), whose
    nginx sets it on every request it passes; without them it is the client's own word."""

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER) if _behind_proxy() else None
        request_id = sane_request_id(incoming) or new_request_id()
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if request_logger.isEnabledFor(logging.INFO):
                # The path without its query string: query strings may carry tokens or search
                # words, which have no place in a log.
                path = loggable_path(request.path)
                request_logger.info(
                    "%s %s %s",
                    request.method,
                    path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": path,
                        "status": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000),
                    },
                )
            return response
        finally:
            _request_id.reset(token)


def _behind_proxy() -> bool:
    return getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) > 0


def bind_task_request_id(sender, task_result, **kwargs) -> None:
    """On ``task_started``: the task's log lines carry the id of the request that queued it."""
    request_id = sane_request_id(task_result.kwargs.get("request_id"))
    if request_id:
        _task_tokens[task_result.id] = _request_id.set(request_id)


def unbind_task_request_id(sender, task_result, **kwargs) -> None:
    """On ``task_finished`` (after django-tasks' own line about it): back to the id before."""
    token = _task_tokens.pop(task_result.id, None)
    if token is not None:
        _request_id.reset(token)
