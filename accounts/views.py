"""A person's own pages: the profile, the language switch, and the notification centre's list and e-mail
settings."""

from datetime import timedelta

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.openid_connect import views as openid_connect_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from requests import RequestException

from accounts.adapter import institution_unreachable
from accounts.defaults import INSTITUTION_LOGIN_PROVIDER
from accounts.forms import NotificationSettingsForm, ProfileForm, StudentProfileForm
from accounts.mfa import SETUP_NEXT_SESSION_KEY
from accounts.models import User
from accounts.notifications.centre import (
    notification_mark_read,
    notification_settings_update,
    notifications_mark_all_read,
)
from accounts.notifications.links import is_site_path, localized_path
from accounts.permissions import can_edit_student_profile
from accounts.selectors import (
    confirms_with_institution,
    institution_login_enabled,
    notification_settings_for,
    notifications_for,
    user_roles,
)
from accounts.services import profile_update, user_set_language


@login_required
def profile(request):
    form_class = StudentProfileForm if can_edit_student_profile(request.user) else ProfileForm
    # The form works on its own copy, so a rejected form never shows half-changed values
    # elsewhere on the page (the header shows request.user).
    form = form_class(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        user = profile_update(user=request.user, actor=request.user, **form.cleaned_data)
        with translation.override(user.preferred_language):
            messages.success(request, _("Your profile has been saved."))
            response = redirect("accounts:profile")
        set_language_cookie(response, user.preferred_language)
        return response
    return render(request, "accounts/profile.html", {"form": form, "roles": user_roles(request.user)})


@require_http_methods(["GET", "POST"])
def set_language(request):
    """Switch language and stay on the same page; remember the choice in a cookie and, for
    people who are logged in, on their account (so e-mails follow it too).

    Visitors switch with a GET (the switch on public pages is a form without a CSRF token, so
    that those pages set no cookie and can be cached); all it changes is their own language
    cookie. A logged-in person's choice is stored on the account, which only a POST with a
    CSRF token may change: a GET from them only goes to the page in the other language."""
    data = request.POST if request.method == "POST" else request.GET
    language = data.get("language")
    next_url = data.get("next") or "/"
    allowed_hosts = {request.get_host()}
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=allowed_hosts, require_https=request.is_secure()):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return redirect(next_url)
    # Resolve ``next`` in its own language: an English /en/... address does not resolve
    # while the Dutch, unprefixed URL patterns are active.
    source_language = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(source_language):
        next_url = translate_url(next_url, language)
    response = redirect(next_url)
    if request.method == "GET" and request.user.is_authenticated:
        return response
    set_language_cookie(response, language)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    return response


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


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


@login_required
def mfa_continue(request):
    """The end of setting up two-step login: on to the page the person was going to when they
    were asked to set it up, or else My page."""
    target = _on_this_site(request, request.session.pop(SETUP_NEXT_SESSION_KEY, ""))
    return redirect(target or "dashboard:my_page")


@login_required
@require_http_methods(["GET", "POST"])
def reauthenticate_institution(request):
    """Confirm it is you, for someone whose only way in is their institution: a button that logs
    in there again, then on to where they were going. The site, not the form, asks the
    institution to ask for the login anew (prompt=login, max_age=0), and the answer counts only
    if it says the person logged in just now (accounts.adapter.SocialAccountAdapter)."""
    if not (institution_login_enabled() and confirms_with_institution(request.user)):
        raise Http404
    target = _on_this_site(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST":
        provider = get_social_adapter(request).get_provider(request, INSTITUTION_LOGIN_PROVIDER)
        try:
            return provider.redirect(
                request, AuthProcess.REDIRECT, next_url=target or reverse("dashboard:my_page"),
                auth_params={"prompt": "login", "max_age": "0"},
            )
        except RequestException as error:
            return institution_unreachable(request, error)
    return render(request, "account/reauthenticate_institution.html", {"next": target})


def institution_login(request, provider_id):
    """allauth's start of "Log in with your institution", which first reads the issuer's
    discovery document: when the issuer cannot be reached, the person is told so (not a 500)."""
    try:
        return openid_connect_views.login(request, provider_id)
    except RequestException as error:
        return institution_unreachable(request, error)


def _on_this_site(request, target: str) -> str:
    """``target`` if it is an address on this site, else ""."""
    if not target:
        return ""
    on_site = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if on_site else ""
