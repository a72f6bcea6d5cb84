import re

from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible
from tests.factories import (
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    ChallengePageImageFactory,
    NeighbourhoodFactory,
    ThemeFactory,
)


def test_a_visitor_finds_a_challenge_by_theme_and_word_and_reads_it_without_contact_details(phone_page, site):
    page = phone_page
    index = ChallengeIndexPageFactory(parent=site)
    green = ThemeFactory(name="Groen", name_en="Green", slug="groen")
    heritage = ThemeFactory(name="Erfgoed", name_en="Heritage", slug="erfgoed")
    merenwijk = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    tuin = ChallengePageFactory(
        parent=index, title="Een groene binnentuin", themes=[green], neighbourhood=merenwijk,
        summary="Onze binnentuin is grijs.", summary_en="Our courtyard is grey.",
        # "Het team moet onderwijsinstellingen mengen": one long Dutch word in a narrow card.
        mixed_institutions_required=True,
    )
    ChallengePageImageFactory(page=tuin, alt_text="Een binnentuin vol tegels")
    ChallengePageFactory(parent=index, title="Verhalen van de hofjes", themes=[heritage])

    page.goto("/")
    page.locator("summary", has_text="Menu").click()  # on a phone the main menu sits behind a button
    page.get_by_role("link", name="Uitdagingen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitdagingen")
    expect(page.get_by_role("heading", name="2 uitdagingen")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Thema:").select_option("groen")
    page.get_by_role("button", name="Toon uitdagingen").click()
    expect(page).to_have_url(re.compile(r"theme=groen"))
    expect(page.get_by_role("heading", name="1 uitdaging")).to_be_visible()
    expect(page.get_by_role("link", name="Verhalen van de hofjes")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Zoeken:").fill("hofjes")
    page.get_by_label("Thema:").select_option("")
    page.get_by_role("button", name="Toon uitdagingen").click()
    expect(page.get_by_role("link", name="Verhalen van de hofjes")).to_be_visible()
    expect(page.get_by_role("link", name="Een groene binnentuin")).to_have_count(0)

    page.goto(f"/uitdagingen/{tuin.slug}/")  # the Dutch page, whatever language the test process has
    expect(page.get_by_role("heading", level=1)).to_have_text("Een groene binnentuin")
    expect(page.get_by_role("img", name="Een binnentuin vol tegels")).to_be_visible()
    expect(page.get_by_text("Log in met je studentenaccount om je aan te melden.")).to_be_visible()
    assert "anneke.prive@example.org" not in page.content()
    assert "06 12 34 56 78" not in page.content()
    assert_accessible(page)

    page.locator("summary", has_text="Menu").click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Our courtyard is grey.")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nl")
    assert_accessible(page)  # it fits a 360 px phone too, as every page does (assert_fits_a_phone)
