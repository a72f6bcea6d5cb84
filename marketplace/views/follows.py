"""Following a theme or a neighbourhood from the filtered list of challenges, and stopping
again from there or from My page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import domain_errors
from marketplace.forms.follows import FollowForm
from marketplace.models import ChallengeIndexPage
from marketplace.services.follows import follow_create, follow_delete


def _next_url(request) -> str:
    """Back where the button was: the filtered list or My page. Anything that is not a path
    of this site goes to the list of challenges instead."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    index = ChallengeIndexPage.objects.live().first()
    return (index.get_url(request) if index is not None else None) or "/"


def _topic(request) -> dict:
    form = FollowForm(request.POST)
    if not form.is_valid():
        # Only a hand-made request names no theme, both, or one that does not exist.
        raise Http404
    return {"theme": form.cleaned_data["theme"], "neighbourhood": form.cleaned_data["neighbourhood"]}


def _name(topic: dict) -> str:
    return topic["theme"].display_name if topic["theme"] is not None else topic["neighbourhood"].name


@require_POST
def follow_view(request):
    next_url = _next_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    topic = _topic(request)
    with domain_errors(request):
        follow_create(user=request.user, **topic)
        messages.success(
            request,
            _("You follow %(name)s. New challenges there appear in your notifications.") % {"name": _name(topic)},
        )
    return redirect(next_url)


@require_POST
def unfollow_view(request):
    next_url = _next_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    topic = _topic(request)
    if follow_delete(user=request.user, **topic):
        messages.success(request, _("You no longer follow %(name)s.") % {"name": _name(topic)})
    return redirect(next_url)

