"""An organisation's administrator invites a colleague, who joins from the e-mail on a phone;
the organisation's public page shows its challenges. And a resident typing a title is shown
challenges that look alike."""

import re

from django.core import mail
from playwright.sync_api import expect

from marketplace.choices import MembershipRole
from tests.browser.helpers import assert_accessible, guarded_context, log_in
from tests.factories import (
    PASSWORD,
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
)


def test_an_administrator_invites_a_colleague_who_joins_from_a_phone(browser, live_server, site, page):
    index = ChallengeIndexPageFactory(parent=site)
    organisation = OrganisationFactory(name="Buurthuis De Zijlhoek", description="Een buurthuis aan de Zijl.")
    ChallengePageFactory(parent=index, organisation=organisation, title="Een moestuin achter het buurthuis",
                         contact_email="prive.zijlhoek@example.org")
    admin = UserFactory(email="voorzitter@example.org", display_name="Ineke de Vries")
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=MembershipRole.ADMIN)

    # The public page, for anyone: the organisation and its challenge, no contact details.
    page.goto(organisation.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurthuis De Zijlhoek")
    expect(page.get_by_role("link", name="Een moestuin achter het buurthuis")).to_be_visible()
    assert "prive.zijlhoek@example.org" not in page.content()
    assert_accessible(page)

    log_in(page, admin.email)
    page.goto("/mijn-pagina/")
    page.get_by_role("link", name="Collega’s uitnodigen en leden beheren Buurthuis De Zijlhoek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leden van Buurthuis De Zijlhoek")
    assert_accessible(page)

    page.get_by_label("E-mailadres van je collega").fill("samir@example")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("Voer een geldig e-mailadres in.")).to_be_visible()
    expect(page.get_by_label("E-mailadres van je collega")).to_have_value("samir@example")
    assert_accessible(page)
    page.get_by_label("E-mailadres van je collega").fill("samir@example.org")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("We hebben een uitnodiging gestuurd naar samir@example.org")).to_be_visible()
    expect(page.get_by_text("Uitnodigingen die nog niet zijn aangenomen")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    # Samir has no account yet; he makes one with that address (confirmed), then opens the link.
    colleague = UserFactory(email="samir@example.org", display_name="Samir Haddou")

    phone = guarded_context(
        browser, live_server, viewport={"width": 360, "height": 740}, locale="nl-NL", is_mobile=True
    )
    other = phone.new_page()
    other.goto(path)
    expect(other.get_by_role("heading", level=1)).to_have_text("Lid worden van Buurthuis De Zijlhoek")
    assert_accessible(other)
    other.locator("#main").get_by_role("link", name="Inloggen").click()
    other.locator("#id_login").fill(colleague.email)

    other.locator("#id_password").fill(PASSWORD)
    other.locator("form.form").get_by_role("button", name="Inloggen").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Lid worden van Buurthuis De Zijlhoek")
    other.get_by_role("button", name="Lid worden").click()
    expect(other.get_by_text("Welkom bij Buurthuis De Zijlhoek")).to_be_visible()
    expect(other.get_by_text("Samir Haddou (jij)")).to_be_visible()
    assert other.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(other)
    phone.close()

    # The administrator is told, and sees the new colleague.
    assert "Samir Haddou is lid geworden van Buurthuis De Zijlhoek" in mail.outbox[-1].body
    page.reload()
    expect(page.locator(".member-list__name", has_text="Samir Haddou")).to_be_visible()


def test_a_resident_typing_a_title_sees_challenges_that_look_alike(live_server, site, phone_page):
    index = ChallengeIndexPageFactory(parent=site)
    ChallengePageFactory(parent=index, title="Een groene binnentuin voor de Merenwijk")
    resident = UserFactory(email="anneke@example.org")
    log_in(phone_page, resident.email)
    phone_page.goto("/mijn-uitdagingen/nieuw/")
    phone_page.get_by_label("Titel").press_sequentially("Binnentuin vol tegels", delay=20)
    hint = phone_page.locator("#similar-challenges")
    expect(hint.get_by_role("link", name=re.compile("Een groene binnentuin voor de Merenwijk"))).to_be_visible()
    assert_accessible(phone_page)
    phone_page.get_by_label("Titel").fill("Iets heel anders")
    expect(hint.get_by_role("link")).to_have_count(0)
