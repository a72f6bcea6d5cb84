"""Messages on the site, as people meet them: a resident on a phone asks a team a question
before she decides, in Dutch; the team lead, who reads English, is told and answers on a
desktop; the resident finds the answer beside the application. In a project, a student sends a
photo to the conversation and the owner reads it. axe-core on every page; every page fits 360 px."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution
from marketplace.models import Message
from marketplace.services.applications import application_endorse, application_submit
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in, street_photo
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory, LecturerApprovalFactory, UserFactory
from tests.marketplace.helpers import proposal, supervised_team


def test_an_owner_asks_a_team_a_question_and_the_lead_answers_in_english(browser, live_server, site, contexts):
    owner = UserFactory(email="anneke@example.org", display_name="Anneke Vos")
    lead = UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker", preferred_language="en")
    member = UserFactory(email="daan@student.hsleiden.nl", display_name="Daan Visser")
    lecturer = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin Jansen")
    LecturerApprovalFactory(
        user=lecturer, institution=Institution.objects.get(short_name="HSL"), status=LecturerStatus.APPROVED
    )
    challenge = ChallengePageFactory(
        parent=ChallengeIndexPageFactory(parent=site), title="Een groene binnentuin in de Merenwijk", posted_by=owner,
    )
    team = supervised_team(name="De Groene Vleugel", lead=lead, members=[member], supervisor=lecturer)
    application = application_submit(challenge=challenge, team=team, actor=lead, data=proposal())
    application_endorse(application=application, actor=lecturer)

    phone = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    contexts.append(phone)
    resident = phone.new_page()
    log_in(resident, owner.email)
    resident.goto(reverse("marketplace:challenge_manage", args=[challenge.pk]))
    card = resident.locator(".application-card")
    expect(card.get_by_role("heading", name="Vragen en antwoorden")).to_be_visible()
    assert_accessible(resident)
    card.get_by_role("link", name="Stel het team een vraag De Groene Vleugel").click()
    expect(resident.get_by_role("heading", name="Vragen en antwoorden")).to_be_visible()
    expect(resident.get_by_text("Nog geen vragen. Vraag het team wat je wilt weten voordat je beslist.")).to_be_visible(
    )
    assert_accessible(resident)

    # Sent empty: the summary names the field and takes the focus; nothing is sent.
    resident.get_by_role("button", name="Stuur de vraag").click()
    expect(resident).to_have_title(re.compile(r"^Fout: "))
    summary = resident.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Je bericht: Dit is een verplicht veld.")).to_be_visible()
    assert_accessible(resident)
    question = "Kunnen jullie ook op een zaterdag komen? Dan zijn de meeste bewoners thuis."
    resident.get_by_label("Je bericht").fill(question)
    resident.get_by_role("button", name="Stuur de vraag").click()
    expect(resident.get_by_text("Je bericht is verstuurd.")).to_be_visible()
    sent = resident.locator(".conversation__message").last
    expect(sent).to_be_focused()
    expect(sent).to_contain_text(question)
    expect(sent.get_by_text("Jij", exact=True)).to_be_visible()
    assert_accessible(resident)

    # The lead reads English: the bell tells her, in English, and opens the question.
    desk = guarded_context(browser, live_server, viewport=DESKTOP, locale="en-GB")
    contexts.append(desk)
    student = desk.new_page()
    log_in(student, lead.email)
    student.locator(".site-header").get_by_role("link", name=re.compile(r"^Notifications, \d+ unread$")).click()
    item = student.get_by_role("link", name=re.compile(
        "Anneke Vos wrote about the application of “De Groene Vleugel” for “Een groene binnentuin in de Merenwijk”"
    ))
    expect(item).to_be_visible()
    expect(student.locator(".notification-list__message[lang=nl]")).to_have_text(question)
    assert_accessible(student)
    item.click()
    expect(student.get_by_role("heading", name="Questions and answers")).to_be_visible()
    question_shown = student.locator(".conversation__message").first
    expect(question_shown).to_be_focused()
    expect(question_shown.locator(".conversation__text")).to_have_attribute("lang", "nl")
    expect(question_shown.get_by_text("New", exact=True)).to_be_visible()
    assert_accessible(student)
    answer_text = "Yes, Saturdays work for all of us. Daan speaks Dutch with the residents."
    student.get_by_label("Your message").fill(answer_text)
    student.get_by_label("English").check()
    student.get_by_role("button", name="Send the answer").click()
    expect(student.get_by_text("Your message has been sent.")).to_be_visible()
    assert_accessible(student)
    assert Message.objects.filter(author=lead, language="en").count() == 1

    # Back on her decision page the resident finds the answer, new to her, marked as English.
    resident.goto(reverse("marketplace:challenge_manage", args=[challenge.pk]))
    card = resident.locator(".application-card")
    expect(card.get_by_text("1 nieuw")).to_be_visible()
    answer = card.locator(".application-card__messages [lang=en]")
    expect(answer).to_contain_text("Yes, Saturdays work for all of us.")
    expect(card.get_by_role("link", name="Stel nog een vraag De Groene Vleugel")).to_be_visible()
    assert_accessible(resident)


def test_a_student_sends_a_photo_in_the_project_and_the_owner_reads_it(
    browser, live_server, active_project, contexts, tmp_path
):
    people, project = active_project["people"], active_project["project"]
    phone = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    contexts.append(phone)
    student = phone.new_page()
    log_in(student, people["member"].email)
    student.goto(project.get_absolute_url())
    student.get_by_role("link", name="Berichten").click()
    expect(student.get_by_role("heading", level=1)).to_have_text("Berichten")
    expect(student.get_by_text("Nog geen berichten.", exact=False)).to_be_visible()
    assert_accessible(student)
    student.get_by_label("Je bericht").fill("De eerste telronde zit erop: 14 vlinders bij de Herengracht. Zie de foto.")
    student.get_by_label("Foto's of bestanden (niet verplicht)").set_input_files(street_photo(tmp_path))
    student.get_by_role("button", name="Versturen").click()
    expect(student.get_by_text("Je bericht is verstuurd.")).to_be_visible()
    photo = student.get_by_role("img", name="Foto: IMG_2041.jpg")
    photo.scroll_into_view_if_needed()
    loaded_width = photo.evaluate(
        "async img => { if (!img.complete) await new Promise(done => { img.onload = img.onerror = done; });"
        " return img.naturalWidth; }"
    )
    assert loaded_width > 0
    assert_accessible(student)

    desk = guarded_context(browser, live_server, viewport=DESKTOP, locale="nl-NL")
    contexts.append(desk)
    owner = desk.new_page()
    log_in(owner, people["owner"].email)
    owner.goto(project.get_absolute_url())
    link = owner.get_by_role("link", name="Berichten 1 nieuw")
    expect(link).to_be_visible()
    assert_accessible(owner)
    link.click()
    message = owner.locator(".conversation__message")
    expect(message).to_contain_text("14 vlinders bij de Herengracht")
    expect(message.get_by_text("Nieuw", exact=True)).to_be_visible()
    expect(message.get_by_text("Daan Bakker")).to_be_visible()
    assert_accessible(owner)
    owner.get_by_label("Je bericht").fill("Wat mooi! Ik kom bij de tweede telronde kijken.")
    owner.get_by_role("button", name="Versturen").click()
    expect(owner.locator(".conversation__item--own")).to_contain_text("Ik kom bij de tweede telronde kijken.")
    assert_accessible(owner)
    owner.goto(project.get_absolute_url())
    expect(owner.get_by_role("link", name="Berichten", exact=True)).to_be_visible()
