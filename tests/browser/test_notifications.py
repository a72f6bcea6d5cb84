"""A student is told about an invitation: the bell shows it, the list opens it, and she chooses
to get such e-mails once a day instead."""

import re

from playwright.sync_api import expect

from accounts.choices import NotificationKind
from accounts.models import NotificationPreference
from accounts.notifications.centre import notify
from tests.browser.helpers import assert_accessible, log_in
from tests.factories import UserFactory


def test_a_student_opens_a_notification_from_the_bell_and_chooses_a_daily_summary(live_server, site, page):
    sophie = UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker", preferred_language="en")
    daan = UserFactory(display_name="Daan Visser")
    notify(recipient=sophie, kind=NotificationKind.TEAM_INVITATION, actor=daan,
           params={"team": "De Groene Vleugel"}, url="/mijn-pagina/profiel/")

    log_in(page, sophie.email)
    bell = page.locator(".site-header").get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    expect(bell.locator(".notification-bell__badge")).to_have_text("1")
    bell.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    assert page.url.endswith("/en/my-page/notifications/")
    item = page.get_by_role("link", name="New Daan Visser invites you to join the team “De Groene Vleugel”")
    expect(item).to_be_visible()
    assert_accessible(page)

    item.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.locator(".site-header").get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.locator(".notification-bell__badge")).to_have_count(0)

    page.locator(".site-header").get_by_role("link", name="Notifications", exact=True).click()
    read_item = page.get_by_role("link", name="Daan Visser invites you to join the team “De Groene Vleugel”")
    expect(read_item).to_be_visible()
    expect(page.get_by_text("New", exact=True)).to_have_count(0)
    page.get_by_role("link", name="E-mail settings").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail settings")
    assert_accessible(page)
    invitations = page.get_by_role("group", name="Invitations to join a team")
    expect(invitations.get_by_label("Right away")).to_be_checked()
    invitations.get_by_label("Daily summary").check()
    page.get_by_role("button", name="Save e-mail settings").click()
    expect(page.get_by_text("Your e-mail settings have been saved.")).to_be_visible()
    invitations = page.get_by_role("group", name="Invitations to join a team")
    expect(invitations.get_by_label("Daily summary")).to_be_checked()
    assert_accessible(page)
    assert NotificationPreference.objects.get(user=sophie).email == "digest"


def test_the_notification_pages_fit_a_phone(live_server, site, phone_page):
    sophie = UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker", preferred_language="en")
    karin = UserFactory(display_name="Karin Jansen")
    for team in ("De Groene Vleugel", "Stille Tuinen met een heel lange naam die op een telefoon moet passen"):
        notify(recipient=sophie, kind=NotificationKind.SUPERVISION_ANSWER, actor=karin,
               params={"team": team, "outcome": "accepted", "message": "Leuk plan; ik begeleid jullie graag."},
               url="/mijn-pagina/")

    log_in(phone_page, sophie.email)
    phone_page.locator(".site-header").get_by_role("link", name="Notifications, 2 unread").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(phone_page.get_by_role("link", name=re.compile("Karin Jansen will supervise your team"))).to_have_count(2)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)

    phone_page.get_by_role("button", name="Mark all as read").click()
    expect(phone_page.get_by_text("All your notifications are marked as read.")).to_be_visible()
    expect(phone_page.locator(".site-header").get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    assert_accessible(phone_page)

    phone_page.get_by_role("link", name="E-mail settings").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("E-mail settings")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)
