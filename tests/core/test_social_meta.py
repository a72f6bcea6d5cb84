"""What a link to a public page shows when it is pasted into WhatsApp, Signal, Teams or LinkedIn:
the Open Graph and Twitter card tags, read back from the HTML of each public page type in both
languages (core.social)."""

from html.parser import HTMLParser

import pytest
import wagtail_factories
from django.utils import timezone

from marketplace.models import ChallengePage
from tests.factories import (
    ChallengePageFactory,
    ChallengePageImageFactory,
    OrganisationFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db


class MetaTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("property") or attributes.get("name")
        if tag == "meta" and name and (name.startswith("og:") or name.startswith("twitter:")):
            self.tags.setdefault(name, []).append(attributes.get("content", ""))


def meta(client, path) -> dict[str, str]:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = MetaTags()
    parser.feed(response.content.decode())
    tags = {name: values[0] for name, values in parser.tags.items()}
    tags["og:locale:alternate"] = parser.tags.get("og:locale:alternate", [])
    return tags


@pytest.fixture
def pages(challenge_index, home_page):
    challenge = ChallengePageFactory(
        parent=challenge_index, title="Schaduw op het schoolplein", summary="Waar is het te heet voor de kinderen?",
        summary_en="Where is it too hot for the children?", slug="schaduw",
    )
    ChallengePageImageFactory(
        page=challenge, alt_text="Een schoolplein met tegels",
        image=wagtail_factories.ImageFactory(file__width=1600, file__height=1000),
    )
    plain = ChallengePageFactory(parent=challenge_index, title="Zonder foto", slug="zonder-foto")
    stories = StoryIndexPageFactory(parent=home_page)
    story = StoryPageFactory(
        parent=stories, title="Koelte in de Merenwijk", title_en="Cool in the Merenwijk", slug="koelte",
        intro="Wat de kinderen vonden.", intro_en="What the children found.",
        hero_image=wagtail_factories.ImageFactory(), hero_alt="Kinderen onder een boom",
        hero_alt_en="Children under a tree",
    )
    organisation = OrganisationFactory(name="Buurtvereniging Merenwijk", description="Wij zijn de buren.")
    return {"challenge": challenge, "plain": plain, "story": story, "organisation": organisation}


def test_a_challenge_shows_its_title_summary_and_photo_in_both_languages(client, pages):
    path = pages["challenge"].url
    dutch = meta(client, path)
    assert dutch["og:title"] == dutch["twitter:title"] == "Schaduw op het schoolplein"
    assert dutch["og:description"] == "Waar is het te heet voor de kinderen?"
    assert dutch["og:url"] == f"http://testserver{path}"
    assert dutch["og:locale"] == "nl_NL" and dutch["og:locale:alternate"] == ["en_GB"]
    assert dutch["og:image"].startswith("http://testserver/") and ".fill-1200x630" in dutch["og:image"]
    assert (dutch["og:image:width"], dutch["og:image:height"]) == ("1200", "630")
    assert dutch["og:image:alt"] == "Een schoolplein met tegels"
    assert dutch["twitter:card"] == "summary_large_image"
    assert dutch["og:type"] == "website" and dutch["og:site_name"] == "Leren met de Stad"

    english = meta(client, f"/en{path}")
    assert english["og:description"] == "Where is it too hot for the children?"
    assert english["og:locale"] == "en_GB" and english["og:locale:alternate"] == ["nl_NL"]
    assert english["og:url"] == f"http://testserver/en{path}"


def test_a_page_without_a_photo_shows_the_sites_card(client, pages):
    tags = meta(client, pages["plain"].url)
    assert tags["og:image"] == "http://testserver/static/img/social-card.png"
    assert tags["og:image:alt"] == "Leren met de Stad: vragen van bewoners, werk van studenten"


def test_a_story_is_an_article_with_its_hero_image(client, pages):
    path = pages["story"].url
    dutch = meta(client, path)
    assert (dutch["og:type"], dutch["og:title"], dutch["og:description"]) == (
        "article", "Koelte in de Merenwijk", "Wat de kinderen vonden."
    )
    assert dutch["og:image:alt"] == "Kinderen onder een boom"
    english = meta(client, f"/en{path}")
    assert (english["og:title"], english["og:description"], english["og:image:alt"]) == (
        "Cool in the Merenwijk", "What the children found.", "Children under a tree"
    )


@pytest.mark.parametrize(
    ("paths", "titles"),
    [
        (("/", "/en/"), None),
        (("/uitdagingen/", "/en/uitdagingen/"), ("Uitdagingen", "Challenges")),
        (("/verhalen/", "/en/verhalen/"), None),
        (("/organisaties/", "/en/organisations/"), ("Organisaties", "Organisations")),
        (("/impact/", "/en/impact/"), ("Impact", "Impact")),
    ],
)
def test_every_public_list_and_the_home_page_have_a_card_in_both_languages(client, pages, paths, titles):
    for index, path in enumerate(paths):
        tags = meta(client, path)
        assert tags["og:title"] and tags["og:description"] and tags["og:image"].startswith("http://testserver/")
        assert tags["og:url"] == f"http://testserver{path}"
        if titles is not None:
            assert tags["og:title"] == titles[index]
        assert tags["og:locale"] == ("en_GB" if index else "nl_NL")


def test_an_organisation_shows_its_name_and_description(client, pages):
    organisation = pages["organisation"]
    tags = meta(client, organisation.get_absolute_url())
    assert (tags["og:title"], tags["og:description"]) == ("Buurtvereniging Merenwijk", "Wij zijn de buren.")


def test_a_hidden_challenge_previews_nothing_of_itself(client, pages):
    challenge = pages["challenge"]
    ChallengePage.objects.filter(pk=challenge.pk).update(hidden_at=timezone.now())  # reported, pending review
    tags = meta(client, challenge.url)
    assert tags["og:title"] == "Verborgen uitdaging"
    assert "og:description" not in tags and "twitter:description" not in tags
    assert tags["og:image"].endswith("/static/img/social-card.png")


def test_a_story_and_a_challenge_page_offer_sharing_without_a_third_party_script(client, pages):
    for path in (pages["challenge"].url, pages["story"].url):
        html = client.get(path).content.decode()
        assert "data-share data-share-title" in html
        full_url = f"http://testserver{path}"
        assert f"body={full_url.replace(':', '%3A').replace('/', '%2F')}" in html
        assert 'href="https://wa.me/?text=' in html
        assert "<script src=\"http" not in html


def test_a_photo_whose_file_is_gone_leaves_the_page_with_the_sites_card(client, pages):
    picture = pages["challenge"].images.get()
    picture.image.renditions.all().delete()
    picture.image.file.storage.delete(picture.image.file.name)
    tags = meta(client, pages["challenge"].url)
    assert tags["og:image"].endswith("/static/img/social-card.png")
