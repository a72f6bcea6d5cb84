from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

from marketplace.models import ChallengeIndexPage
from marketplace.reportable import might_report, reportable_of
from marketplace.services.applications import FILLED_MESSAGE
from marketplace.views.feeds import feed_title, feed_urls

register = template.Library()


@register.simple_tag
def challenge_index():
    """The challenge index page for the main navigation, or None before editors made it."""
    return ChallengeIndexPage.objects.live().first()


@register.simple_tag
def challenge_feeds(filter_form=None):
    """The feeds for the challenge index as filtered, most specific first: the theme's and the
    neighbourhood's own when the list is filtered by one, then all new challenges. Each has a
    ``title``, ``rss``, ``atom`` and ``ics`` (calendar) address, the ``follow`` and ``calendar``
    texts of the visible links and whether they are ``shown``. No query: the filter form already
    fetched the theme and neighbourhood."""
    filters = {}
    if filter_form is not None and filter_form.is_bound and filter_form.is_valid():
        filters = filter_form.cleaned_data
    feeds = []
    if theme := filters.get("theme"):
        feeds.append({
            "title": feed_title(theme=theme),
            "follow": gettext("Follow new challenges on %(theme)s via RSS") % {"theme": theme.display_name},
            "calendar": gettext("Deadlines on %(theme)s in your calendar") % {"theme": theme.display_name},
            **feed_urls(theme=theme),
        })
    if neighbourhood := filters.get("neighbourhood"):
        feeds.append({
            "title": feed_title(neighbourhood=neighbourhood),
            "follow": gettext("Follow new challenges in %(name)s via RSS") % {"name": neighbourhood.name},
            "calendar": gettext("Deadlines in %(name)s in your calendar") % {"name": neighbourhood.name},
            **feed_urls(neighbourhood=neighbourhood),
        })
    for feed in feeds:
        feed["shown"] = True
    feeds.append({
        "title": feed_title(),
        "follow": gettext("Follow new challenges via RSS"),
        "calendar": gettext("Application deadlines in your calendar"),
        "shown": not feeds,
        **feed_urls(),
    })
    return feeds


@register.filter
def decision_message(application) -> str:
    """The owner's message with a decision, in the reader's language when it is the standard
    message sent to the teams still waiting when a challenge filled up."""
    if application.decision_message == FILLED_MESSAGE:
        return gettext(FILLED_MESSAGE)
    return application.decision_message


@register.simple_tag
def rating_stars(rating) -> str:
    """“★★★★☆” for 4 out of 5; the caller gives the words for screen readers."""
    rating = max(0, min(5, int(rating or 0)))
    return "★" * rating + "☆" * (5 - rating)


@register.filter
def hours(value) -> str:
    """Hours as people write them: “3”, “2,5”, “1,25” (in English “2.5”), never “1,50”."""
    if value in (None, ""):
        return ""
    value = Decimal(value).normalize()
    places = max(-value.as_tuple().exponent, 0)
    return number_format(value, decimal_pos=places)


@register.inclusion_tag("components/report_link.html", takes_context=True)
def report_link(context, obj):
    """The "Report" link beside a piece of user text (PRODUCT.md rule 9): not for what is hidden,
    nor to whoever wrote it. The report page checks the rest."""
    request = context.get("request")
    user = getattr(request, "user", None)
    reportable = reportable_of(obj)
    shown = reportable is not None and not obj.is_hidden and might_report(user, obj)
    return {"reportable": reportable, "obj": obj, "shown": shown}
