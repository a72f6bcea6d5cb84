"""A resident posts a challenge from a phone; an editor approves it in the Wagtail admin; it
shows up for everyone, without the resident's contact details."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from marketplace.models import ChallengePage
from tests.browser.helpers import assert_accessible, guarded_context, log_in, street_photo
from tests.factories import ChallengeIndexPageFactory, UserFactory


def test_resident_posts_from_a_phone_and_an_editor_publishes(browser, live_server, site, tmp_path):
    ChallengeIndexPageFactory(parent=site)
    resident = UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")
    editor = UserFactory(email="redactie@example.org", display_name="Mila Hendriks", mfa=True)
    editor.groups.add(Group.objects.get(name="Editors"))

    phone = guarded_context(browser, live_server, viewport={"width": 360, "height": 740}, is_mobile=True)
    page = phone.new_page()
    log_in(page, resident.email)
    page.get_by_role("link", name="Plaats een vraag uit je wijk waar studenten mee aan de slag gaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een uitdaging plaatsen")
    assert_accessible(page)

    page.get_by_label("Titel").fill("Een groene binnentuin in de Merenwijk")
    page.get_by_label("Samenvatting", exact=False).first.fill("Onze binnentuin is een grijze tegelvlakte.")
    page.get_by_label("Beschrijf de vraag").fill("Veel tegels, weinig schaduw.\n\nBuren willen elkaar ontmoeten.")
    page.get_by_label("Wat hoop je dat het oplevert?").fill("Een ontwerp met meer groen.")
    page.get_by_label("Duurzaamheid & biodiversiteit").check()
    page.get_by_label("Wijk").select_option(label="Merenwijk")
    page.get_by_label("HBO", exact=False).check()
    page.locator("#id_application_deadline").fill("2099-01-10")
    page.locator("#id_period_start").fill("2099-02-01")
    page.locator("#id_period_end").fill("2099-06-30")
    page.get_by_label("Naam contactpersoon").fill("Anneke Vermeulen")
    page.get_by_label("E-mailadres contactpersoon").fill("anneke.prive@example.org")
    page.get_by_label("Telefoonnummer contactpersoon").fill("06 12 34 56 78")
    page.get_by_label("Wat staat er op de foto?").fill("Een betegelde binnentuin tussen flats")
    page.get_by_label("Foto:", exact=True).set_input_files(street_photo(tmp_path))
    page.get_by_role("button", name="Bewaren als concept").click()
    expect(page.get_by_text("Je concept is bewaard.")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # She comes back later from My page, previews and sends it in.
    page.goto("/mijn-pagina/")
    expect(page.get_by_text("Concept", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Voorbeeld Een groene binnentuin in de Merenwijk").click()
    expect(page.get_by_role("img", name="Een betegelde binnentuin tussen flats")).to_be_visible()
    assert "anneke.prive@example.org" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Naar de redactie sturen").click()
    expect(page.get_by_text("Wordt beoordeeld")).to_be_visible()
    assert_accessible(page)
    phone.close()

    # The editor approves it in the ordinary Wagtail admin.
    challenge = ChallengePage.objects.get()
    desk = guarded_context(browser, live_server, viewport={"width": 1280, "height": 900})
    admin = desk.new_page()
    log_in(admin, editor.email)
    admin.goto(f"/admin/pages/{challenge.pk}/edit/")
    # The rich-text editor of the description is named after its label (Wagtail alone leaves it
    # unnamed; see static/js/admin-field-names.js), so axe finds nothing on the admin's edit page.
    expect(admin.get_by_role("textbox", name="Beschrijving")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("button", name=re.compile("Meer acties")).click()  # the editor's admin is Dutch
    admin.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(admin.get_by_role("link", name="Huidige paginastatus: live")).to_be_visible()
    desk.close()

    # Everyone finds it: in the list, by theme and by a word, without contact details.
    visitor = guarded_context(browser, live_server, viewport={"width": 360, "height": 740})
    page = visitor.new_page()
    for path in ["/uitdagingen/", "/uitdagingen/?theme=duurzaamheid-biodiversiteit", "/uitdagingen/?q=binnentuin"]:
        page.goto(path)
        expect(page.get_by_role("link", name="Een groene binnentuin in de Merenwijk")).to_be_visible()
        assert_accessible(page)
    page.get_by_role("link", name="Een groene binnentuin in de Merenwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een groene binnentuin in de Merenwijk")
    assert "anneke.prive@example.org" not in page.content()
    assert "06 12 34 56 78" not in page.content()
    assert_accessible(page)
    visitor.close()
