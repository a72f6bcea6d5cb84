"""The knowledge broker opens one page, sees what is stuck and whom to bring together, and
introduces a team to a resident's challenge; a student of the team finds the introduction under
the bell. At desktop and phone width, axe-core checks every page on the way."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.defaults import BROKERS_GROUP
from accounts.models import Institution
from marketplace.choices import ChallengeStatus, ProjectStatus
from marketplace.models import Neighbourhood, Theme
from tests.browser.helpers import assert_accessible, log_in
from tests.factories import (
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)
from tests.marketplace.helpers import accepted_project, approved_lecturer, published_days_ago, team_with_skills

CHALLENGE = "Eenzaamheid onder ouderen in de Merenwijk"


def _desk_world(site):
    """A challenge three weeks online without applications, a team whose skills fit it, a
    lecturer who supervised projects on its theme, a team without a supervisor and a
    neighbourhood with three projects running."""
    index = ChallengeIndexPageFactory(parent=site)
    care = Theme.objects.get(slug="gezondheid-welzijn")
    merenwijk = Neighbourhood.objects.get(slug="merenwijk")
    organisation = OrganisationFactory(name="Wijkvereniging Merenwijk", slug="wijkvereniging-merenwijk",
                                       neighbourhood=merenwijk)
    poster = UserFactory(email="anneke@example.org", display_name="Anneke Vos")
    OrganisationMembershipFactory(organisation=organisation, user=poster)
    lonely = published_days_ago(
        ChallengePageFactory(
            parent=index, title=CHALLENGE, themes=[care], neighbourhood=merenwijk, organisation=organisation,
            posted_by=poster, summary="Wie praat er met ouderen die alleen wonen? Interviews en een wandelroute.",
            level_mbo=False,
        ),
        23,
    )
    team = team_with_skills("De Luisteraars", "interviews, wandelroutes ontwerpen", "sophie@umail.leidenuniv.nl",
                            "daan@student.hsleiden.nl")
    sophie = team.memberships.get(user__email="sophie@umail.leidenuniv.nl").user
    sophie.display_name, sophie.preferred_language = "Sophie Bakker", "en"
    sophie.save()
    hsl = Institution.objects.get(short_name="HSL")
    karin = approved_lecturer("k.jansen@hsleiden.nl", "Karin Jansen", hsl)
    for number in range(3):
        earlier = ChallengePageFactory(parent=index, title=f"Buurtproject {number + 1}", themes=[care],
                                       neighbourhood=merenwijk, status=ChallengeStatus.IN_PROGRESS)
        busy = team_with_skills(f"Bezig team {number + 1}", "", f"bezig{number}@student.hsleiden.nl")
        accepted_project(earlier, busy, supervisor=karin, status=ProjectStatus.ACTIVE)
    broker = UserFactory(email="makelaar@example.org", display_name="Bram Makelaar", preferred_language="en", mfa=True)
    broker.groups.add(Group.objects.get(name=BROKERS_GROUP))
    return {"lonely": lonely, "team": team, "sophie": sophie, "broker": broker}


def _desk_url():
    with translation.override("en"):
        return reverse("broker:desk")


def test_a_broker_introduces_a_team_and_its_student_is_told(browser, live_server, site, page):
    world = _desk_world(site)
    log_in(page, world["broker"].email)
    page.goto(_desk_url())

    expect(page.get_by_role("heading", level=1)).to_have_text("Broker's desk")
    waiting = page.locator("#waiting")
    expect(waiting.get_by_role("link", name=CHALLENGE, exact=True)).to_be_visible()
    expect(waiting.get_by_text("online 23 days")).to_be_visible()
    matches = page.locator("#matches")
    expect(matches.get_by_text("skills: interviews, wandelroutes; level HBO and WO")).to_be_visible()
    expect(matches.get_by_text(re.compile("supervised projects on Health & well-being"))).to_be_visible()
    expect(page.locator("#fatigue").get_by_text("Research fatigue: residents are asked a lot.")).to_be_visible()
    expect(page.locator("#unsupervised .desk-item__title").get_by_text("De Luisteraars")).to_be_visible()
    assert_accessible(page)

    matches.get_by_role("link", name=f"Introduce De Luisteraars to “{CHALLENGE}”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduce people")
    expect(page.get_by_label("Challenge")).to_have_value(str(world["lonely"].pk))
    expect(page.get_by_label("Whom do you introduce?")).to_have_value(f"team:{world['team'].pk}")
    assert_accessible(page)

    page.get_by_role("button", name="Send the introduction").click()
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()  # the message
    assert_accessible(page)
    page.get_by_label("Your message").fill(
        "Anneke zoekt studenten die met ouderen in gesprek gaan; jullie interviews passen daar goed bij."
    )
    page.get_by_role("button", name="Send the introduction").click()

    told = f"The team “De Luisteraars” and the owners of “{CHALLENGE}” have been told about each other."
    expect(page.get_by_text(told)).to_be_visible()
    expect(page.locator("#matches").get_by_text(re.compile("introduced on"))).to_be_visible()
    expect(page.locator("#introductions").get_by_text(
        f"Bram Makelaar introduced the team “De Luisteraars” to “{CHALLENGE}”"
    )).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, world["sophie"].email)
    page.locator(".site-header").get_by_role("link", name="Notifications, 1 unread").click()
    item = page.get_by_role(
        "link", name=f"New Bram Makelaar thinks your team would fit “{CHALLENGE}”, a challenge from Wijkvereniging "
        "Merenwijk"
    )
    expect(item).to_be_visible()
    expect(page.get_by_text("jullie interviews passen daar goed bij")).to_be_visible()
    assert "anneke@example.org" not in page.content()
    item.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHALLENGE)


def test_the_desk_and_the_introduce_form_fit_a_phone(browser, live_server, site, phone_page):
    world = _desk_world(site)
    log_in(phone_page, world["broker"].email)
    phone_page.goto(_desk_url())
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Broker's desk")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)

    phone_page.get_by_role("link", name="Introduce people").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Introduce people")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone_page)
