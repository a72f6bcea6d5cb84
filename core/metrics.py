"""Prometheus metrics (django-prometheus's counters and timings per view) for the operator."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django_prometheus.exports import ExportToDjangoView

from core.operator import is_operator


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    # Anyone else gets the site's ordinary 404, as for an address that does not exist.
    if not is_operator(request):
        raise Http404
    return ExportToDjangoView(request)
