"""The edges of the owner's sign-off: a story that changes challenge while it waits, a project
taken out after an owner was asked, a stale version on the page, bulk publishing from above,
the chooser's chosen view, withdrawn consent, tampered photo ids."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from accounts.choices import NotificationKind
from accounts.models import Notification
from cms.blocks import SharedPhotoBlock
from cms.models import OwnerSignOffTask, OwnerSignOffTaskState, StoryPage
from marketplace.services.errors import MarketplaceError
from tests.cms.helpers import confirm, current_task, publish
from tests.factories import ChallengePageFactory, UserFactory
from tests.marketplace.helpers import second_project

pytestmark = pytest.mark.django_db


def test_a_story_moved_to_another_challenge_asks_that_challenges_owners(client, waiting_story, world, people):
    other_owner = UserFactory(display_name="Ria Other")
    other_challenge = ChallengePageFactory(parent=world["challenge"].get_parent(), posted_by=other_owner)
    draft = waiting_story.get_latest_revision_as_object()
    draft.project, draft.challenge, draft.body = second_project(other_challenge), None, []
    draft.full_clean()
    draft.intro = "Over een heel ander project."
    draft.save_revision(user=people["editor"])
    story = StoryPage.objects.get(pk=waiting_story.pk)

    # The first owner, still on the page, cannot confirm the new version, nor read it.
    with pytest.raises(MarketplaceError):
        confirm(story, people["poster"])
    state = story.get_owner_sign_off()
    assert state.challenge == other_challenge and isinstance(current_task(story), OwnerSignOffTask)
    assert Notification.objects.filter(kind=NotificationKind.STORY_SIGN_OFF, recipient=other_owner).exists()
    client.force_login(people["poster"])
    response = client.get(reverse("stories:sign_off", args=[story.pk]))
    assert response.status_code == 404  # no longer theirs to answer
    assert "Over een heel ander project." not in response.content.decode()
    client.force_login(other_owner)
    assert "Over een heel ander project." in client.get(reverse("stories:sign_off", args=[story.pk])).content.decode()


def test_taking_the_project_out_does_not_skip_the_owner_who_was_asked(waiting_story, world, people):
    confirm(waiting_story, people["poster"], confirm=False, comment="Liever niet over ons.")
    draft = StoryPage.objects.get(pk=waiting_story.pk).get_latest_revision_as_object()
    draft.project = draft.challenge = None
    draft.body = []
    draft.save_revision(user=people["editor"])
    story = StoryPage.objects.get(pk=waiting_story.pk)
    WorkflowState.objects.for_instance(story).get().resume(user=people["editor"])
    story = StoryPage.objects.get(pk=waiting_story.pk)
    assert isinstance(current_task(story), OwnerSignOffTask)
    assert story.get_owner_sign_off().challenge == world["challenge"]
    assert OwnerSignOffTaskState.objects.filter(status="approved").count() == 0


def test_after_a_stale_version_the_next_answer_is_about_the_version_shown(client, waiting_story, people):
    read = waiting_story.latest_revision_id
    waiting_story.intro = "Een nieuwe inleiding."
    waiting_story.save_revision(user=people["editor"])
    client.force_login(people["poster"])
    url = reverse("stories:sign_off", args=[waiting_story.pk])
    response = client.post(url, {"decision": "confirm", "comment": "", "revision": read})
    html = response.content.decode()
    latest = StoryPage.objects.get(pk=waiting_story.pk).latest_revision_id
    assert "Een nieuwe inleiding." in html and f'name="revision" value="{latest}"' in html
    response = client.post(url, {"decision": "confirm", "comment": "", "revision": latest})
    assert response.status_code == 302


def test_a_comment_sent_after_a_colleague_answered_is_shown_back(client, waiting_story, people):
    confirm(waiting_story, people["organisation_member"])
    client.force_login(people["poster"])
    response = client.post(
        reverse("stories:sign_off", args=[waiting_story.pk]),
        {
            "decision": "change",
            "comment": "Graag de foto van de tuin erbij",
            "revision": waiting_story.latest_revision_id,
        },
    )
    assert "Graag de foto van de tuin erbij" in response.content.decode()


def test_publishing_the_story_index_with_its_subpages_is_refused(client, waiting_story, story_index, people):
    client.force_login(people["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={story_index.pk}"
    response = client.post(url, {"include_descendants": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_explore_root")
    assert [str(message) for message in response.wsgi_request._messages] == [
        "Een verhaal komt online via zijn workflow: dien het in, de eigenaar van de uitdaging bevestigt het op de "
        "site, en keur het daarna goed en publiceer het."
    ]
    assert not StoryPage.objects.get(pk=waiting_story.pk).live


def test_the_chosen_view_returns_only_shared_photos(client, world, people, shared_photo):
    entry = shared_photo.entry
    client.force_login(people["editor"])
    response = client.get(f"/admin/shared_photo_chooser/chosen/{shared_photo.pk}/")
    assert response.status_code == 200
    assert response.json()["result"] == {
        "id": str(shared_photo.pk), "title": shared_photo.description, "edit_url": None
    }
    assert client.get("/admin/shared_photo_chooser/chosen/not-a-uuid/").status_code == 404
    entry.shareable, entry.consent_at = False, None
    entry.save()
    assert client.get(f"/admin/shared_photo_chooser/chosen/{shared_photo.pk}/").status_code == 404


def test_a_tampered_photo_id_is_no_photo():
    block = SharedPhotoBlock()
    assert block.child_blocks["photo"].to_python("not-a-uuid") is None
    assert block.child_blocks["photo"].bulk_to_python(["", None, "123"]) == [None, None, None]


def test_a_withdrawn_photo_leaves_no_trace_in_the_live_story(client, waiting_story, shared_photo, people):
    story = publish(waiting_story, people)
    assert shared_photo.description in client.get(story.url).content.decode()
    entry = shared_photo.entry
    entry.shareable, entry.consent_at = False, None
    entry.save()
    html = client.get(story.url).content.decode()
    assert shared_photo.description not in html
    assert reverse("stories:photo", args=[story.pk, shared_photo.pk]) not in html
