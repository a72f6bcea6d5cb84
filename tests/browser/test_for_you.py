""""For you" in a real browser: a team lead (on a Dutch phone, and on an English desktop) finds what
fits her team on My page, follows the link to why others are left out, and opens a challenge, by
keyboard; a student without a team on an English desktop sees what fits her and is told to form a
team. axe on every page at both widths."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marketplace.choices import ApplicationStatus
from marketplace.models import Neighbourhood, Theme
from marketplace.services.follows import follow_create
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ApplicationFactory, ChallengeIndexPageFactory, ChallengePageFactory, UserFactory
from tests.marketplace.helpers import team_with_skills


def _challenges(site):
    index = ChallengeIndexPageFactory(parent=site)
    green = Theme.objects.get(slug="duurzaamheid-biodiversiteit")
    merenwijk = Neighbourhood.objects.get(slug="merenwijk")
    soon = timezone.localdate() + datetime.timedelta(days=12)
    made = {
        "roofs": ChallengePageFactory(parent=index, title="Groene daken in de Merenwijk", themes=[green],
                                      neighbourhood=merenwijk, level_mbo=False, application_deadline=soon),
        "schoolyard": ChallengePageFactory(parent=index, title="Een groen schoolplein", themes=[green],
                                           team_size_min=3, level_mbo=False),
        "garden": ChallengePageFactory(parent=index, title="Moestuin bij het buurthuis", themes=[green],
                                       level_hbo=True, level_wo=False, summary="Een moestuin met de buurt."),
    }
    return green, merenwijk, made


TEAM_JOURNEY = {
    "nl": {
        "viewport": PHONE, "locale": "nl-NL", "my_page": "/mijn-pagina/", "for_you": "/mijn-pagina/voor-jou/",
        "region": "Voor jou", "team": "Voor jullie team De Luisteraars",
        "why": "Waarom: past bij jullie thema Duurzaamheid & biodiversiteit; in Merenwijk, een wijk die jullie volgen",
        "left_out": "1 uitdaging over jullie onderwerpen staat er niet bij: waarom?",
        "size": "Je team heeft 2 leden; deze uitdaging vraagt 3–5.",
    },
    "en": {
        "viewport": DESKTOP, "locale": "en-GB", "my_page": "/en/my-page/", "for_you": "/en/my-page/for-you/",
        "region": "For you", "team": "For your team De Luisteraars",
        "why": "Why: fits your theme Sustainability & biodiversity; in Merenwijk, which you follow",
        "left_out": "1 challenge on your subjects is not listed: why?",
        "size": "Your team has 2 members; this challenge needs 3–5.",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_team_lead_finds_what_fits_her_team(browser, live_server, site, contexts, language):
    """In Dutch on a phone, in English on a desktop."""
    said = TEAM_JOURNEY[language]
    green, merenwijk, made = _challenges(site)
    team = team_with_skills("De Luisteraars", "interviews", "sanne@umail.leidenuniv.nl", "daan@student.hsleiden.nl")
    team.themes.set([green])
    lead = team.memberships.get(role="lead").user
    lead.preferred_language = language
    lead.save()
    follow_create(user=lead, neighbourhood=merenwijk)
    context = guarded_context(browser, live_server, viewport=said["viewport"], locale=said["locale"],
                              is_mobile=said["viewport"] == PHONE)
    contexts.append(context)
    page = context.new_page()
    log_in(page, lead.email)
    page.goto(said["my_page"])

    section = page.get_by_role("region", name=said["region"])
    expect(section.get_by_role("heading", name=said["team"])).to_be_visible()
    expect(section.get_by_role("link", name="Groene daken in de Merenwijk")).to_be_visible()
    expect(section).to_contain_text(said["why"])
    # The garden is for MBO and HBO, and Sanne studies at a university: not for this team at all.
    expect(section.get_by_text("Moestuin bij het buurthuis")).to_have_count(0)
    assert_accessible(page)

    # By keyboard to why the schoolyard is not listed.
    section.get_by_role("link", name=said["left_out"]).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{said['for_you']}#team-{team.pk}-left-out")
    left_out = page.locator(f"#team-{team.pk}-left-out + p + ul")
    expect(left_out).to_contain_text("Een groen schoolplein")
    expect(left_out).to_contain_text(said["size"])
    assert_accessible(page)

    page.get_by_role("link", name="Groene daken in de Merenwijk").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Groene daken in de Merenwijk")).to_be_visible()


def test_a_student_without_a_team_sees_what_fits_her_in_english(browser, live_server, site, contexts):
    green, _merenwijk, made = _challenges(site)
    student = UserFactory(email="mo@student.mborijnland.nl", display_name="Mo", preferred_language="en",
                          skills="Moestuin aanleggen, koken")
    follow_create(user=student, theme=green)
    other = team_with_skills("Anderen", "", "x@umail.leidenuniv.nl", "y@student.hsleiden.nl")
    ApplicationFactory(challenge=made["roofs"], team=other, status=ApplicationStatus.SUBMITTED)
    context = guarded_context(browser, live_server, viewport=DESKTOP, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    log_in(page, student.email)
    page.goto("/en/my-page/")

    section = page.get_by_role("region", name="For you")
    expect(section.get_by_role("link", name="Moestuin bij het buurthuis")).to_be_visible()
    expect(section).to_contain_text(
        "Why: fits your theme Sustainability & biodiversity; asks for what you can do: moestuin"
    )
    # Roofs and schoolyard are for HBO and WO only.
    expect(section.get_by_role("link", name="Groene daken in de Merenwijk")).to_have_count(0)
    expect(section).to_contain_text("To apply, you need a team.")
    assert_accessible(page)

    page.goto("/en/my-page/for-you/")
    expect(page.get_by_role("heading", level=2, name="For you on your own")).to_be_visible()
    expect(page.get_by_role("heading", name="How we match")).to_be_visible()
    assert_accessible(page)
