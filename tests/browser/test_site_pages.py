"""The demo's standard pages in a real browser, at desktop and phone width: every one axe-clean
in Dutch and English, the menu from the site settings, and the questions on How it works
opened by keyboard."""

import pytest
from playwright.sync_api import expect

from demo.site import seed_site_pages, seed_site_settings
from tests.browser.helpers import assert_accessible
from tests.factories import ChallengeIndexPageFactory

PAGES = [
    ("/over/", "Over Leren met de Stad", "About Learning with the City"),
    ("/zo-werkt-het/", "Zo werkt het", "How it works"),
    ("/privacy/", "Privacyverklaring", "Privacy statement"),
    ("/toegankelijkheid/", "Toegankelijkheidsverklaring", "Accessibility statement"),
    ("/contact/", "Contact", "Contact"),
]


@pytest.fixture
def site_pages(site):
    ChallengeIndexPageFactory(parent=site, title="Uitdagingen", title_en="Challenges", slug="uitdagingen")
    seed_site_settings(seed_site_pages(site))
    return site


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_site_page_is_accessible_in_both_languages(request, width, site_pages):
    browser_page = request.getfixturevalue("page" if width == "desktop" else "phone_page")
    for path, dutch, english in PAGES:
        for address, title in ((path, dutch), (f"/en{path}", english)):
            browser_page.goto(address)
            expect(browser_page.get_by_role("heading", level=1)).to_have_text(title)
            assert_accessible(browser_page)
            # Nothing sticks out sideways on a phone, long Dutch words included.
            # (A phone's window.innerWidth grows with the overflow: compare with the screen.)
            width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert width <= browser_page.viewport_size["width"], address


def test_menu_from_the_settings_leads_to_how_it_works(page, site_pages):
    page.goto("/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Zo werkt het").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zo werkt het")
    expect(menu.get_by_role("link", name="Zo werkt het")).to_have_attribute("aria-current", "page")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")


def test_faq_opens_by_keyboard(phone_page, site_pages):
    phone_page.goto("/en/zo-werkt-het/")
    question = phone_page.get_by_text("Who sees my contact details?")
    answer = phone_page.get_by_text("Only the team you chose and their supervising lecturer.")
    expect(answer).to_be_hidden()
    question.focus()
    phone_page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    assert_accessible(phone_page)  # with a question open
    phone_page.keyboard.press("Enter")
    expect(answer).to_be_hidden()
