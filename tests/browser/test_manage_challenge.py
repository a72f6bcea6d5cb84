"""A resident compares two applications on a phone and at a desk, accepts one with a message and
so fills her challenge; the chosen team then finds her contact details on the challenge page,
the other team does not."""

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution
from marketplace.choices import TeamRole
from tests.browser.helpers import PHONE, assert_accessible, log_in
from tests.factories import (
    ApplicationFactory,
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    LecturerApprovalFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)


def _team(name, *people):
    team = TeamFactory(name=name)
    for index, (email, display_name) in enumerate(people):
        user = UserFactory(email=email, display_name=display_name, preferred_language="en")
        TeamMembershipFactory(team=team, user=user, role=TeamRole.LEAD if index == 0 else TeamRole.MEMBER)
    return team


def test_a_resident_chooses_a_team_and_only_that_team_sees_her_contact_details(site, page, phone_page):
    anneke = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen", preferred_language="en")
    lecturer = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    LecturerApprovalFactory(
        user=lecturer, institution=Institution.objects.get(short_name="HSL"), status=LecturerStatus.APPROVED
    )
    challenge = ChallengePageFactory(
        parent=ChallengeIndexPageFactory(parent=site), posted_by=anneke, title="Een groene binnentuin",
        team_capacity=1,
    )
    green = _team("De Groene Vleugel", ("sanne@umail.leidenuniv.nl", "Sanne Bakker"),
                  ("daan@student.hsleiden.nl", "Daan Visser"))
    lab = _team("Het Buurtlab", ("mo@student.hsleiden.nl", "Mo Amrani"), ("lisa@student.hsleiden.nl", "Lisa de Wit"))
    ApplicationFactory(challenge=challenge, team=green, supervisor=lecturer,
                       endorsement_note="A strong team; I am glad to supervise it.",
                       motivation="We study biology and social work and love courtyards.")
    ApplicationFactory(challenge=challenge, team=lab, motivation="We run a design lab in the neighbourhood.")
    with translation.override("en"):
        manage_url = reverse("marketplace:challenge_manage", args=[challenge.pk])
    with translation.override("nl"):
        challenge_url = "/en" + challenge.url

    # On a phone: My page leads to the applications, one under the other.
    phone = phone_page
    log_in(phone, anneke.email)
    phone.goto("/en/my-page/")
    phone.get_by_role("link", name="Applications (2) Een groene binnentuin").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Applications for “Een groene binnentuin”")
    assert phone.url.endswith(manage_url)
    expect(phone.get_by_role("heading", name="0 of 1 team chosen")).to_be_visible()
    expect(phone.get_by_text("There is no waiting list.", exact=False)).to_be_visible()
    cards = phone.locator(".application-card")
    expect(cards).to_have_count(2)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["x"] == second["x"] and second["y"] >= first["y"] + first["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)

    # At a desk: side by side, then the choice.
    log_in(page, anneke.email)
    page.goto(manage_url)
    cards = page.locator(".application-card")
    expect(cards).to_have_count(2)
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"] - 1
    green_card = page.locator(".application-card", has=page.get_by_role("heading", name="De Groene Vleugel"))
    expect(green_card.get_by_text("Leiden University + Leiden University of Applied Sciences")).to_be_visible()
    expect(green_card.get_by_text("A strong team; I am glad to supervise it.")).to_be_visible()
    lab_card = page.locator(".application-card", has=page.get_by_role("heading", name="Het Buurtlab"))
    expect(lab_card.get_by_text("No supervisor yet")).to_be_visible()
    expect(lab_card.get_by_text("All members study at Leiden University of Applied Sciences")).to_be_visible()
    expect(green_card.get_by_text("This is the last place", exact=False)).to_be_visible()
    assert_accessible(page)

    green_card.get_by_label("Message to the team").fill("Welcome! Call me to plan a first visit.")
    green_card.get_by_role("button", name="Accept De Groene Vleugel").click()
    expect(page.get_by_text("You have chosen De Groene Vleugel.", exact=False)).to_be_visible()
    expect(page.get_by_text("the challenge is now in progress", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="1 of 1 team chosen")).to_be_visible()
    expect(page.locator(".page-header .tag")).to_have_text("In progress")
    expect(lab_card.get_by_text("Not chosen")).to_be_visible()
    expect(lab_card.get_by_text("Thank you for your application.", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Accept", exact=False)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="See the challenge on the site").click()
    expect(page.locator(".challenge__status .tag")).to_have_text("In progress")
    assert_accessible(page)

    # The chosen team sees the contact details, in a box that says they are private.
    page.context.clear_cookies()
    log_in(page, "daan@student.hsleiden.nl")
    page.goto(challenge_url)
    box = page.get_by_role("region", name="Contact details")
    expect(box.get_by_text("Only for your team and its supervisor.")).to_be_visible()
    expect(box.get_by_role("link", name="anneke.prive@example.org")).to_be_visible()
    # The phone number stays with the owner unless she chose to show it; the team writes on the site.
    expect(box.get_by_text("06 12 34 56 78")).to_have_count(0)
    expect(box.get_by_role("link", name="Send a message")).to_be_visible()
    assert_accessible(page)
    box.get_by_role("link", name="Go to your project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Project: Een groene binnentuin")
    expect(page.get_by_text("Welcome! Call me to plan a first visit.")).to_be_visible()
    assert_accessible(page)

    # The other team does not.
    page.context.clear_cookies()
    log_in(page, "mo@student.hsleiden.nl")
    page.goto(challenge_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Een groene binnentuin")
    expect(page.get_by_role("region", name="Contact details")).to_have_count(0)
    assert "anneke.prive@example.org" not in page.content()
    assert "06 12 34 56 78" not in page.content()
    assert_accessible(page)
