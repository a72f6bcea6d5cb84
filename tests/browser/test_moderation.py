"""Reporting, as people meet it: a team lead who reads English reports an offensive comment in
her project; an editor finds it in the admin's moderation queue and hides it with a reason; the
comment's author, on his phone in Dutch, is told why and sees the neutral note in its place.
axe-core on every page; every page fits 360 px."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from accounts.defaults import EDITORS_GROUP
from marketplace.services.projects import log_comment_add, log_entry_create
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context, log_in
from tests.factories import UserFactory
from tests.marketplace.helpers import today

COMMENT = "Wat een onzin, sukkels. Doe eens normaal."


def test_a_student_reports_a_comment_an_editor_hides_it_and_the_author_is_told(
    browser, live_server, active_project, contexts
):
    people, project = active_project["people"], active_project["project"]
    lead, member = people["lead"], people["member"]
    lead.preferred_language = "en"
    lead.save()
    entry = log_entry_create(project=project, actor=lead, date=today(), text="Eerste telronde langs de singels.",
                             hours={})
    log_comment_add(entry=entry, actor=member, text=COMMENT)
    editor = UserFactory(email="redactie@example.org", display_name="Eva Redactie", mfa=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    desk = guarded_context(browser, live_server, viewport=DESKTOP, locale="en-GB")
    contexts.append(desk)
    student = desk.new_page()
    log_in(student, lead.email)
    student.goto(reverse("projects:detail", args=[project.pk]))
    comment = student.locator(".comment", has_text=COMMENT)
    comment.get_by_role("link", name="Report a comment on a log entry").click()
    expect(student.get_by_role("heading", level=1)).to_have_text("Report: a comment on a log entry")
    expect(student.locator(".reported-text")).to_contain_text(COMMENT)
    assert_accessible(student)
    student.get_by_role("button", name="Send the report").click()
    expect(student).to_have_title(re.compile(r"^Error: "))
    expect(student.locator(".error-summary")).to_be_focused()
    assert_accessible(student)
    student.get_by_label("Offensive, hurtful or discriminating").check()
    student.get_by_label("Explanation").fill("Name-calling of the other team members.")
    student.get_by_role("button", name="Send the report").click()
    expect(student.get_by_text("Thank you for reporting this. The editors will look at it.")).to_be_visible()
    assert_accessible(student)

    admin_context = guarded_context(browser, live_server, viewport=DESKTOP, locale="nl-NL")
    contexts.append(admin_context)
    admin = admin_context.new_page()
    log_in(admin, editor.email)
    admin.goto("/admin/")
    admin.get_by_role("link", name=re.compile(r"1 gemelde inhoud wacht op je")).click()
    item = admin.locator(".moderation-item")
    expect(item).to_contain_text(COMMENT)
    expect(item).to_contain_text("Beledigend, kwetsend of discriminerend: “Name-calling of the other team members.”")
    assert_accessible(admin)
    item.get_by_label("Waarom het verborgen wordt").select_option(label="Beledigend, kwetsend of discriminerend")
    item.get_by_label("Toelichting voor de schrijver (niet verplicht)").fill("Houd het vriendelijk, ook bij kritiek.")
    item.get_by_role("button", name="Verbergen").click()
    expect(admin.get_by_text("Verborgen. De schrijver heeft gehoord waarom.")).to_be_visible()
    expect(admin.get_by_text("Er wacht niets op je: geen gemelde inhoud.")).to_be_visible()
    assert_accessible(admin)

    phone = guarded_context(browser, live_server, viewport=PHONE, locale="nl-NL", is_mobile=True)
    contexts.append(phone)
    author = phone.new_page()
    log_in(author, member.email)
    author.locator(".site-header").get_by_role("link", name=re.compile(r"^Meldingen, \d+ ongelezen$")).click()
    told = author.get_by_role("link", name=re.compile(
        "De redactie heeft verborgen wat je schreef bij “Vlinders langs de singels tellen”: het is beledigend"
    ))
    expect(told).to_be_visible()
    expect(author.get_by_text("Houd het vriendelijk, ook bij kritiek.")).to_be_visible()
    assert_accessible(author)
    told.click()
    expect(author.get_by_text("Verborgen tot de redactie ernaar heeft gekeken.")).to_be_visible()
    expect(author.get_by_text(COMMENT)).to_have_count(0)
    assert_accessible(author)
