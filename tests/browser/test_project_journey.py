"""The whole journey of a project, in Dutch and in English: on a phone a student logs an entry
with a photo (a mistake first, then right), the resident who posted the challenge comments, the
team delivers, the resident confirms receipt with feedback, the supervisor approves the hours and
completes the project, the challenge shows as completed and the supervisor downloads the approved
hours for grading. axe-core checks every page on the way."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import expect

from tests.browser.helpers import (
    DESKTOP,
    JOURNEY_CHALLENGE,
    PHONE,
    assert_accessible,
    guarded_context,
    log_in,
    street_photo,
)
from tests.factories import turn_on_mfa

GPS_IFD = 0x8825
ENTRY_TEXT = "Eerste telronde langs de Zijlsingel: 14 citroenvlinders en 3 dagpauwogen bij de vlinderstruiken."
PHOTO_DESCRIPTION = "Twee studenten tellen vlinders bij de Zijlsingel"

TEXT = {
    "nl": {
        "your_projects": "Jouw projecten",
        "add_entry": "Logboekregel toevoegen",
        "date": "Datum",
        "what": "Wat hebben jullie gedaan?",
        "own_hours": "Sanne de Vries (jij)",
        "photos": "Foto's",
        "photo_description": "Wat staat er op de foto's?",
        "submit_entry": "Toevoegen aan het logboek",
        "problem": "Er is een probleem",
        "error_title": "Fout:",
        "too_many": "Zorg ervoor dat deze waarde hoogstens 24 is.",
        "entry_added": "Je logboekregel is toegevoegd.",
        "sanne_hours": "Sanne de Vries: 3,5 u",
        "daan_hours": "Daan Bakker: 2 u",
        "write_comment": "Reageren",
        "your_comment": "Je reactie",
        "comment": "Plaats reactie",
        "deliver_the_result": "Resultaat opleveren",
        "summary": "Samenvatting van het resultaat",
        "link": "Link naar het resultaat",
        "deliver": "Opleveren",
        "delivered": "Opgeleverd",
        "give_feedback": "Ontvangst bevestigen en feedback geven",
        "five_stars": "5 – Heel tevreden",
        "feedback": "Je feedback voor het team",
        "send_feedback": "Ontvangst bevestigen en feedback versturen",
        "feedback_heading": "Feedback van de eigenaar van de uitdaging",
        "rating": "5 van de 5",
        "review_hours": "Uren beoordelen",
        "approve_sanne": "Uren goedkeuren van Sanne de Vries",
        "approve_daan": "Uren goedkeuren van Daan Bakker",
        "sanne_approved": "De uren van Sanne de Vries zijn goedgekeurd.",
        "sanne_all_approved": "Alle uren van Sanne de Vries zijn goedgekeurd",
        "daan_approved": "De uren van Daan Bakker zijn goedgekeurd.",
        "mark_completed": "Afronden",
        "completed": "Afgerond",
        "read_challenge": "Lees de uitdaging nog eens",
        "export": "Goedgekeurde uren exporteren voor de beoordeling",
        "export_heading": "Goedgekeurde uren exporteren",
        "download_csv": "CSV downloaden",
    },
    "en": {
        "your_projects": "Your projects",
        "add_entry": "Add a log entry",
        "date": "Date",
        "what": "What did you do?",
        "own_hours": "Sanne de Vries (you)",
        "photos": "Photos",
        "photo_description": "What do the photos show?",
        "submit_entry": "Add the entry",
        "problem": "There is a problem",
        "error_title": "Error:",
        "too_many": "Ensure this value is less than or equal to 24.",
        "entry_added": "Your log entry has been added.",
        "sanne_hours": "Sanne de Vries: 3.5 h",
        "daan_hours": "Daan Bakker: 2 h",
        "write_comment": "Write a comment",
        "your_comment": "Your comment",
        "comment": "Comment",
        "deliver_the_result": "Deliver the result",
        "summary": "Summary of the result",
        "link": "Link to the result",
        "deliver": "Deliver",
        "delivered": "Delivered",
        "give_feedback": "Confirm receipt and give feedback",
        "five_stars": "5 – Very happy",
        "feedback": "Your feedback for the team",
        "send_feedback": "Confirm receipt and send feedback",
        "feedback_heading": "Feedback from the challenge owner",
        "rating": "5 out of 5",
        "review_hours": "Review the hours",
        "approve_sanne": "Approve the hours of Sanne de Vries",
        "approve_daan": "Approve the hours of Daan Bakker",
        "sanne_approved": "The hours of Sanne de Vries are approved.",
        "sanne_all_approved": "All hours of Sanne de Vries are approved",
        "daan_approved": "The hours of Daan Bakker are approved.",
        "mark_completed": "Mark completed",
        "completed": "Completed",
        "read_challenge": "Read the challenge again",
        "export": "Export approved hours for grading",
        "export_heading": "Export approved hours",
        "download_csv": "Download CSV",
    },
}


def field(page, label):
    """The form field labelled exactly so (Django adds a colon to labels without punctuation)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _gps(image_bytes):
    return dict(Image.open(io.BytesIO(image_bytes)).getexif().get_ifd(GPS_IFD))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_project_from_first_log_to_hours_for_grading(
    browser, live_server, active_project, contexts, tmp_path, language
):
    t = TEXT[language]
    people, project = active_project["people"], active_project["project"]
    turn_on_mfa(people["supervisor"])  # the hours review and the export ask for two-step login
    for user in people.values():
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    with translation.override(language):
        project_url = reverse("projects:detail", args=[project.pk])

    def person(user, viewport):
        context = guarded_context(browser, live_server, viewport=viewport, is_mobile=viewport == PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, user.email)
        return page

    def status_tag(page):
        return page.locator(".page-header .tag")

    # The lead opens the project from My page on her phone and logs an entry, first with a typo.
    student = person(people["lead"], PHONE)
    student.goto("/mijn-pagina/")  # follows her language
    assert_accessible(student)
    student.get_by_role("region", name=t["your_projects"]).get_by_role("link", name=JOURNEY_CHALLENGE).click()
    expect(student).to_have_url(f"{live_server.url}{project_url}")
    assert_accessible(student)
    student.get_by_role("link", name=t["add_entry"]).first.click()
    assert_accessible(student)
    field(student, t["date"]).fill(timezone.localdate().isoformat())
    student.get_by_label(t["what"]).fill(ENTRY_TEXT)
    field(student, t["own_hours"]).fill("25")
    field(student, "Daan Bakker").fill("2")
    student.get_by_role("button", name=t["submit_entry"]).click()
    # The error summary (GOV.UK's pattern) has the focus, names the field and leads to it.
    summary = student.get_by_role("alert")
    expect(summary).to_contain_text(t["problem"])
    expect(summary).to_be_focused()
    assert student.title().startswith(t["error_title"])
    summary.get_by_role("link", name=f"{t['own_hours']}: {t['too_many']}").click()
    expect(field(student, t["own_hours"])).to_be_focused()
    expect(field(student, t["own_hours"])).to_have_attribute("aria-invalid", "true")
    expect(field(student, t["own_hours"])).to_have_value("25")
    expect(student.get_by_label(t["what"])).to_have_value(ENTRY_TEXT)
    assert_accessible(student)

    photo = street_photo(tmp_path)
    assert _gps(photo.read_bytes()), "the test photo should carry a location"
    field(student, t["own_hours"]).fill("3.5")
    field(student, t["photos"]).set_input_files(photo)
    student.get_by_label(t["photo_description"]).fill(PHOTO_DESCRIPTION)
    student.get_by_role("button", name=t["submit_entry"]).click()
    expect(student.get_by_text(t["entry_added"])).to_be_visible()
    # Back on the project at the new entry, with the focus on it: reading goes on from there.
    expect(student.locator("article.log-entry:focus")).to_contain_text(ENTRY_TEXT)
    expect(student.get_by_text(ENTRY_TEXT)).to_be_visible()
    expect(student.get_by_text(t["sanne_hours"])).to_be_visible()
    expect(student.get_by_text(t["daan_hours"])).to_be_visible()
    thumbnail = student.get_by_role("img", name=PHOTO_DESCRIPTION)
    thumbnail.scroll_into_view_if_needed()
    expect(thumbnail).to_be_visible()
    loaded_width = thumbnail.evaluate(
        "async img => { if (!img.complete) await new Promise(done => { img.onload = img.onerror = done; });"
        " return img.naturalWidth; }"
    )
    assert loaded_width > 0
    # Served to the project's people only, never from a guessable media URL, and without the location.
    photo_url = student.get_by_role("link").filter(has=thumbnail).get_attribute("href")
    for url in (thumbnail.get_attribute("src"), photo_url):
        assert not url.startswith(("/media/", f"{live_server.url}/media/")), url
    full_photo = student.context.request.get(photo_url)
    assert full_photo.ok
    assert _gps(full_photo.body()) == {}
    assert_accessible(student)
    assert student.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The resident who posted the challenge reads along on her phone and comments.
    owner = person(people["owner"], PHONE)
    owner.goto(project_url)
    expect(owner.get_by_text(ENTRY_TEXT)).to_be_visible()
    assert_accessible(owner)
    owner.locator("summary", has_text=t["write_comment"]).click()
    owner.get_by_label(t["your_comment"]).fill("Wat mooi! Bij de Zoeterwoudsesingel zie ik ze ook vaak.")
    owner.get_by_role("button", name=t["comment"]).click()
    expect(owner.get_by_text("Wat mooi! Bij de Zoeterwoudsesingel zie ik ze ook vaak.")).to_be_visible()
    assert_accessible(owner)

    # The team delivers.
    student.goto(project_url)
    expect(student.get_by_text("Wat mooi! Bij de Zoeterwoudsesingel zie ik ze ook vaak.")).to_be_visible()
    student.get_by_role("link", name=t["deliver_the_result"]).click()
    assert_accessible(student)
    student.get_by_label(t["summary"]).fill(
        "Vier telrondes: de singels met vlinderstruiken hebben drie keer zoveel vlinders. Advies: meer struiken."
    )
    student.get_by_label(t["link"]).fill("https://example.org/vlinders-leiden-rapport")
    student.get_by_role("button", name=t["deliver"], exact=True).click()
    expect(status_tag(student)).to_have_text(t["delivered"])
    assert_accessible(student)

    # The resident confirms receipt with five stars and a thank-you.
    owner.goto(project_url)
    assert_accessible(owner)
    owner.get_by_role("link", name=t["give_feedback"]).click()
    assert_accessible(owner)
    owner.get_by_label(t["five_stars"]).check()
    owner.get_by_label(t["feedback"]).fill("Heel bruikbaar: de wijkvereniging plant dit najaar twintig struiken.")
    owner.get_by_role("button", name=t["send_feedback"]).click()
    expect(owner.get_by_role("heading", name=t["feedback_heading"])).to_be_visible()
    expect(owner.get_by_text("Heel bruikbaar: de wijkvereniging plant dit najaar twintig struiken.")).to_be_visible()
    expect(owner.get_by_text(t["rating"], exact=True)).to_be_visible()
    assert_accessible(owner)

    # The supervisor approves each student's hours and completes the project.
    supervisor = person(people["supervisor"], DESKTOP)
    supervisor.goto(project_url)
    assert_accessible(supervisor)
    supervisor.get_by_role("link", name=t["review_hours"]).first.click()
    assert_accessible(supervisor)
    supervisor.get_by_role("button", name=t["approve_sanne"]).click()
    expect(supervisor.get_by_text(t["sanne_approved"])).to_be_visible()
    # Her hours now show their state, not a button that would do nothing.
    expect(supervisor.get_by_text(t["sanne_all_approved"])).to_be_visible()
    expect(supervisor.get_by_role("button", name=t["approve_sanne"])).to_have_count(0)
    assert_accessible(supervisor)
    supervisor.get_by_role("button", name=t["approve_daan"]).click()
    expect(supervisor.get_by_text(t["daan_approved"])).to_be_visible()
    assert_accessible(supervisor)
    supervisor.get_by_role("button", name=t["mark_completed"]).click()
    expect(status_tag(supervisor)).to_have_text(t["completed"])
    assert_accessible(supervisor)

    # The challenge shows as completed on its public page.
    student.goto(project_url)
    expect(status_tag(student)).to_have_text(t["completed"])
    assert_accessible(student)
    student.get_by_role("link", name=t["read_challenge"]).click()
    expect(student.get_by_role("heading", level=1)).to_have_text(JOURNEY_CHALLENGE)
    expect(student.locator(".challenge__status")).to_have_text(t["completed"])
    assert_accessible(student)
    visitor_context = guarded_context(browser, live_server, viewport=PHONE, is_mobile=True)
    contexts.append(visitor_context)
    visitor = visitor_context.new_page()
    visitor.goto(student.url)
    expect(visitor.locator(".challenge__status")).to_have_text(t["completed"])
    assert "anneke.vos@example.org" not in visitor.content()
    assert_accessible(visitor)

    # The supervisor downloads the approved hours for grading.
    supervisor.get_by_role("link", name=t["review_hours"]).first.click()
    assert_accessible(supervisor)
    supervisor.get_by_role("link", name=t["export"]).click()
    expect(supervisor.get_by_role("heading", level=1)).to_have_text(t["export_heading"])
    expect(supervisor.get_by_role("table")).to_contain_text("Sanne de Vries")
    assert_accessible(supervisor)
    with supervisor.expect_download() as download_info:
        supervisor.get_by_role("link", name=t["download_csv"]).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as export:
        rows = list(csv.reader(export))
    hours = {row[0]: row[10] for row in rows[1:]}
    assert hours == {"Sanne de Vries": "3.5", "Daan Bakker": "2"}
