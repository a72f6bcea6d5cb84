"""The header: on a phone one row (brand, bell, a menu button) instead of a third of the first
screen; the menu opens without JavaScript and by keyboard and marks the current page. On a
desktop everything shows at once and there is no menu button."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ChallengeIndexPageFactory, UserFactory


def tab_to(page, locator, limit=30):
    """Press Tab until ``locator`` has the focus (as a keyboard user gets there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_a_phone_the_header_is_one_row_and_its_menu_opens_by_keyboard(browser, live_server, site, javascript):
    ChallengeIndexPageFactory(parent=site)
    context = guarded_context(
        browser, live_server, viewport=PHONE, is_mobile=True, locale="nl-NL", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto("/uitdagingen/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 0.15 * PHONE["height"], header  # was a third of the first screen
    menu_button = page.locator("summary", has_text="Menu")
    challenges = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitdagingen")
    expect(challenges).to_be_hidden()
    if javascript:
        assert_accessible(page)

    tab_to(page, menu_button)
    page.keyboard.press("Enter")
    expect(challenges).to_be_visible()
    expect(challenges).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/uitdagingen/$"))
    context.close()


def test_on_a_phone_a_logged_in_person_keeps_the_bell_in_sight(browser, live_server, site):
    person = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")
    context = guarded_context(browser, live_server, viewport=PHONE, is_mobile=True, locale="nl-NL")
    page = context.new_page()
    log_in(page, person.email)
    expect(page.get_by_role("link", name="Meldingen", exact=True)).to_be_visible()
    page.locator("summary", has_text="Menu").click()
    expect(page.get_by_role("link", name="Mijn pagina")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert_accessible(page)
    context.close()


def test_on_a_desktop_everything_shows_without_a_menu_button(browser, live_server, site):
    ChallengeIndexPageFactory(parent=site)
    context = guarded_context(browser, live_server, viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.goto("/uitdagingen/")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    challenges = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Uitdagingen")
    expect(challenges).to_be_visible()
    expect(challenges).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    assert_accessible(page)
    context.close()
