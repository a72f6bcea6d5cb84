"""Reporting what people wrote: the report page behind every "Report" link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.views import form_errors
from marketplace.forms.moderation import ReportForm
from marketplace.reportable import REPORTABLE, can_report
from marketplace.selectors.moderation import has_reported
from marketplace.services.moderation import report_create


@login_required
def report_new(request, kind, pk):
    reportable = REPORTABLE.get(kind)
    if reportable is None:
        raise Http404
    obj = get_object_or_404(reportable.queryset(), pk=pk)
    if obj.is_hidden or not reportable.can_see(request.user, obj):
        raise Http404
    back = reportable.url(obj)
    already = has_reported(request.user, reportable, obj)
    allowed = not already and can_report(request.user, reportable, obj)
    form = ReportForm(request.POST or None) if allowed else None
    if form is not None and request.method == "POST" and form.is_valid():
        with form_errors(form):
            report_create(
                reportable=reportable,
                obj=obj,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Thank you for reporting this. The editors will look at it."))
            return redirect(back)
    context = {
        "reportable": reportable,
        "text": reportable.text(obj),
        "back": back,
        "already": already,
        "form": form,
    }
    return render(request, "marketplace/report_form.html", context)
