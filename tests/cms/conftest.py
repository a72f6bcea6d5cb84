"""The story tests' world: ``project_world``'s active project, the story index, a photo the
team shared for stories and a story waiting for the owner's sign-off."""

from decimal import Decimal

import pytest
from django.utils import timezone

from cms.models import StoryIndexPage, StoryPage
from marketplace.services.projects import log_entry_create
from tests.cms.helpers import make_story, submit
from tests.marketplace.helpers import cleaned_photo


@pytest.fixture
def world(project_world):
    return project_world


@pytest.fixture
def people(world):
    return world["people"]


@pytest.fixture
def story_index(home_page):
    index = StoryIndexPage(title="Verhalen", slug="verhalen", title_en="Stories")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def shared_photo(world, people):
    entry = log_entry_create(
        project=world["project"],
        actor=people["lead"],
        date=timezone.localdate(),
        text="De binnentuin na de eerste plantdag.",
        hours={people["lead"].pk: Decimal("3")},
        uploads=[cleaned_photo()],
        photo_description="Bewoners en studenten planten vaste planten in de binnentuin",
        shareable=True,
        consent=True,
    )
    return entry.attachments.get()


@pytest.fixture
def waiting_story(story_index, world, people, shared_photo):
    story = make_story(
        story_index,
        project=world["project"],
        body=[
            ("paragraph", "<p>Het begon met een vraag.</p>"),
            ("shared_photo", {"photo": shared_photo, "caption": ""}),
        ],
        editor=people["editor"],
    )
    submit(story, people["editor"])
    return StoryPage.objects.get(pk=story.pk)
