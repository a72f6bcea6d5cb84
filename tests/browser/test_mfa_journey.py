"""Two-step login, in Dutch and in English: an approved lecturer without it opens the hours
review, is sent to set it up (confirming the password first), scans the key (read from the
page), confirms a code, sees the recovery codes and goes on to the hours review; logs out, logs
in again with the password and a fresh code, and reaches the page. axe-core checks every page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, fresh_totp_code, guarded_context, log_in
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory

TEXT = {
    "nl": {
        "why": "Je kunt op deze site uren goedkeuren",
        "confirm_heading": "Toegang bevestigen",
        "confirm": "Bevestig",
        "setup_heading": "Inloggen in twee stappen instellen",
        "turn_on": "Inloggen in twee stappen aanzetten",
        "codes_heading": "Herstelcodes",
        "continue": "Ik heb mijn codes bewaard: verder",
        "hours_heading": "Uren beoordelen",
        "log_out": "Uitloggen",
        "log_in": "Inloggen",
        "step_heading": "Inloggen in twee stappen",
    },
    "en": {
        "why": "You can approve hours",
        "confirm_heading": "Confirm Access",
        "confirm": "Confirm",
        "setup_heading": "Set up two-step login",
        "turn_on": "Turn two-step login on",
        "codes_heading": "Recovery codes",
        "continue": "I have saved my codes: continue",
        "hours_heading": "Review the hours",
        "log_out": "Log out",
        "log_in": "Sign In",
        "step_heading": "Two-step login",
    },
}


def _heading(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_lecturer_sets_up_two_step_login_on_the_way_to_the_hours(
    browser, live_server, active_project, contexts, language
):
    t = TEXT[language]
    lecturer, project = active_project["people"]["supervisor"], active_project["project"]
    lecturer.preferred_language = language
    lecturer.save(update_fields=["preferred_language"])
    with translation.override(language):
        hours_url = reverse("projects:hours", args=[project.pk])
        login_url = reverse("account_login")

    context = guarded_context(browser, live_server, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    contexts.append(context)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()

    def log_in_with_password():
        expect(page).to_have_url(re.compile(re.escape(login_url)))
        assert_accessible(page)
        page.locator("#id_login").fill(lecturer.email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form.form").get_by_role("button", name=t["log_in"]).click()

    # Logged in with the password only, the lecturer opens the hours review: first the password
    # again (a session alone may not tie the account to a phone), with the reason above it.
    page.goto(hours_url)
    log_in_with_password()
    expect(_heading(page)).to_have_text(t["confirm_heading"])
    expect(page.locator(".messages")).to_contain_text(t["why"])
    assert_accessible(page)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form").get_by_role("button", name=t["confirm"]).click()

    # The set-up: a QR code, and the key to type in instead, which the test reads from the page.
    expect(_heading(page)).to_have_text(t["setup_heading"])
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#mfa-secret").inner_text().strip()
    page.locator("#id_code").fill(fresh_totp_code(lecturer.pk, secret))
    page.get_by_role("button", name=t["turn_on"]).click()

    # Ten recovery codes, then on to the page the lecturer was going to.
    expect(_heading(page)).to_have_text(t["codes_heading"])
    expect(page.locator(".mfa-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name=t["continue"]).click()
    expect(page).to_have_url(re.compile(re.escape(hours_url) + "$"))
    expect(_heading(page)).to_have_text(t["hours_heading"])
    assert_accessible(page)

    # Next time: the password, then a fresh code from the app, and straight to the page.
    page.get_by_role("button", name=t["log_out"]).click()
    page.goto(hours_url)
    log_in_with_password()
    expect(_heading(page)).to_have_text(t["step_heading"])
    assert_accessible(page)
    page.locator("#id_code").fill(fresh_totp_code(lecturer.pk, secret))
    page.locator("form.form").get_by_role("button", name=t["log_in"]).click()
    expect(page).to_have_url(re.compile(re.escape(hours_url) + "$"))
    expect(_heading(page)).to_have_text(t["hours_heading"])
    assert_accessible(page)


def test_turning_two_step_login_off_asks_for_a_code_first(browser, live_server, site, contexts):
    """Its own pages: the overview, the confirmation with a code instead of the password, the
    question whether to turn it off, and the overview again."""
    resident = UserFactory(email="bewoner@example.org", mfa=True)
    context = guarded_context(browser, live_server, viewport=PHONE, is_mobile=True)
    contexts.append(context)
    page = context.new_page()
    log_in(page, resident.email)
    page.goto(reverse("mfa_index"))
    expect(page.get_by_text("Inloggen in twee stappen staat aan")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inloggen in twee stappen uitzetten").click()
    expect(_heading(page)).to_have_text("Toegang bevestigen")
    assert_accessible(page)
    page.get_by_role("link", name="Gebruik authenticator-app of code").click()
    expect(_heading(page)).to_have_text("Toegang bevestigen")
    assert_accessible(page)
    page.locator("#id_code").fill(fresh_totp_code(resident.pk, TOTP_SECRET))
    page.get_by_role("button", name="Bevestig").click()

    expect(_heading(page)).to_have_text("Deactiveer authenticator-app")
    assert_accessible(page)
    page.get_by_role("button", name="Deactiveer").click()
    expect(page.get_by_text("Inloggen in twee stappen staat uit.")).to_be_visible()
    assert_accessible(page)
