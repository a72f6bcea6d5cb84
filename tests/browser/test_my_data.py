"""A student takes her data with her and deletes her account (AVG): from My page to My data, the
download after confirming her password, then the deletion, after which she is logged out."""

import json
import zipfile

from playwright.sync_api import expect

from accounts.models import User
from marketplace.models import Theme
from marketplace.services.follows import follow_create
from tests.browser.helpers import assert_accessible, log_in
from tests.factories import PASSWORD, UserFactory


def test_a_student_downloads_her_data_and_then_deletes_her_account(live_server, site, page, tmp_path):
    sophie = UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker")
    follow_create(user=sophie, theme=Theme.objects.get(slug="duurzaamheid-biodiversiteit"))

    log_in(page, sophie.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Sophie Bakker")
    page.get_by_role("link", name="Mijn gegevens: downloaden of je account verwijderen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_role("heading", name="Gevolgde onderwerpen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Mijn gegevens downloaden").click()

    # allauth asks for the password again before anything leaves the site.
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert_accessible(page)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.locator("form.form").get_by_role("button", name="Bevestig").click()
    download = download_info.value
    assert download.suggested_filename.startswith("leren-met-de-stad-mijn-gegevens-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        data = json.loads(archive.read("data.json"))
    assert data["Je account"][0]["E-mailadres"] == "sophie@umail.leidenuniv.nl"
    assert [row["Thema"] for row in data["Gevolgde onderwerpen"]] == ["Duurzaamheid & biodiversiteit"]

    page.goto("/mijn-pagina/mijn-gegevens/")
    page.get_by_role("link", name="Mijn account verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je account verwijderen")
    assert_accessible(page)
    page.get_by_role("button", name="Mijn account voorgoed verwijderen").click()
    unticked = "Vink het vakje aan om te bevestigen dat je je account wilt verwijderen."
    expect(page.get_by_text(unticked, exact=True)).to_be_visible()  # beside the box; the summary links to it
    assert_accessible(page)
    page.get_by_label("Ik begrijp dat mijn account voorgoed wordt verwijderd en niet terug te halen is.").check()
    page.get_by_role("button", name="Mijn account voorgoed verwijderen").click()

    expect(page.get_by_text("Je account is verwijderd. Bedankt voor je deelname.")).to_be_visible()
    expect(page.locator(".site-header").get_by_role("link", name="Inloggen")).to_be_visible()
    assert_accessible(page)
    page.goto("/mijn-pagina/")
    page.wait_for_url("**/accounts/login/**")
    assert not User.objects.get(pk=sophie.pk).is_active
