"""Calendar feeds (iCalendar): the open challenges' application deadlines, all of them or per
theme or neighbourhood, next to the RSS feeds; and a person's own dates at their secret address,
which they make anew or stop from My page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.models import Neighbourhood, Theme
from marketplace.renderers.calendars import ical
from marketplace.selectors.calendars import calendar_feed_for_token, deadline_events, personal_events
from marketplace.services.calendars import calendar_feed_renew, calendar_feed_stop
from marketplace.views.feeds import feed_title


def _calendar_response(request, *, name: str, events, filename: str) -> HttpResponse:
    base_url = request.build_absolute_uri("/").rstrip("/")
    body = ical(name=name, events=events, base_url=base_url, language=translation.get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def deadlines(request):
    return _calendar_response(
        request, name=feed_title(), events=deadline_events(request=request), filename="leren-met-de-stad.ics"
    )


def theme_deadlines(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return _calendar_response(
        request, name=feed_title(theme=theme), events=deadline_events(request=request, theme=theme),
        filename=f"leren-met-de-stad-{theme.slug}.ics",
    )


def neighbourhood_deadlines(request, slug):
    neighbourhood = get_object_or_404(Neighbourhood, slug=slug)
    return _calendar_response(
        request, name=feed_title(neighbourhood=neighbourhood),
        events=deadline_events(request=request, neighbourhood=neighbourhood),
        filename=f"leren-met-de-stad-{neighbourhood.slug}.ics",
    )


def personal(request, token):
    """A person's dates, for their calendar app, which asks without logging in: the secret in
    the address is the key. In the person's own language; never cached by anyone else."""
    feed = calendar_feed_for_token(token)
    if feed is None:
        raise Http404
    with translation.override(feed.user.preferred_language):
        response = _calendar_response(
            request, name=_("Leren met de Stad – my dates"), events=personal_events(user=feed.user, request=request),
            filename="leren-met-de-stad-mijn-agenda.ics",
        )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def renew(request):
    calendar_feed_renew(user=request.user)
    messages.success(
        request, _("Your calendar has a new address. An address you added to a calendar before no longer works.")
    )
    return redirect(f"{reverse('dashboard:my_page')}#calendar-heading")


@login_required
@require_POST
def stop(request):
    if calendar_feed_stop(user=request.user):
        messages.success(request, _("Your calendar address no longer works."))
    return redirect(f"{reverse('dashboard:my_page')}#calendar-heading")
