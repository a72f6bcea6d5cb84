"""A story about a project goes online only after the challenge's owner confirmed it on the
site and the editors published it: the workflow "Story sign-off", its service, its page, and
the team photos a story shows."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState, WorkflowState

from accounts.choices import NotificationKind
from accounts.models import Notification
from cms.models import (
    STORY_WORKFLOW,
    OwnerSignOffTask,
    OwnerSignOffTaskState,
    StoryIndexPage,
    StoryPage,
    StoryPublishTask,
)
from cms.selectors import stories_to_sign_off
from marketplace.models import Attachment
from marketplace.services.errors import MarketplaceError
from marketplace.services.projects import log_entry_create
from tests.cms.helpers import confirm, current_task, make_story, publish, submit
from tests.factories import ChallengePageFactory, UserFactory
from tests.marketplace.helpers import cleaned_photo, second_project

pytestmark = pytest.mark.django_db


def test_the_story_index_page_brings_the_sign_off_workflow(story_index):
    assert story_index.get_workflow().name == STORY_WORKFLOW
    tasks = [task.specific for task in story_index.get_workflow().tasks]
    assert [type(task) for task in tasks] == [OwnerSignOffTask, StoryPublishTask]


def test_a_submitted_story_waits_for_the_owners_who_are_told(waiting_story, people, world):
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)
    assert not waiting_story.live
    told = Notification.objects.filter(kind=NotificationKind.STORY_SIGN_OFF)
    assert {n.recipient for n in told} == {people["poster"], people["organisation_member"]}
    assert told.first().url == reverse("stories:sign_off", args=[waiting_story.pk])
    assert told.first().params == {"challenge": world["challenge"].title, "challenge_language": "nl"}


def test_the_story_takes_its_challenge_neighbourhood_and_theme_from_the_project(waiting_story, world):
    challenge = world["challenge"]
    assert waiting_story.latest_owner_sign_off().challenge == challenge
    waiting_story = waiting_story.get_latest_revision_as_object()
    assert waiting_story.challenge_id == challenge.pk
    assert waiting_story.neighbourhood_id == challenge.neighbourhood_id
    assert waiting_story.theme_id == challenge.themes.order_by("pk").first().pk


@pytest.mark.parametrize("owner", ["poster", "organisation_member"])
def test_the_owner_confirms_then_the_editors_publish(waiting_story, people, owner):
    confirm(waiting_story, people[owner], comment="Mooi geschreven!")
    state = OwnerSignOffTaskState.objects.get()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by == people[owner] and state.comment == "Mooi geschreven!"
    assert isinstance(current_task(waiting_story), StoryPublishTask)
    assert not StoryPage.objects.get(pk=waiting_story.pk).live
    told = Notification.objects.get(kind=NotificationKind.STORY_REVIEWED)
    assert told.recipient == people["editor"] and told.params["outcome"] == "confirmed"

    story = StoryPage.objects.get(pk=waiting_story.pk)
    task = current_task(story)
    assert [name for name, *_ in task.get_actions(story, people["editor"])] == ["reject", "approve", "approve"]
    assert task.get_actions(story, people["poster"]) == []
    task.on_action(story.current_workflow_task_state, people["editor"], "approve")
    story = StoryPage.objects.get(pk=waiting_story.pk)
    assert story.live
    assert story.current_workflow_state is None


def test_the_owner_asks_for_a_change_with_a_comment(waiting_story, people):
    confirm(waiting_story, people["poster"], confirm=False, comment="Mijn achternaam is Vos, niet Vis.")
    story = StoryPage.objects.get(pk=waiting_story.pk)
    workflow_state = WorkflowState.objects.for_instance(story).get()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.comment == "Mijn achternaam is Vos, niet Vis."
    assert not story.live
    told = Notification.objects.get(kind=NotificationKind.STORY_REVIEWED)
    assert told.recipient == people["editor"]
    assert told.params == {
        "story": story.title, "outcome": "changes_requested", "message": "Mijn achternaam is Vos, niet Vis."
    }
    # The editor changes the story and submits it again: it goes back to the owner.
    workflow_state.resume(user=people["editor"])
    assert isinstance(current_task(story), OwnerSignOffTask)


def test_asking_for_a_change_needs_a_comment(waiting_story, people):
    with pytest.raises(MarketplaceError):
        confirm(waiting_story, people["poster"], confirm=False, comment="   ")
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)


@pytest.mark.parametrize("who", ["outsider", "lead", "member", "supervisor", "editor", "broker"])
def test_nobody_but_the_owners_can_confirm(waiting_story, people, who):
    with pytest.raises(MarketplaceError):
        confirm(waiting_story, people[who])
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)
    # Nor in the admin: the owner's task offers nobody an action there.
    story = StoryPage.objects.get(pk=waiting_story.pk)
    assert current_task(story).get_actions(story, people[who]) == []


def test_approving_an_edited_version_sends_it_back_to_the_owner(waiting_story, people):
    """The admin saves an edit and approves in one go: the owner sees the new version first."""
    confirm(waiting_story, people["poster"])
    story = StoryPage.objects.get(pk=waiting_story.pk)
    story.intro = "Verbeterde inleiding."
    story.save_revision(user=people["editor"])
    story = StoryPage.objects.get(pk=story.pk)
    current_task(story).on_action(story.current_workflow_task_state, people["editor"], "approve")
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert isinstance(current_task(story), OwnerSignOffTask)
    assert Notification.objects.filter(kind=NotificationKind.STORY_SIGN_OFF, recipient=people["poster"]).count() == 2


def test_a_superuser_cannot_confirm_for_the_owner_in_the_admin(waiting_story):
    admin = UserFactory(is_superuser=True, is_staff=True)
    story = StoryPage.objects.get(pk=waiting_story.pk)
    assert current_task(story).get_actions(story, admin) == []


def test_a_second_answer_finds_the_task_finished(waiting_story, people):
    confirm(waiting_story, people["poster"])
    with pytest.raises(MarketplaceError):
        confirm(waiting_story, people["organisation_member"], confirm=False, comment="Toch niet")
    assert isinstance(current_task(waiting_story), StoryPublishTask)


def test_a_version_changed_while_the_owner_read_it_must_be_read_again(waiting_story, people):
    read = waiting_story.latest_revision_id
    waiting_story.intro = "Een nieuwe inleiding."
    waiting_story.save_revision(user=people["editor"])
    with pytest.raises(MarketplaceError):
        confirm(waiting_story, people["poster"], revision_id=read)
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)
    confirm(waiting_story, people["poster"])
    assert isinstance(current_task(waiting_story), StoryPublishTask)


def test_editors_cannot_publish_a_version_the_owner_did_not_see(waiting_story, people):
    confirm(waiting_story, people["poster"])
    story = StoryPage.objects.get(pk=waiting_story.pk)
    story.title = "Een andere titel"
    story.save_revision(user=people["editor"])
    story = StoryPage.objects.get(pk=waiting_story.pk)
    task = current_task(story)
    assert [name for name, *_ in task.get_actions(story, people["editor"])] == ["reject", "back_to_owner"]
    task.on_action(story.current_workflow_task_state, people["editor"], "back_to_owner")
    assert isinstance(current_task(story), OwnerSignOffTask)
    assert not StoryPage.objects.get(pk=story.pk).live
    confirm(story, people["poster"])
    story = StoryPage.objects.get(pk=story.pk)
    current_task(story).on_action(story.current_workflow_task_state, people["editor"], "approve")
    assert StoryPage.objects.get(pk=story.pk).live


def test_a_story_not_about_a_challenge_goes_straight_to_the_editors(story_index, people):
    story = make_story(story_index, editor=people["editor"])
    submit(story, people["editor"])
    assert isinstance(current_task(story), StoryPublishTask)
    skipped = OwnerSignOffTaskState.objects.get()
    assert skipped.status == TaskState.STATUS_APPROVED and skipped.comment
    assert not Notification.objects.filter(kind=NotificationKind.STORY_SIGN_OFF).exists()


# The page the owner answers on


def test_the_owner_reads_the_preview_and_confirms(client, waiting_story, people):
    client.force_login(people["poster"])
    url = reverse("stories:sign_off", args=[waiting_story.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Een binnentuin vol leven" in html and "Het begon met een vraag." in html
    shown = waiting_story.get_latest_revision_as_object().shared_photos()[0]
    assert reverse("stories:photo", args=[waiting_story.pk, shown.pk]) in html
    response = client.post(url, {"decision": "confirm", "comment": "", "revision": waiting_story.latest_revision_id})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:my_page")
    assert isinstance(current_task(waiting_story), StoryPublishTask)


def test_an_empty_change_request_keeps_the_text_and_says_why(client, waiting_story, people):
    client.force_login(people["poster"])
    url = reverse("stories:sign_off", args=[waiting_story.pk])
    response = client.post(url, {"decision": "change", "comment": "", "revision": waiting_story.latest_revision_id})
    assert response.status_code == 200
    assert "Schrijf wat er anders moet." in response.content.decode()
    response = client.post(url, {"decision": "", "comment": "Graag mijn naam weglaten", "revision": "x"})
    html = response.content.decode()
    assert "Kies of het verhaal online mag." in html and "Graag mijn naam weglaten" in html
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)


def test_the_sign_off_page_speaks_english(client, waiting_story, people):
    client.force_login(people["poster"])
    with translation.override("en"):
        url = reverse("stories:sign_off", args=[waiting_story.pk])
    assert url.startswith("/en/story/")
    response = client.post(url, {"decision": "change", "comment": "", "revision": waiting_story.latest_revision_id})
    assert "Tell the editors what should change." in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "lead", "supervisor", "editor"])
def test_others_find_no_sign_off_page(client, waiting_story, people, who):
    client.force_login(people[who])
    url = reverse("stories:sign_off", args=[waiting_story.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "confirm", "revision": waiting_story.latest_revision_id}).status_code == 404
    assert isinstance(current_task(waiting_story), OwnerSignOffTask)


def test_my_page_lists_the_stories_waiting_for_the_owner(client, waiting_story, people):
    assert stories_to_sign_off(people["poster"]) == [waiting_story]
    assert stories_to_sign_off(people["organisation_member"]) == [waiting_story]
    assert stories_to_sign_off(people["outsider"]) == []
    client.force_login(people["poster"])
    html = client.get(reverse("dashboard:my_page")).content.decode()
    assert reverse("stories:sign_off", args=[waiting_story.pk]) in html
    confirm(waiting_story, people["poster"])
    assert stories_to_sign_off(people["poster"]) == []


# The team's photos in a story


def test_a_shared_photo_is_public_only_while_a_live_story_shows_it(client, waiting_story, shared_photo, people):
    url = reverse("stories:photo", args=[waiting_story.pk, shared_photo.pk])
    assert client.get(url).status_code == 404  # not yet live
    client.force_login(people["poster"])
    response = client.get(url)  # the owner reads the preview
    assert response.status_code == 200 and response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    client.logout()

    story = publish(waiting_story, people)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"

    # The team withdraws its consent: the photo is private again.
    entry = shared_photo.entry
    entry.shareable, entry.consent_at = False, None
    entry.save()
    assert client.get(url).status_code == 404
    # And a story that does not show a photo never serves it.
    entry.shareable, entry.consent_at = True, timezone.now()
    entry.save()
    other = make_story(StoryIndexPage.objects.get(), editor=people["editor"])
    other.save_revision().publish()
    assert client.get(reverse("stories:photo", args=[other.pk, shared_photo.pk])).status_code == 404
    response = client.get(reverse("stories:photo", args=[story.pk, shared_photo.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)  # read to the end, which closes the file


def test_the_chooser_offers_only_shared_photos(world, people, shared_photo):
    log_entry_create(
        project=world["project"],
        actor=people["member"],
        date=timezone.localdate(),
        text="Binnen gewerkt, niet voor verhalen.",
        hours={people["member"].pk: Decimal("2")},
        uploads=[cleaned_photo("prive.jpg")],
        photo_description="Een werktafel",
    )
    assert list(Attachment.shared_photos()) == [shared_photo]


def test_a_story_shows_only_photos_of_its_own_project(story_index, world, people, shared_photo):
    story = StoryPage(
        title="Elders", intro="Elders", authors="Eva", body=[("shared_photo", {"photo": shared_photo, "caption": ""})]
    )
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "project" in error.value.message_dict
    story.project = second_project(ChallengePageFactory(parent=world["challenge"].get_parent()))
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "body" in error.value.message_dict
    story.project, story.challenge = world["project"], None
    story.clean()


def test_a_hero_image_needs_its_alternative_text(story_index, world):
    image = Image.objects.create(title="Tuin", file=get_test_image_file())
    story = StoryPage(title="Tuin", intro="Tuin", authors="Eva", hero_image=image, project=world["project"])
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "hero_alt" in error.value.message_dict
