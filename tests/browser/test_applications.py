"""A team lead applies to a challenge from its page, sees first whether the team fits, writes
the proposal on a phone; the supervisor endorses it; the application's history shows each step."""

from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution
from marketplace.services.teams import supervision_accept, supervision_request, team_create, team_join, team_link_create
from tests.browser.helpers import PHONE, assert_accessible, guarded_context, log_in
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, LecturerApprovalFactory, UserFactory


def test_a_lead_applies_and_the_supervisor_endorses(browser, live_server, site, page):
    index = ChallengeIndexPageFactory(parent=site)
    resident = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")
    challenge = ChallengePageFactory(
        parent=index, title="Vlinders langs de singels tellen", posted_by=resident,
        team_size_min=2, team_size_max=4, mixed_institutions_required=True,
    )
    big = ChallengePageFactory(parent=index, title="Een groot onderzoek", team_size_min=3, team_size_max=6)
    sanne = UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne Bakker")
    daan = UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Visser")
    lecturer = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    LecturerApprovalFactory(
        user=lecturer, institution=Institution.objects.get(short_name="HSL"), status=LecturerStatus.APPROVED
    )
    team = team_create(actor=sanne, name="De Groene Vleugel")
    team_join(token=team_link_create(team=team, actor=sanne).link_token, user=daan)
    supervision_accept(supervision=supervision_request(team=team, actor=sanne, lecturer=lecturer), actor=lecturer)

    phone = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    lead = phone.new_page()
    log_in(lead, sanne.email)
    # A challenge the team does not fit: told why before writing anything.
    lead.goto(big.url)
    lead.get_by_role("link", name="Aanmelden met je team").click()
    expect(lead.get_by_text("Je team heeft 2 leden; deze uitdaging vraagt 3–6.")).to_be_visible()
    expect(lead.get_by_label("Waarom jullie team?")).to_have_count(0)
    assert_accessible(lead)

    lead.goto(challenge.url)
    lead.get_by_role("link", name="Aanmelden met je team").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Aanmelden met je team")
    assert_accessible(lead)
    lead.get_by_label("Waarom jullie team?").fill("Biologie en Social Work: we tellen en we praten.")
    lead.get_by_role("button", name="Aanmelding versturen").click()
    expect(lead.get_by_text("Dit is een verplicht veld.", exact=True)).to_have_count(1)  # beside its field
    expect(lead.get_by_label("Waarom jullie team?")).to_have_value("Biologie en Social Work: we tellen en we praten.")
    assert_accessible(lead)
    lead.get_by_label("Hoe zouden jullie het aanpakken?").fill("Drie telrondes en gesprekken met bewoners.")
    lead.get_by_label("Vak waarvoor het telt (niet verplicht)").fill("Wijkgericht werken")
    lead.get_by_role("button", name="Aanmelding versturen").click()
    expect(lead.get_by_text("Je aanmelding is naar Karin Jansen, jullie begeleider, gestuurd")).to_be_visible()
    expect(lead.get_by_text("Wacht op de begeleider")).to_be_visible()
    assert lead.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(lead)
    phone.close()

    log_in(page, lecturer.email)
    page.goto("/mijn-pagina/")
    page.get_by_role("link", name="De Groene Vleugel voor “Vlinders langs de singels tellen”").click()
    expect(page.get_by_role("heading", name="Het team vraagt je akkoord op deze aanmelding")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Opmerking voor het team en de eigenaar van de uitdaging").fill("Een sterk, gemengd team.")
    page.get_by_role("button", name="Akkoord geven").click()
    expect(page.get_by_text("Je hebt akkoord gegeven")).to_be_visible()
    expect(page.get_by_text("Bij de eigenaar van de uitdaging", exact=True)).to_be_visible()
    expect(page.get_by_text("Akkoord van de begeleider (Karin Jansen)")).to_be_visible()
    assert_accessible(page)
