"""Calendar feeds as iCalendar (RFC 5545), written with the ``icalendar`` library."""

from datetime import timedelta
from urllib.parse import urljoin

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from marketplace.selectors.calendars import CalendarEvent

TIME_ZONE = "Europe/Amsterdam"


def ical(*, name: str, events: list[CalendarEvent], base_url: str, language: str) -> bytes:
    """A calendar named ``name`` with all-day ``events``; links made absolute with ``base_url``."""
    calendar = Calendar()
    calendar.add("prodid", "-//Leren met de Stad//lerenmetdestad.nl//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # The dates are Leiden's: a calendar that asks which zone they belong to is told.
    calendar.add("x-wr-timezone", TIME_ZONE)
    # Calendar apps look again every few hours.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    calendar.add_component(Timezone.from_tzid(TIME_ZONE))
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@lerenmetdestad.nl")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        # All-day: DTEND is the day after the last day.
        event.add("dtend", item.end + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        link = urljoin(f"{base_url}/", item.path) if item.path else ""
        if link:
            event.add("url", link)
        description = "\n\n".join(part for part in (item.description, link) if part)
        if description:
            event.add("description", description)
        event["summary"].params["LANGUAGE"] = language
        calendar.add_component(event)
    return calendar.to_ical()
