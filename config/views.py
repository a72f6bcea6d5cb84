from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.operator import is_operator
from core.readiness import readiness


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
def readyz(request):
    """200 when every required part is ok (settings.READINESS_REQUIRED), 503 when one is not.

    Which part, and how old each heartbeat is, only for the operator (core.operator); anyone
    else learns the status alone, nothing about how the site is run."""
    report = readiness()
    status = "ok" if report.ready else "unavailable"
    body = {"status": status}
    if is_operator(request):
        body.update(report.parts, required=list(report.required))
    return JsonResponse(body, status=200 if report.ready else 503)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)
