"""A student filters the challenges by a theme on her phone, follows the theme and finds it
on My page, where she can stop following it again. In English, as many students read the site."""

import re

from playwright.sync_api import expect

from marketplace.models import Neighbourhood, Theme
from tests.browser.helpers import assert_accessible, log_in
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, UserFactory


def fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_student_follows_a_theme_from_her_phone(phone_page, site):
    page = phone_page
    index = ChallengeIndexPageFactory(parent=site)
    ChallengePageFactory(
        parent=index,
        title="Een groene binnentuin",
        themes=[Theme.objects.get(slug="duurzaamheid-biodiversiteit")],
        neighbourhood=Neighbourhood.objects.get(slug="merenwijk"),
    )
    UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne de Vries", preferred_language="en")

    log_in(page, "sanne@umail.leidenuniv.nl")
    page.goto("/en/uitdagingen/")
    page.get_by_label("Theme:").select_option(label="Sustainability & biodiversity")
    page.get_by_role("button", name="Show challenges").click()
    expect(page).to_have_url(re.compile(r"theme=duurzaamheid-biodiversiteit"))
    follow = page.get_by_role("button", name="Follow this theme (Sustainability & biodiversity)")
    expect(follow).to_be_visible()
    assert_accessible(page)
    fits_a_phone(page)

    follow.click()
    expect(page).to_have_url(re.compile(r"/en/uitdagingen/\?.*theme=duurzaamheid-biodiversiteit"))
    expect(page.get_by_text("You follow Sustainability & biodiversity.")).to_be_visible()
    expect(page.get_by_text("Following this theme ✓")).to_be_visible()
    expect(page.get_by_role("button", name="Stop following Sustainability & biodiversity")).to_be_visible()
    assert_accessible(page)
    fits_a_phone(page)

    page.goto("/en/my-page/")
    section = page.get_by_role("region", name="What you follow")
    expect(section.get_by_role("link", name="Sustainability & biodiversity")).to_be_visible()
    settings_link = section.get_by_role("link", name="Choose how often we e-mail you about new challenges there")
    expect(settings_link).to_be_visible()
    assert_accessible(page)
    fits_a_phone(page)

    section.get_by_role("button", name="Stop following Sustainability & biodiversity").click()
    expect(page).to_have_url(re.compile(r"/en/my-page/$"))
    expect(page.get_by_text("You no longer follow Sustainability & biodiversity.")).to_be_visible()
    expect(page.get_by_role("region", name="What you follow").get_by_text("You follow nothing yet.")).to_be_visible()
    assert_accessible(page)
