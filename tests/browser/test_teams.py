"""A Leiden University student forms a team, a Hogeschool Leiden student joins by link on a
phone, and a lecturer accepts to supervise it from My page."""

from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution
from tests.browser.helpers import PHONE, assert_accessible, guarded_context, log_in
from tests.factories import LecturerApprovalFactory, UserFactory


def test_students_form_a_mixed_team_and_a_lecturer_supervises_it(browser, live_server, site, page):
    sanne = UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne Bakker")
    daan = UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Visser")
    lecturer = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    LecturerApprovalFactory(
        user=lecturer, institution=Institution.objects.get(short_name="HSL"), status=LecturerStatus.APPROVED
    )

    log_in(page, sanne.email)
    page.goto("/mijn-pagina/")
    page.get_by_role("link", name="Vorm een team met studenten van andere onderwijsinstellingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een team vormen")
    assert_accessible(page)
    page.get_by_role("button", name="Team vormen").click()  # without a name
    expect(page.get_by_text("Dit is een verplicht veld.", exact=True)).to_be_visible()
    page.get_by_label("Teamnaam").fill("De Groene Vleugel")
    page.get_by_label("Korte beschrijving").fill("Biologie en Social Work samen.")
    page.get_by_role("button", name="Team vormen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De Groene Vleugel")
    assert_accessible(page)
    page.get_by_role("button", name="Link maken").click()
    link = page.get_by_label("Iedereen met een studentaccount die deze link heeft, kan meedoen").input_value()
    assert "/teams/doe-mee/" in link

    phone = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    other = phone.new_page()
    log_in(other, daan.email)
    other.goto(link)
    expect(other.get_by_role("heading", level=1)).to_have_text("Doe mee met De Groene Vleugel")
    assert_accessible(other)
    other.get_by_role("button", name="Meedoen met het team").click()
    expect(other.get_by_text("Welkom bij De Groene Vleugel!")).to_be_visible()
    expect(other.get_by_text("Universiteit Leiden + Hogeschool Leiden")).to_be_visible()
    assert other.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(other)
    phone.close()

    page.reload()
    page.get_by_role("link", name="Een docent vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een docent om je team te begeleiden")
    page.get_by_label("Onderwijsinstelling").select_option(label="Hogeschool Leiden")
    page.get_by_role("button", name="Zoeken").click()
    assert_accessible(page)
    page.get_by_label("Bericht aan de docent").fill("Wij volgen het vak Wijkgericht werken.")
    page.get_by_role("button", name="Vragen Karin Jansen").click()
    expect(page.get_by_text("We hebben Karin Jansen gevraagd.")).to_be_visible()
    expect(page.get_by_text("Karin Jansen gevraagd op")).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, lecturer.email)
    page.goto("/mijn-pagina/")
    expect(page.get_by_role("heading", name="1 team vraagt jou om begeleiding")).to_be_visible()
    expect(page.get_by_text("Wij volgen het vak Wijkgericht werken.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Begeleiding aannemen De Groene Vleugel").click()
    expect(page.get_by_text("Je begeleidt nu De Groene Vleugel.")).to_be_visible()
    expect(page.get_by_role("heading", name="Begeleider")).to_be_visible()
    expect(page.get_by_text("Begeleidt sinds")).to_be_visible()
    assert_accessible(page)
