"""A story about a finished project, from the admin to the home page: an editor writes it in the
Wagtail admin with a photo the team shared, and sends it to the workflow "Story sign-off"; the
resident who posted the challenge reads it on her phone and confirms it; the editor publishes
it; a visitor finds it on the home page and among the stories, team photo included. And the
owner who asks for a change: first without saying what, then with a comment the editor gets.
axe-core checks every page on the way, the admin's included."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from accounts.choices import NotificationKind
from accounts.defaults import EDITORS_GROUP
from accounts.models import Notification
from cms.models import OwnerSignOffTask, StoryIndexPage, StoryPage, StoryPublishTask
from marketplace.services.projects import (
    hours_review,
    log_entry_create,
    project_complete,
    project_deliver,
    project_feedback,
)
from tests.browser.helpers import DESKTOP, JOURNEY_CHALLENGE, PHONE, assert_accessible, guarded_context, log_in
from tests.cms.helpers import current_task, make_story, submit
from tests.factories import UserFactory
from tests.marketplace.helpers import cleaned_photo

STORY = "Vlinderstruiken voor de singels"
INTRO = "Hoe studenten en bewoners samen de vlinders langs de Leidse singels telden."
AUTHORS = "Tekst: Eva Redactie"
PHOTO_DESCRIPTION = "Bewoners en studenten planten vlinderstruiken langs de Zijlsingel"
CHANGE_REQUEST = "Mijn achternaam is Vos, niet Vis. Verder prima!"


@pytest.fixture
def story_world(site, active_project):
    """The browser project journey's project, completed, with a log photo the team shared for
    stories (with the consent of the people on it); the story index; and an editor."""
    people, project = active_project["people"], active_project["project"]
    index = StoryIndexPage(title="Verhalen", slug="verhalen", title_en="Stories")
    site.add_child(instance=index)
    entry = log_entry_create(
        project=project,
        actor=people["lead"],
        date=timezone.localdate(),
        text="Plantdag langs de Zijlsingel met de buurtvereniging.",
        hours={people["lead"].pk: Decimal("3")},
        uploads=[cleaned_photo("plantdag.jpg")],
        photo_description=PHOTO_DESCRIPTION,
        shareable=True,
        consent=True,
    )
    project_deliver(
        project=project, actor=people["lead"], summary="Het telrapport.", link="https://example.org/vlinders"
    )
    project_feedback(project=project, actor=people["owner"], rating=5, text="Dank jullie wel!")
    hours_review(project=project, actor=people["supervisor"], person=people["lead"], approve=True)
    project_complete(project=project, actor=people["supervisor"])
    editor = UserFactory(email="redactie@example.org", display_name="Eva Redactie", mfa=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return {**active_project, "index": index, "photo": entry.attachments.get(), "editor": editor}


@pytest.fixture
def person(browser, live_server, contexts):
    """A browser of its own for someone: logged in when a user is given, else a visitor."""

    def open_for(user, viewport):
        context = guarded_context(
            browser, live_server, viewport=viewport, locale="nl-NL", is_mobile=viewport == PHONE
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if user is not None:
            log_in(page, user.email)
        return page

    return open_for


def loaded_width(image):
    """The width of the image as the browser decoded it: 0 when it did not load."""
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    return image.evaluate(
        "async img => { if (!img.complete) await new Promise(done => { img.onload = img.onerror = done; });"
        " return img.naturalWidth; }"
    )


def test_a_story_from_the_admin_via_the_owners_confirmation_to_the_home_page(live_server, story_world, person):
    people, index, editor = story_world["people"], story_world["index"], story_world["editor"]
    owner = people["owner"]
    my_page_url = "/mijn-pagina/"

    # The editor writes the story in the admin, with the photo the team shared, and sends it
    # to the challenge's owner.
    admin = person(editor, DESKTOP)
    admin.goto(f"/admin/pages/add/cms/storypage/{index.pk}/")
    assert_accessible(admin)
    admin.get_by_role("tab", name="Nederlands", exact=True).click()
    admin.locator("#id_title").press_sequentially(STORY)  # typed: Wagtail fills in the slug as she types
    admin.locator("#id_intro").fill(INTRO)
    body = admin.locator("#panel-child-nederlands-body-content")
    body.get_by_role("button", name="Blok invoegen").click()
    admin.get_by_role("option", name=re.compile("^Teamfoto")).click()
    body.get_by_role("button", name="Kies een teamfoto").click()
    chooser = admin.get_by_role("dialog")
    expect(chooser.get_by_role("link", name=PHOTO_DESCRIPTION)).to_be_visible()
    expect(chooser).to_contain_text(JOURNEY_CHALLENGE)
    assert_accessible(admin)
    chooser.get_by_role("link", name=PHOTO_DESCRIPTION).click()
    expect(body.get_by_text(PHOTO_DESCRIPTION)).to_be_visible()
    admin.get_by_role("tab", name="Over", exact=True).click()
    admin.locator("#id_authors").fill(AUTHORS)
    admin.locator("#id_project").select_option(label=f"De Groene Vleugel – {JOURNEY_CHALLENGE}")
    admin.get_by_role("button", name="Meer acties").click()
    admin.get_by_role("button", name="Stuur door naar Akkoord op het verhaal", exact=True).click()
    # "aangemaakt en ingediend", or "is ter goedkeuring ingediend" once Wagtail saved a draft
    # while she typed.
    expect(admin.get_by_text(re.compile(f"Pagina '{STORY}' .*ingediend"))).to_be_visible()

    story = StoryPage.objects.get(title=STORY)
    assert story.slug == slugify(STORY)  # filled in from the title, as the editor typed it
    assert not story.live
    assert isinstance(current_task(story), OwnerSignOffTask)
    written = story.get_latest_revision_as_object()
    assert written.challenge_id == story_world["challenge"].pk  # filled in from the project
    assert [photo.pk for photo in written.shared_photos()] == [story_world["photo"].pk]
    sign_off_url = reverse("stories:sign_off", args=[story.pk])
    photo_url = reverse("stories:photo", args=[story.pk, story_world["photo"].pk])

    # The resident finds it on My page on her phone, reads the preview and confirms.
    resident = person(owner, PHONE)
    resident.goto(my_page_url)
    waiting = resident.get_by_role("region", name="Verhalen die op je bevestiging wachten")
    expect(waiting).to_contain_text(JOURNEY_CHALLENGE)
    assert_accessible(resident)
    waiting.get_by_role("link", name=STORY).click()
    expect(resident).to_have_url(f"{live_server.url}{sign_off_url}")
    expect(resident.get_by_role("heading", level=1)).to_have_text("Een verhaal over je uitdaging")
    preview = resident.get_by_role("region", name="Voorbeeld: nog niet online")
    expect(preview.get_by_role("heading", name=STORY)).to_be_visible()
    expect(preview.get_by_text(INTRO)).to_be_visible()
    expect(preview.get_by_text(AUTHORS)).to_be_visible()
    team_photo = preview.get_by_role("img", name=PHOTO_DESCRIPTION)
    assert team_photo.get_attribute("src") == photo_url
    assert loaded_width(team_photo) > 0
    assert_accessible(resident)
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    resident.get_by_role("radio", name="Ja, zo mag het verhaal online").check()
    resident.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(resident).to_have_url(f"{live_server.url}{my_page_url}")
    expect(resident.get_by_role("status")).to_contain_text("Dank je: de redactie kan het verhaal nu publiceren.")
    expect(resident.get_by_role("region", name="Verhalen die op je bevestiging wachten")).to_have_count(0)
    expect(resident.get_by_role("link", name=STORY)).to_have_count(0)
    assert_accessible(resident)
    assert isinstance(current_task(story), StoryPublishTask)
    confirmed = StoryPage.objects.get(pk=story.pk).latest_revision_id

    # The editor publishes the version the owner confirmed (the admin saves no new one).
    admin.goto(f"/admin/pages/{story.pk}/edit/")
    assert_accessible(admin)
    admin.get_by_role("button", name="Meer acties").click()
    admin.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    row = admin.get_by_role("row", name=re.compile(STORY))
    expect(row.get_by_role("link", name="Huidige paginastatus: live")).to_be_visible()
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.current_workflow_state is None
    assert story.live_revision_id == confirmed

    # A visitor finds it on the home page and among the stories; the team photo is public now.
    visitor = person(None, PHONE)
    visitor.goto("/")
    latest = visitor.get_by_role("region", name="Nieuwste verhalen")
    expect(latest.get_by_role("link", name=STORY)).to_be_visible()
    assert_accessible(visitor)
    latest.get_by_role("link", name="Lees alle verhalen").click()
    expect(visitor).to_have_url(f"{live_server.url}/verhalen/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Verhalen")
    expect(visitor.get_by_role("link", name=STORY)).to_be_visible()
    assert_accessible(visitor)
    visitor.get_by_role("link", name=STORY).click()
    expect(visitor).to_have_url(f"{live_server.url}/verhalen/vlinderstruiken-voor-de-singels/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(STORY)
    expect(visitor.get_by_text(AUTHORS)).to_be_visible()
    expect(visitor.get_by_role("link", name=JOURNEY_CHALLENGE)).to_be_visible()  # the story is about it
    team_photo = visitor.get_by_role("img", name=PHOTO_DESCRIPTION)
    assert team_photo.get_attribute("src") == photo_url
    assert loaded_width(team_photo) > 0
    assert_accessible(visitor)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    served = visitor.context.request.get(photo_url)
    assert served.ok and served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"].startswith("public")


def test_the_owner_asks_for_a_change_and_must_say_what(live_server, story_world, person):
    people, editor, photo = story_world["people"], story_world["editor"], story_world["photo"]
    story = make_story(
        story_world["index"],
        project=story_world["project"],
        body=[("paragraph", "<p>Het begon met een vraag.</p>"), ("shared_photo", {"photo": photo, "caption": ""})],
        editor=editor,
    )
    submit(story, editor)
    my_page_url = "/mijn-pagina/"

    resident = person(people["owner"], PHONE)
    resident.goto(reverse("stories:sign_off", args=[story.pk]))
    change = resident.get_by_role("radio", name="Nee, ik wil iets veranderd hebben")
    change.check()
    resident.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(resident.get_by_role("alert")).to_be_visible()
    comment = resident.get_by_label("Je opmerking voor de redactie")
    expect(resident.get_by_text("Schrijf wat er anders moet.", exact=True)).to_be_visible()
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(resident.get_by_role("radio", name="Nee, ik wil iets veranderd hebben")).to_be_checked()
    assert_accessible(resident)
    assert isinstance(current_task(story), OwnerSignOffTask)

    comment.fill(CHANGE_REQUEST)
    resident.get_by_role("button", name="Verstuur mijn antwoord").click()
    expect(resident).to_have_url(f"{live_server.url}{my_page_url}")
    expect(resident.get_by_role("status")).to_contain_text(
        "Dank je: de redactie past het verhaal aan en laat het je opnieuw zien."
    )
    expect(resident.get_by_role("link", name=story.title)).to_have_count(0)
    assert_accessible(resident)

    story = StoryPage.objects.get(pk=story.pk)
    workflow_state = WorkflowState.objects.for_instance(story).get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.comment == CHANGE_REQUEST
    assert workflow_state.current_task_state.finished_by == people["owner"]
    told = Notification.objects.get(kind=NotificationKind.STORY_REVIEWED)
    assert told.recipient == editor
    assert told.params["outcome"] == "changes_requested" and told.params["message"] == CHANGE_REQUEST
    assert not story.live

    # The editor follows the notification to the story in the admin; its workflow progress
    # says the story needs changes, with the owner's comment.
    admin = person(editor, DESKTOP)
    admin.goto(told.url)
    expect(admin.get_by_role("heading", level=1)).to_contain_text(story.title)
    admin.goto(reverse("wagtailadmin_pages:workflow_history_detail", args=[story.pk, workflow_state.pk]))
    assert_accessible(admin)
    progress = admin.get_by_role("main")
    expect(progress).to_contain_text(re.compile(r"Status\s+Heeft wijziging nodig"))
    expect(progress.get_by_role("row").filter(has_text=CHANGE_REQUEST)).to_contain_text("Anneke Vos")
