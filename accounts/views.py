from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from marketplace.selectors import memberships_for_user

from .forms import ProfileForm, StudentProfileForm
from .models import User
from .permissions import can_edit_student_profile
from .selectors import user_roles
from .services import profile_update, user_set_language


@login_required
def my_page(request):
    context = {
        "roles": user_roles(request.user),
        "memberships": memberships_for_user(request.user),
        "has_unverified_email": EmailAddress.objects.filter(user=request.user, verified=False).exists(),
    }
    return render(request, "accounts/my_page.html", context)


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
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    return render(request, "accounts/profile.html", {"form": form, "roles": user_roles(request.user)})


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the person's account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(translation.trans_real.get_languages()):
        user_set_language(user=request.user, language=language)
    return response
