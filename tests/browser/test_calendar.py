"""A person's own calendar address, made and stopped on My page: a student on a Dutch phone makes
one and her calendar app reads it; a resident on an English desktop makes a new one and stops it.
axe on every page."""

import re

from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import UserFactory


def test_a_student_puts_her_dates_in_her_calendar_from_a_phone(browser, live_server, active_project, contexts):
    context = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    contexts.append(context)
    page = context.new_page()
    member = active_project["people"]["member"]
    log_in(page, member.email)
    page.goto("/mijn-pagina/")
    section = page.get_by_role("region", name="Je data in je agenda")
    section.get_by_role("button", name="Maak een agenda-adres").click()
    expect(page.get_by_role("status")).to_contain_text("Je agenda heeft een nieuw adres.")
    address = page.get_by_label("Je agenda-adres")
    expect(address).to_have_value(re.compile(rf"^{re.escape(live_server.url)}/feeds/agenda/[\w-]+\.ics$"))
    assert_accessible(page)

    # Her calendar app reads it, without her session.
    calendar = Calendar.from_ical(context.request.get(address.input_value(), fail_on_status_code=True).body())
    titles = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert any(title.startswith("Project: ") for title in titles)

    section.get_by_role("button", name="Stop het adres").click()
    expect(page.get_by_role("status")).to_contain_text("Je agenda-adres werkt niet meer.")
    expect(page.get_by_label("Je agenda-adres")).to_have_count(0)
    assert_accessible(page)


def test_a_resident_makes_a_new_address_in_english(browser, live_server, site, contexts):
    resident = UserFactory(email="bewoner@example.org", display_name="Bea Bewoner", preferred_language="en")
    context = guarded_context(browser, live_server, viewport=DESKTOP, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    log_in(page, resident.email)
    page.goto("/en/my-page/")
    section = page.get_by_role("region", name="Your dates in your calendar")
    section.get_by_role("button", name="Make a calendar address").click()
    first = page.get_by_label("Your calendar address").input_value()
    section.get_by_role("button", name="Make a new address").click()
    expect(page.get_by_role("status")).to_contain_text("An address you added to a calendar before no longer works.")
    second = page.get_by_label("Your calendar address").input_value()
    assert first != second
    assert context.request.get(first).status == 404
    assert context.request.get(second).status == 200
    assert_accessible(page)
