"""Text in another language than the page is marked with its language (WCAG 3.1.2), so that a
screen reader reads it aloud in that language: a team's description, written on the English
site, on the Dutch team page; an English challenge's title in a Dutch notification and on the
Dutch project page. At phone and desktop width, with axe on every page."""

import pytest
from playwright.sync_api import expect

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify
from accounts.notifications.kinds import written_in
from marketplace.models import Team
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, TeamMembershipFactory, UserFactory


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_team_description_and_an_english_title_are_read_in_their_own_language(
    browser, live_server, site, viewport
):
    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL", is_mobile=viewport == PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sophie = UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker", preferred_language="en")
    log_in(page, sophie.email)

    page.goto("/en/teams/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Form a team")
    language = page.get_by_role("group", name="You write the description in")
    expect(language.get_by_label("English")).to_be_checked()  # the language of the page she writes on
    page.get_by_label("Team name").fill("Green Wing")
    page.get_by_label("Short description").fill("We map where Leiden needs shade.")
    page.get_by_role("group", name="Themes you would like to work on").get_by_label("Sustainability").check()
    assert_accessible(page)
    page.get_by_role("button", name="Form the team").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Green Wing")
    team = Team.objects.get(name="Green Wing")
    daan = UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Visser")  # reads Dutch
    TeamMembershipFactory(team=team, user=daan)
    context.close()

    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL", is_mobile=viewport == PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, daan.email)
    page.goto(team.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Green Wing")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text("We map where Leiden needs shade.")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Duurzaamheid")).to_be_visible()
    assert_accessible(page)

    challenge = ChallengePageFactory(
        parent=ChallengeIndexPageFactory(parent=site), title="Shade for the Merenwijk", language="en"
    )
    notify(recipient=daan, kind=NotificationKind.STORY_SIGN_OFF, actor=UserFactory(display_name="Anneke Vos"),
           params=written_in("challenge", challenge.title, challenge.language), url="/mijn-pagina/")
    page.goto("/mijn-pagina/meldingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    title = page.locator("main").get_by_text("Shade for the Merenwijk", exact=True)
    expect(title).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Anneke Vos schreef een verhaal over je uitdaging")
    assert_accessible(page)
    context.close()
