"""The lecturer's hours export and the student's certificate of participation. Both carry
personal data, so neither is ever cached on the way."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache

from accounts.mfa import mfa_required
from core.views import get_allowed_or_404, user_passes_or_404
from marketplace.forms.exports import HoursFilterForm
from marketplace.models import Project
from marketplace.permissions import can_download_certificate, can_export_hours
from marketplace.renderers.exports import certificate_pdf, hours_csv, hours_xlsx
from marketplace.selectors.exports import approved_hours_rows, plain_decimal

DOWNLOADS = {
    "csv": (hours_csv, "text/csv; charset=utf-8"),
    "xlsx": (hours_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@never_cache
@login_required
@user_passes_or_404(can_export_hours)
@mfa_required
def hours_export(request):
    """A filter, a preview of the rows and the same rows as CSV or XLSX (``?format=``). The
    download links carry the filter, so the file holds exactly the rows on the screen; a
    download with an invalid filter shows the page with the error instead."""
    has_projects = Project.objects.filter(supervisor=request.user).exists()
    form = HoursFilterForm(request.GET, supervisor=request.user)
    rows = None
    if has_projects and form.is_valid():
        rows = approved_hours_rows(supervisor=request.user, **form.filters())
        download = DOWNLOADS.get(request.GET.get("format", ""))
        if download is not None:
            write, content_type = download
            extension = request.GET["format"]
            filename = f"uren-{timezone.localdate().isoformat()}.{extension}"
            return _attachment(write(rows), content_type, filename)
    query = request.GET.copy()
    query.pop("format", None)
    links = {}
    for extension in DOWNLOADS:
        query["format"] = extension
        links[extension] = "?" + query.urlencode()
    context = {
        "has_projects": has_projects,
        "form": form,
        "rows": rows,
        "total_hours": plain_decimal(sum((row.hours for row in rows or []), Decimal(0))),
        "total_entries": sum(row.entries for row in rows or []),
        "csv_url": links["csv"],
        "xlsx_url": links["xlsx"],
    }
    return render(request, "marketplace/hours_export.html", context)


@never_cache
@login_required
def certificate(request, pk):
    """The requester's own certificate for the project; the URL names no student, so nobody
    can ask for someone else's."""
    project = get_allowed_or_404(
        Project.objects.select_related("challenge", "team", "supervisor", "application"),
        can_download_certificate,
        request.user,
        pk=pk,
    )
    pdf = certificate_pdf(project=project, student=request.user)
    return _attachment(pdf, "application/pdf", f"bewijs-van-deelname-{project.challenge.slug}.pdf")

