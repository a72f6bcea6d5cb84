"""A story goes online only through its workflow: the admin's direct ways to publish are closed
for stories (they stay open for other pages)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import StandardPage, StoryPage
from tests.cms.helpers import make_story

pytestmark = pytest.mark.django_db


def edit_data(story, **extra):
    return nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "intro": story.intro,
            "body": streamfield([]),
            "body_en": streamfield([]),
            "authors": story.authors,
            "date": "2026-11-20",
            "project": story.project_id or "",
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_the_story_editor_has_no_publish_button_unlike_other_pages(client, story_index, people, home_page):
    story = make_story(story_index, editor=people["editor"])
    other = StandardPage(title="Over", slug="over-test", intro="Over ons")
    home_page.add_child(instance=other)
    client.force_login(people["editor"])
    story_html = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    other_html = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).content.decode()
    assert 'name="action-publish"' in other_html
    assert 'name="action-publish"' not in story_html
    assert 'name="action-submit"' in story_html  # to the workflow instead


def test_posting_publish_for_a_story_keeps_it_offline(client, story_index, people, world):
    story = make_story(story_index, project=world["project"], editor=people["editor"])
    client.force_login(people["editor"])
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = client.post(url, edit_data(story, **{"action-publish": "action-publish"}))
    assert response.status_code == 302 and response["Location"] == url
    assert not StoryPage.objects.get(pk=story.pk).live
    messages = [str(m) for m in response.wsgi_request._messages]
    assert (
        "Een verhaal komt online via zijn workflow: dien het in, de eigenaar van de uitdaging bevestigt het op de "
        "site, en keur het daarna goed en publiceer het."
    ) in messages  # the editor's admin is in Dutch, the site's language


def test_stories_are_not_published_in_bulk(client, story_index, people):
    story = make_story(story_index, editor=people["editor"])
    client.force_login(people["editor"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={story.pk}"
    response = client.post(url, {"include_descendants": False})
    assert response.status_code == 302
    assert not StoryPage.objects.get(pk=story.pk).live
