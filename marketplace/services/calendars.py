"""A person's calendar address: made, made anew (the old one stops working) and stopped."""

from wagtail.log_actions import log

from marketplace.models import CalendarFeed
from marketplace.models.calendars import new_calendar_token


def calendar_feed_renew(*, user) -> CalendarFeed:
    """A (new) secret address for ``user``'s calendar; an earlier one stops working at once."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token", "created_at"])
    log(user, "marketplace.calendar.renewed", user=user)
    return feed


def calendar_feed_stop(*, user) -> bool:
    """``user``'s calendar address stops working; True when there was one."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        log(user, "marketplace.calendar.stopped", user=user)
    return bool(deleted)
