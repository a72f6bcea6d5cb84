from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import ProfileForm, StudentProfileForm
from accounts.models import User
from accounts.permissions import can_edit_student_profile
from accounts.selectors import user_roles
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


@require_POST
def set_language(request):
    """Switch language and stay on the same page; remember the choice in a cookie and, for
    people who are logged in, on their account (so e-mails follow it too)."""
    language = request.POST.get("language")
    next_url = request.POST.get("next") or "/"
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
