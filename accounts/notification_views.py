"""The notification centre's pages: the list, opening one, and the e-mail settings."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import NotificationSettingsForm
from accounts.links import is_site_path, localized_path
from accounts.notifications import notification_mark_read, notification_settings_update, notifications_mark_all_read
from accounts.selectors import notification_settings_for, notifications_for

NOTIFICATIONS_PER_PAGE = 30


@login_required
def notification_list(request):
    page = Paginator(notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {"page_obj": page, "notifications": page.object_list, "day_ago": timezone.now() - timedelta(days=1)}
    return render(request, "accounts/notification_list.html", context)


@login_required
def notification_open(request, pk):
    """Mark one's own notification as read and go where it points. A GET, so that it is a
    real link (new tab, keyboard, screen reader); it only ever changes the reader's own
    notification, and only ever redirects to a path of this site."""
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    target = localized_path(notification.url, translation.get_language())
    safe = is_site_path(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe else reverse("accounts:notifications"))


@login_required
@require_POST
def notifications_read_all(request):
    if notifications_mark_all_read(user=request.user):
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("accounts:notifications")


@login_required
def notification_settings(request):
    form = NotificationSettingsForm(request.POST or None, initial=notification_settings_for(request.user))
    if request.method == "POST" and form.is_valid():
        notification_settings_update(user=request.user, actor=request.user, settings_by_kind=form.cleaned_data)
        messages.success(request, _("Your e-mail settings have been saved."))
        return redirect("accounts:notification_settings")
    return render(request, "accounts/notification_settings.html", {"form": form})
