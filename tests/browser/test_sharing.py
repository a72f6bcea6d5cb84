"""Sharing a challenge and a story: a resident on a phone copies a challenge's link by keyboard,
a student on an English desktop finds the e-mail and WhatsApp links under a story. No request
leaves for another host (the guard of every browser context), axe on every page."""

import re

import wagtail_factories
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context
from tests.factories import (
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    ChallengePageImageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)


def test_a_resident_copies_a_challenges_link_on_a_phone(browser, live_server, site, contexts):
    challenge = ChallengePageFactory(
        parent=ChallengeIndexPageFactory(parent=site), title="Schaduw op het schoolplein", slug="schaduw"
    )
    ChallengePageImageFactory(page=challenge)
    context = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    contexts.append(context)
    page = context.new_page()
    page.goto("/uitdagingen/schaduw/")
    share = page.get_by_role("region", name="Deel deze uitdaging")
    expect(share).to_be_visible()
    assert_accessible(page)

    copy = share.get_by_role("button", name="Kopieer de link")
    copy.focus()
    page.keyboard.press("Enter")
    expect(share.get_by_role("status")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{live_server.url}/uitdagingen/schaduw/"
    whatsapp = share.get_by_role("link", name="Via WhatsApp")
    expect(whatsapp).to_have_attribute("href", re.compile(r"^https://wa\.me/\?text=Schaduw%20op%20het%20schoolplein%20"))
    assert_accessible(page)


def test_a_student_finds_the_links_to_share_a_story_in_english(browser, live_server, site, contexts):
    stories = StoryIndexPageFactory(parent=site)
    StoryPageFactory(
        parent=stories, title="Koelte in de Merenwijk", title_en="Cool in the Merenwijk", slug="koelte",
        hero_image=wagtail_factories.ImageFactory(), hero_alt="Kinderen onder een boom", hero_alt_en="Children",
    )
    context = guarded_context(browser, live_server, viewport=DESKTOP, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    page.goto("/en/verhalen/koelte/")
    share = page.get_by_role("region", name="Share this story")
    address = r"http%3A%2F%2Flocalhost%3A\d+%2Fen%2Fverhalen%2Fkoelte%2F"
    expect(share.get_by_role("link", name="By e-mail")).to_have_attribute(
        "href", re.compile(rf"^mailto:\?subject=Cool%20in%20the%20Merenwijk&body={address}$")
    )
    expect(share.get_by_role("link", name="On WhatsApp")).to_be_visible()
    assert_accessible(page)
    assert page.locator("meta[property='og:title']").get_attribute("content") == "Cool in the Merenwijk"
