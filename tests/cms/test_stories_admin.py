"""Editors write stories in the Wagtail admin and pick the team's shareable photos there."""

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.services.projects import log_entry_create
from tests.cms.helpers import make_story
from tests.marketplace.helpers import cleaned_photo

pytestmark = pytest.mark.django_db


def test_an_editor_opens_the_story_form_with_the_photo_block(client, story_index, people):
    client.force_login(people["editor"])
    response = client.get(f"/admin/pages/add/cms/storypage/{story_index.pk}/")
    assert response.status_code == 200
    assert "shared_photo" in response.content.decode()


def test_the_photo_chooser_lists_only_shared_photos(client, world, people, shared_photo):
    log_entry_create(
        project=world["project"],
        actor=people["member"],
        date=timezone.localdate(),
        text="Binnen gewerkt.",
        hours={people["member"].pk: Decimal("2")},
        uploads=[cleaned_photo("werktafel.jpg")],
        photo_description="Een werktafel vol schetsen",
    )
    client.force_login(people["editor"])
    html = client.get("/admin/shared_photo_chooser/").content.decode()
    assert shared_photo.description in html  # what the photo shows, as the team described it
    assert shared_photo.get_thumbnail_url() in html
    assert "Een werktafel vol schetsen" not in html
    assert world["challenge"].title in html


@pytest.mark.parametrize("who", ["poster", "lead", "supervisor", "outsider"])
def test_people_outside_the_editors_do_not_reach_the_chooser(client, people, shared_photo, who):
    client.force_login(people[who])
    response = client.get("/admin/shared_photo_chooser/")
    assert response.status_code in (302, 403)
    assert shared_photo.description not in response.content.decode()


WARNING = "Dit verhaal is alleen een inleiding."


def test_the_editor_is_warned_while_a_story_is_only_an_introduction(client, story_index, people):
    thin = make_story(story_index, editor=people["editor"])
    full = make_story(story_index, editor=people["editor"], body=[("paragraph", "<p>Het begon met een vraag.</p>")])
    client.force_login(people["editor"])
    assert thin.is_only_an_intro() and not full.is_only_an_intro()
    assert WARNING in client.get(f"/admin/pages/{thin.pk}/edit/").content.decode()
    assert WARNING not in client.get(f"/admin/pages/{full.pk}/edit/").content.decode()
    assert WARNING not in client.get(f"/admin/pages/add/cms/storypage/{story_index.pk}/").content.decode()
