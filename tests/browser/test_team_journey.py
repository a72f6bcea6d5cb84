"""The whole journey of issue "Teams and applications", in Dutch and in English: a Leiden
University student forms a team, a Hogeschool Leiden student joins by link on a phone, a
lecturer accepts to supervise, the lead applies to a challenge that asks for a mixed team, the
lecturer endorses, the resident who posted it accepts, the team sees the resident's contact
details, and the bell tells them. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution
from tests.browser.helpers import PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, LecturerApprovalFactory, UserFactory

TEXT = {
    "nl": {
        "form_team": "Vorm een team met studenten van andere onderwijsinstellingen",
        "team_name": "Teamnaam",
        "create": "Team vormen",
        "make_link": "Link maken",
        "link_label": "Iedereen met een studentaccount die deze link heeft, kan meedoen",
        "join": "Meedoen met het team",
        "mix": "Universiteit Leiden + Hogeschool Leiden",
        "ask_lecturer": "Een docent vragen",
        "ask": "Vragen Karin Jansen",
        "accept_supervision": "Begeleiding aannemen De Groene Vleugel",
        "apply": "Aanmelden met je team",
        "why": "Waarom jullie team?",
        "how": "Hoe zouden jullie het aanpakken?",
        "send": "Aanmelding versturen",
        "endorse_link": "De Groene Vleugel voor “Vlinders langs de singels tellen”",
        "endorse": "Akkoord geven",
        "accept": "Kiezen De Groene Vleugel",
        "contact": "Contactgegevens",
        "bell": re.compile(r"Meldingen, \d+ ongelezen"),
        "chosen": "Je team “De Groene Vleugel” is gekozen voor “Vlinders langs de singels tellen”",
    },
    "en": {
        "form_team": "Form a team with students from other institutions",
        "team_name": "Team name",
        "create": "Form the team",
        "make_link": "Make a link",
        "link_label": "Anyone with a student account who has this link can join",
        "join": "Join the team",
        "mix": "Leiden University + Leiden University of Applied Sciences",
        "ask_lecturer": "Ask a lecturer",
        "ask": "Ask Karin Jansen",
        "accept_supervision": "Accept supervision De Groene Vleugel",
        "apply": "Apply with your team",
        "why": "Why your team?",
        "how": "How would you go about it?",
        "send": "Send the application",
        "endorse_link": "De Groene Vleugel for “Vlinders langs de singels tellen”",
        "endorse": "Endorse",
        "accept": "Accept De Groene Vleugel",
        "contact": "Contact details",
        "bell": re.compile(r"Notifications, \d+ unread"),
        "chosen": "Your team “De Groene Vleugel” was chosen for “Vlinders langs de singels tellen”",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_from_forming_a_team_to_being_chosen(browser, live_server, site, language):
    t = TEXT[language]
    index = ChallengeIndexPageFactory(parent=site)
    resident = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen", preferred_language=language)
    challenge = ChallengePageFactory(
        parent=index, title="Vlinders langs de singels tellen", posted_by=resident, team_capacity=1,
        team_size_min=2, team_size_max=4, mixed_institutions_required=True, contact_email="anneke.prive@example.org",
    )
    sanne = UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne Bakker", preferred_language=language)
    # A long student address, as many are: it must wrap on a phone wherever it shows.
    daan = UserFactory(
        email="daan.van.der.heijden-visser@student.hsleiden.nl", display_name="Daan Visser",
        preferred_language=language,
    )
    lecturer = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen", preferred_language=language)
    LecturerApprovalFactory(
        user=lecturer, institution=Institution.objects.get(short_name="HSL"), status=LecturerStatus.APPROVED
    )

    def person(user, viewport=None):
        context = guarded_context(
            browser, live_server, viewport=viewport or {"width": 1280, "height": 900},
            is_mobile=viewport is not None,
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        log_in(page, user.email)
        page.goto("/mijn-pagina/")  # follows the person's language
        return context, page

    # The lead forms the team and makes a link.
    lead_context, lead = person(sanne)
    lead.get_by_role("link", name=t["form_team"]).click()
    lead.get_by_label(t["team_name"]).fill("De Groene Vleugel")
    lead.get_by_role("button", name=t["create"]).click()
    assert_accessible(lead)
    lead.get_by_role("button", name=t["make_link"]).click()
    link = lead.get_by_label(t["link_label"]).input_value()

    # A student of the other institution joins on a phone.
    member_context, member = person(daan, PHONE)
    member.goto(link)
    assert_accessible(member)
    member.get_by_role("button", name=t["join"]).click()
    expect(member.get_by_text(t["mix"])).to_be_visible()
    assert_accessible(member)

    # The lead asks a lecturer, who accepts from My page.
    lead.reload()
    lead.get_by_role("link", name=t["ask_lecturer"]).click()
    assert_accessible(lead)
    lead.get_by_role("button", name=t["ask"]).click()
    lecturer_context, teacher = person(lecturer)
    assert_accessible(teacher)
    teacher.get_by_role("button", name=t["accept_supervision"]).click()

    # The lead applies; the lecturer endorses.
    lead.goto(challenge.url)
    lead.get_by_role("link", name=t["apply"]).click()
    assert_accessible(lead)
    lead.get_by_label(t["why"]).fill("Biologie en Social Work: we tellen en we praten met bewoners.")
    lead.get_by_label(t["how"]).fill("Drie telrondes langs de singels en gesprekken in de buurt.")
    lead.get_by_role("button", name=t["send"]).click()
    assert_accessible(lead)
    teacher.goto("/mijn-pagina/")
    teacher.get_by_role("link", name=t["endorse_link"]).click()
    assert_accessible(teacher)
    teacher.get_by_role("button", name=t["endorse"]).click()

    # The resident chooses the team on her phone.
    owner_context, owner = person(resident, PHONE)
    owner.get_by_role("link", name="Vlinders langs de singels tellen").first.click()
    assert_accessible(owner)
    owner.get_by_role("button", name=t["accept"]).click()
    assert_accessible(owner)

    # The team sees the contact details, and the bell tells them.
    member.goto(challenge.url)
    expect(member.get_by_role("heading", name=t["contact"])).to_be_visible()
    expect(member.get_by_text("anneke.prive@example.org")).to_be_visible()
    assert_accessible(member)
    member.get_by_role("link", name=t["bell"]).click()
    expect(member.get_by_text(t["chosen"])).to_be_visible()
    assert_accessible(member)
    # Someone who is not in the team still does not see them.
    outsider_context, outsider = person(UserFactory(email="piet@student.hsleiden.nl", preferred_language=language))
    outsider.goto(challenge.url)
    assert "anneke.prive@example.org" not in outsider.content()
    for context in (lead_context, member_context, lecturer_context, owner_context, outsider_context):
        context.close()
