"""Stories on the public site: where they live in the page tree, the story index with its
filters and pages, the story page in both languages with the team's photos, and the number
of queries the index needs whatever the number of stories."""

import datetime
import re

import pytest
import wagtail_factories
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from cms.models import HomePage, StandardPage, StoryIndexPage, StoryPage
from marketplace.choices import ApplicationStatus, AttachmentKind
from marketplace.models import Attachment, ChallengeIndexPage, ChallengePage, LogEntry, Project
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    NeighbourhoodFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_index(home_page):
    """The story index as its factory makes it, with an intro (the shared one has none)."""
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def places():
    return {
        "green": ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="green"),
        "heritage": ThemeFactory(name="Erfgoed", name_en="", slug="heritage"),
        "merenwijk": NeighbourhoodFactory(name="Merenwijk", slug="merenwijk"),
        "stevenshof": NeighbourhoodFactory(name="Stevenshof", slug="stevenshof"),
    }


def story(parent, **kwargs):
    return StoryPageFactory(parent=parent, **kwargs)


def listed_titles(html: str) -> list[str]:
    """The titles of the story cards, in order."""
    return re.findall(r'class="story-card__title"><a href="[^"]+" lang="\w+">([^<]+)</a>', html)


# The page tree ---------------------------------------------------------------------------


def test_home_page_may_hold_one_story_index(home_page):
    assert StoryIndexPage in HomePage.allowed_subpage_models()
    assert StoryIndexPage.can_create_at(home_page)
    StoryIndexPageFactory(parent=home_page)
    assert not StoryIndexPage.can_create_at(home_page)  # max_count = 1


def test_story_index_lives_only_under_the_home_page(home_page):
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoryIndexPage.can_exist_under(home_page)
    for parent in (Page, StandardPage, ChallengeIndexPage, ChallengePage, StoryIndexPage, StoryPage):
        assert not StoryIndexPage.can_exist_under(parent()), parent


def test_story_index_holds_only_stories(story_index):
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]
    assert StoryPage.can_create_at(story_index)
    assert not StandardPage.can_create_at(story_index)
    assert not ChallengePage.can_create_at(story_index)


def test_story_lives_only_under_the_story_index_and_has_no_children(home_page, story_index):
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert not StoryPage.can_create_at(home_page)
    assert not StoryPage.can_exist_under(StandardPage())
    assert StoryPage.allowed_subpage_models() == []
    page = story(story_index)
    for model in (StoryPage, StandardPage, StoryIndexPage):
        assert not model.can_create_at(page)


# The story index -------------------------------------------------------------------------


@pytest.fixture
def shelf(story_index, places):
    """Four stories: three live, one a draft, one live but behind a password.

    ========  ==========  ==========  ============
    story     theme       place       date
    ========  ==========  ==========  ============
    Regen     green       Merenwijk   3 May 2025
    Molen     heritage    Stevenshof  2 May 2025
    Tuin      green       Stevenshof  1 May 2025
    Concept   green       Merenwijk   (draft)
    Geheim    green       Merenwijk   (private)
    ========  ==========  ==========  ============
    """
    made = {
        "regen": story(story_index, title="Regen", theme=places["green"], neighbourhood=places["merenwijk"],
                       date=datetime.date(2025, 5, 3)),
        "molen": story(story_index, title="Molen", theme=places["heritage"], neighbourhood=places["stevenshof"],
                       date=datetime.date(2025, 5, 2)),
        "tuin": story(story_index, title="Tuin", theme=places["green"], neighbourhood=places["stevenshof"],
                      date=datetime.date(2025, 5, 1)),
        "concept": story(story_index, title="Concept", theme=places["green"], neighbourhood=places["merenwijk"],
                         live=False),
        "geheim": story(story_index, title="Geheim", theme=places["green"], neighbourhood=places["merenwijk"]),
    }
    PageViewRestriction.objects.create(
        page=made["geheim"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return made


def test_index_lists_live_public_stories_newest_first(client, story_index, shelf):
    response = client.get(story_index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == ["Regen", "Molen", "Tuin"]
    assert "3 verhalen" in html
    assert '<h1 lang="nl">Verhalen</h1>' in html
    assert 'datetime="2025-05-03"' in html and "3 mei 2025" in html


def test_index_filters_by_theme_and_neighbourhood(client, story_index, shelf, places):
    by_theme = client.get(story_index.url, {"theme": places["green"].pk}).content.decode()
    assert listed_titles(by_theme) == ["Regen", "Tuin"]
    by_place = client.get(story_index.url, {"neighbourhood": places["stevenshof"].pk}).content.decode()
    assert listed_titles(by_place) == ["Molen", "Tuin"]
    both = client.get(
        story_index.url, {"theme": places["green"].pk, "neighbourhood": places["stevenshof"].pk}
    ).content.decode()
    assert listed_titles(both) == ["Tuin"]
    assert f'<option value="{places["green"].pk}" selected>' in both


def test_filters_that_match_nothing_show_an_empty_state_with_a_way_back(client, story_index, shelf, places):
    html = client.get(
        story_index.url, {"theme": places["heritage"].pk, "neighbourhood": places["merenwijk"].pk}
    ).content.decode()
    assert listed_titles(html) == []
    assert "0 verhalen" in html
    assert 'class="empty-state"' in html
    assert f'<a href="{story_index.url}">' in html  # clears the filters


def test_filter_form_is_a_labelled_get_form_with_a_button(client, story_index, shelf):
    html = client.get(story_index.url).content.decode()
    assert '<form class="filters" method="get" role="search"' in html
    assert '<label for="id_theme">' in html and '<label for="id_neighbourhood">' in html
    assert '<button type="submit" class="button">' in html


@pytest.mark.parametrize("value", ["99999", "groen", "-1"])
def test_an_unknown_theme_is_ignored_rather_than_an_error(client, story_index, shelf, value):
    response = client.get(story_index.url, {"theme": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == ["Regen", "Molen", "Tuin"]
    assert 'class="errorlist' in html  # the form says what was wrong


def test_an_unknown_theme_leaves_the_neighbourhood_filter_working(client, story_index, shelf, places):
    response = client.get(story_index.url, {"theme": "99999", "neighbourhood": places["stevenshof"].pk})
    assert response.status_code == 200
    assert listed_titles(response.content.decode()) == ["Molen", "Tuin"]


def test_index_pages_by_nine_and_keeps_the_filters(client, story_index, places):
    for day in range(1, 13):
        story(story_index, title=f"Verhaal van {day:02d} mei", theme=places["green"],
              date=datetime.date(2025, 5, day))
    story(story_index, title="Over erfgoed", theme=places["heritage"], date=datetime.date(2025, 6, 1))

    first = client.get(story_index.url, {"theme": places["green"].pk}).content.decode()
    assert len(listed_titles(first)) == 9
    assert "12 verhalen" in first
    assert f'href="?theme={places["green"].pk}&amp;pagina=2"' in first

    second = client.get(story_index.url, {"theme": places["green"].pk, "pagina": 2}).content.decode()
    assert listed_titles(second) == ["Verhaal van 03 mei", "Verhaal van 02 mei", "Verhaal van 01 mei"]
    assert f'href="?theme={places["green"].pk}&amp;pagina=1"' in second

    for bad in ("abc", "0", "99"):
        response = client.get(story_index.url, {"pagina": bad})
        assert response.status_code == 200, bad
    assert len(listed_titles(client.get(story_index.url, {"pagina": "abc"}).content.decode())) == 9
    assert len(listed_titles(client.get(story_index.url, {"pagina": "99"}).content.decode())) == 4  # the last page


def test_index_without_stories_says_so(client, story_index):
    html = client.get(story_index.url).content.decode()
    assert "0 verhalen" in html and 'class="empty-state"' in html
    assert 'class="pagination"' not in html


def test_card_without_hero_image_shows_a_placeholder_without_an_img(client, story_index):
    story(story_index, title="Zonder foto")
    html = client.get(story_index.url).content.decode()
    assert '<div class="story-card__placeholder" aria-hidden="true"></div>' in html
    assert "story-card__image" not in html


def test_card_with_hero_image_shows_a_rendition_with_its_alternative_text(client, story_index):
    image = wagtail_factories.ImageFactory()
    story(story_index, title="Met foto", hero_image=image, hero_alt="Bewoners planten een boom")
    html = client.get(story_index.url).content.decode()
    assert 'alt="Bewoners planten een boom"' in html
    assert "fill-640x400" in html and 'class="story-card__image"' in html


def test_index_query_count_does_not_grow_with_stories(client, story_index, places):
    """Counted per request, after a warm-up that makes the renditions and the settings rows.
    Fifteen: the site; Wagtail's routing to the index (three page rows, the alias check, the
    view restrictions of the page served); the view restrictions of ``public()``; the number
    of stories; the menu settings and the built-in menu's page; the themes and the
    neighbourhoods of the filter form; the stories of the page with their theme,
    neighbourhood and hero image; their renditions; the footer settings."""

    def add(n):
        for _ in range(n):
            story(story_index, theme=places["green"], neighbourhood=places["merenwijk"],
                  hero_image=wagtail_factories.ImageFactory(), hero_alt="Een foto uit de wijk")

    def count():
        client.get(story_index.url)  # warm-up: renditions of new images, settings rows
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story_index.url).status_code == 200
        return len(queries)

    add(2)
    small = count()
    add(10)
    large = count()
    assert small == large
    assert large <= 15, large


# The story page --------------------------------------------------------------------------


def make_project(challenge):
    team = TeamFactory()
    application = ApplicationFactory(challenge=challenge, team=team, status=ApplicationStatus.ACCEPTED)
    return Project.objects.create(challenge=challenge, team=team, application=application)


def shared_photo(project, description="Bewoners en studenten planten geraniums"):
    author = UserFactory()
    entry = LogEntry.objects.create(
        project=project, author=author, date=timezone.localdate(), text="Plantdag.",
        shareable=True, consent_by=author, consent_at=timezone.now(),
    )
    return Attachment.objects.create(
        project=project, entry=entry, kind=AttachmentKind.PHOTO, file="projects/test/plantdag.jpg",
        original_name="plantdag.jpg", content_type="image/jpeg", size=1234, description=description,
    )


@pytest.fixture
def photo_story(challenge_index, story_index, places):
    challenge = ChallengePageFactory(parent=challenge_index, title="Geveltuinen in de Merenwijk",
                                     neighbourhood=places["merenwijk"], themes=[places["green"]])
    project = make_project(challenge)
    photo = shared_photo(project)
    page = story(
        story_index,
        title="Een straat vol geraniums",
        title_en="A street full of geraniums",
        intro="Hoe een straat groener werd.",
        intro_en="",
        authors="Tekst: Sanne de Vries",
        date=datetime.date(2025, 5, 3),
        project=project,
        body=[
            ("heading", "De plantdag"),
            ("shared_photo", {"photo": photo, "caption": "De plantdag in mei"}),
        ],
        body_en=[],
    )
    return {"page": page, "photo": photo, "challenge": challenge, "project": project}


def test_story_page_shows_the_team_photo_through_the_story_photo_address(client, photo_story):
    page, photo = photo_story["page"], photo_story["photo"]
    html = client.get(page.url).content.decode()
    address = reverse("stories:photo", args=[page.pk, photo.pk])
    assert f'<img src="{address}" alt="Bewoners en studenten planten geraniums"' in html
    assert "<figcaption>De plantdag in mei</figcaption>" in html
    assert reverse("projects:file", args=[photo.pk]) not in html  # never the private address


def test_story_page_article(client, photo_story):
    html = client.get(photo_story["page"].url).content.decode()
    assert '<h1 class="story__title" lang="nl">Een straat vol geraniums</h1>' in html
    assert '<p class="story__intro" lang="nl">Hoe een straat groener werd.</p>' in html
    assert "Tekst: Sanne de Vries" in html
    assert '<time datetime="2025-05-03">3 mei 2025</time>' in html
    assert "Duurzaamheid" in html and "Merenwijk" in html  # theme and neighbourhood from the challenge
    challenge = photo_story["challenge"]
    assert f'<a href="{challenge.url}" lang="nl">Geveltuinen in de Merenwijk</a>' in html


def test_story_page_hides_the_challenge_link_while_the_challenge_is_not_live(client, photo_story):
    challenge = photo_story["challenge"]
    ChallengePage.objects.filter(pk=challenge.pk).update(live=False)
    html = client.get(photo_story["page"].url).content.decode()
    assert "Geveltuinen in de Merenwijk" not in html
    assert f'href="{challenge.url}"' not in html


def test_english_story_falls_back_to_dutch_field_by_field_marked_as_dutch(client, photo_story):
    page = photo_story["page"]
    html = client.get(f"/en{page.url}").content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="story__title" lang="en">A street full of geraniums</h1>' in html
    assert '<p class="story__intro" lang="nl">Hoe een straat groener werd.</p>' in html
    assert '<div class="story__body" lang="nl">' in html  # no English body: the Dutch one, marked
    assert '<time datetime="2025-05-03">3 May 2025</time>' in html
    assert 'lang="en">Sustainability</dd>' in html


def test_a_deleted_team_photo_renders_nothing(client, photo_story):
    photo_story["photo"].delete()
    response = client.get(photo_story["page"].url)
    assert response.status_code == 200
    assert "block-shared-photo" not in response.content.decode()


def test_article_renders_from_an_unsaved_revision_object(photo_story):
    """The owner's preview renders the article with a revision's page object."""
    page = photo_story["page"]
    page.title = "Een nieuwe titel"
    revision = page.save_revision()
    preview = revision.as_object()
    request = RequestFactory().get("/")
    with translation.override("nl"):
        html = render_to_string(
            "cms/includes/story_article.html", {"page": preview, "request": request, "heading_level": 3}
        )
    assert '<h3 class="story__title" lang="nl">Een nieuwe titel</h3>' in html
    assert reverse("stories:photo", args=[page.pk, photo_story["photo"].pk]) in html


def test_story_page_links_back_to_the_index(client, story_index, photo_story):
    html = client.get(photo_story["page"].url).content.decode()
    assert f'<a href="{story_index.url}">' in html
