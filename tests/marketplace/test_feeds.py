import html
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ChallengePageFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
)
from tests.marketplace.helpers import days_ago

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def feed_url(name, language="nl", **kwargs):
    with translation.override(language):
        return reverse(f"feeds:{name}", kwargs=kwargs or None)


def parse(content):
    return ET.fromstring(content)  # noqa: S314 (the site's own feed, not untrusted input)


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def rss_items(client, url):
    response = fetch(client, url)
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(client, url):
    response = fetch(client, url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response.content)
    return feed, feed.findall(f"{ATOM}entry")


@pytest.fixture
def catalogue(challenge_index):
    green = ThemeFactory(name="Groen", name_en="Green", slug="groen")
    heritage = ThemeFactory(name="Erfgoed", name_en="Heritage", slug="erfgoed")
    noord = NeighbourhoodFactory(name="Leiden-Noord", slug="leiden-noord")
    return {
        "green": green,
        "heritage": heritage,
        "noord": noord,
        "vlinders": ChallengePageFactory(
            parent=challenge_index,
            title="Vlinders tellen",
            summary="Hoeveel vlinders wonen er in Noord?",
            summary_en="How many butterflies live in Noord?",
            themes=[green],
            neighbourhood=noord,
            posted_by=UserFactory(display_name="Anneke Vermeulen"),
            first_published_at=days_ago(1),
        ),
        "hofjes": ChallengePageFactory(
            parent=challenge_index,
            title="Verhalen van de hofjes",
            summary="Verhalen & foto's <verzamelen>",
            themes=[heritage],
            organisation=OrganisationFactory(name="Wijkvereniging De Hofjes"),
            first_published_at=days_ago(3),
        ),
        "tuin": ChallengePageFactory(
            parent=challenge_index,
            title="Een groene binnentuin",
            themes=[green, heritage],
            first_published_at=days_ago(2),
        ),
        "draft": ChallengePageFactory(
            parent=challenge_index, title="Geheim concept", themes=[green], neighbourhood=noord, live=False
        ),
    }


def test_rss_lists_live_challenges_newest_first(client, catalogue):
    channel, items = rss_items(client, feed_url("challenges_rss"))
    assert channel.findtext("title") == "Leren met de Stad – nieuwe uitdagingen"
    assert channel.findtext("link") == "http://testserver/uitdagingen/"
    assert channel.findtext("language") == "nl"
    assert [item.findtext("title") for item in items] == [
        "Vlinders tellen",
        "Een groene binnentuin",
        "Verhalen van de hofjes",
    ]
    # The draft, in the same theme and neighbourhood as "Vlinders tellen", is in no feed.
    vlinders, tuin, hofjes = items
    assert vlinders.findtext("link") == f"http://testserver/uitdagingen/{catalogue['vlinders'].slug}/"
    assert vlinders.findtext("description") == "Hoeveel vlinders wonen er in Noord?"
    assert vlinders.findtext(f"{DC}creator") == "Anneke uit Leiden-Noord"
    published = catalogue["vlinders"].first_published_at.replace(microsecond=0)
    assert parsedate_to_datetime(vlinders.findtext("pubDate")) == published
    assert [c.text for c in tuin.findall("category")] == ["Erfgoed", "Groen"]
    # An organisation's challenge names the organisation, not the person who typed it.
    assert hofjes.findtext(f"{DC}creator") == "Wijkvereniging De Hofjes"
    # The summary is plain text; a reader that treats it as HTML shows it as typed.
    description = hofjes.findtext("description")
    assert "<" not in description
    assert html.unescape(description) == "Verhalen & foto's <verzamelen>"


def test_atom_lists_live_challenges_newest_first(client, catalogue):
    feed, entries = atom_entries(client, feed_url("challenges_atom"))
    assert feed.findtext(f"{ATOM}title") == "Leren met de Stad – nieuwe uitdagingen"
    assert feed.find(f"{ATOM}subtitle") is not None
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Vlinders tellen",
        "Een groene binnentuin",
        "Verhalen van de hofjes",
    ]
    vlinders = entries[0]
    assert vlinders.find(f"{ATOM}link").get("href") == f"http://testserver/uitdagingen/{catalogue['vlinders'].slug}/"
    assert vlinders.findtext(f"{ATOM}summary") == "Hoeveel vlinders wonen er in Noord?"
    assert vlinders.findtext(f"{ATOM}author/{ATOM}name") == "Anneke uit Leiden-Noord"
    assert vlinders.findtext(f"{ATOM}published")
    assert vlinders.findtext(f"{ATOM}updated")
    assert [c.get("term") for c in vlinders.findall(f"{ATOM}category")] == ["Groen"]


def test_a_challenge_without_a_poster_has_no_author_but_the_feed_is_still_valid_atom(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, posted_by=None, first_published_at=days_ago(1))
    channel, items = rss_items(client, feed_url("challenges_rss"))
    assert items[0].find(f"{DC}creator") is None
    feed, entries = atom_entries(client, feed_url("challenges_atom"))
    # RFC 4287: an entry without an author takes the feed's.
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Leren met de Stad"


def test_a_feed_holds_at_most_thirty_challenges(client, challenge_index):
    for day in range(32):
        ChallengePageFactory(parent=challenge_index, title=f"Uitdaging van dag {day}", first_published_at=days_ago(day))
    channel, items = rss_items(client, feed_url("challenges_rss"))
    assert len(items) == 30
    assert items[0].findtext("title") == "Uitdaging van dag 0"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_theme_feed_lists_only_that_theme(client, catalogue, kind):
    url = feed_url(f"theme_{kind}", slug="groen")
    if kind == "rss":
        channel, items = rss_items(client, url)
        titles = [item.findtext("title") for item in items]
        assert "Groen" in channel.findtext("title")
        assert channel.findtext("link") == "http://testserver/uitdagingen/?theme=groen"
    else:
        feed, entries = atom_entries(client, url)
        titles = [entry.findtext(f"{ATOM}title") for entry in entries]
        assert "Groen" in feed.findtext(f"{ATOM}title")
        assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/uitdagingen/?theme=groen"
    assert titles == ["Vlinders tellen", "Een groene binnentuin"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_neighbourhood_feed_lists_only_that_neighbourhood(client, catalogue, kind):
    url = feed_url(f"neighbourhood_{kind}", slug="leiden-noord")
    if kind == "rss":
        channel, items = rss_items(client, url)
        titles = [item.findtext("title") for item in items]
        assert "Leiden-Noord" in channel.findtext("title")
        assert channel.findtext("link") == "http://testserver/uitdagingen/?neighbourhood=leiden-noord"
    else:
        feed, entries = atom_entries(client, url)
        titles = [entry.findtext(f"{ATOM}title") for entry in entries]
        assert "Leiden-Noord" in feed.findtext(f"{ATOM}title")
    assert titles == ["Vlinders tellen"]


def test_english_feeds_live_under_en(client, catalogue):
    url = feed_url("theme_rss", language="en", slug="groen")
    assert url.startswith("/en/")
    channel, items = rss_items(client, url)
    assert channel.findtext("title") == "Leren met de Stad – theme: Green"
    assert channel.findtext("language") == "en"
    assert channel.findtext("link") == "http://testserver/en/uitdagingen/?theme=groen"
    vlinders, tuin = items
    assert vlinders.findtext("link") == f"http://testserver/en/uitdagingen/{catalogue['vlinders'].slug}/"
    assert vlinders.findtext("description") == "How many butterflies live in Noord?"
    assert [c.text for c in vlinders.findall("category")] == ["Green"]
    # Without an English summary the Dutch one is shown.
    assert tuin.findtext("description") == "Een vraag uit de wijk."

    feed, entries = atom_entries(client, feed_url("challenges_atom", language="en"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext(f"{ATOM}title") == "Leren met de Stad – new challenges"
    channel, items = rss_items(client, feed_url("neighbourhood_rss", language="en", slug="leiden-noord"))
    assert channel.findtext("title") == "Leren met de Stad – neighbourhood: Leiden-Noord"


def test_dutch_feed_uses_dutch_theme_names(client, catalogue):
    channel, items = rss_items(client, feed_url("theme_rss", slug="groen"))
    assert channel.findtext("title") == "Leren met de Stad – thema: Groen"
    assert channel.findtext("language") == "nl"
    assert [c.text for c in items[0].findall("category")] == ["Groen"]


@pytest.mark.parametrize("name", ["theme_rss", "theme_atom", "neighbourhood_rss", "neighbourhood_atom"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_unknown_slug_is_not_found(client, catalogue, name, language):
    assert client.get(feed_url(name, language=language, slug="bestaat-niet")).status_code == 404


def test_contact_details_and_email_addresses_never_reach_a_feed(client, challenge_index):
    theme = ThemeFactory(slug="groen")
    wijk = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    poster = UserFactory(email="poster.geheim@example.net", display_name="Sanne de Vries")
    private = {
        "contact_name": "Zwaantje Verborgen-Contact",
        "contact_email": "zwaantje.verborgen@example.net",
        "contact_phone": "071 999 88 77",
    }
    ChallengePageFactory(
        parent=challenge_index, title="Een bewonersvraag", themes=[theme], neighbourhood=wijk, posted_by=poster,
        first_published_at=days_ago(1), **private,
    )
    ChallengePageFactory(
        parent=challenge_index, title="Een vraag van de vereniging", themes=[theme], neighbourhood=wijk,
        posted_by=poster, organisation=OrganisationFactory(name="Buurthuis De Merenwijk"),
        first_published_at=days_ago(2), **private,
    )
    # A resident shows as first name and neighbourhood: never the full name.
    secrets = [*private.values(), poster.email, "@", "de Vries"]
    author = {"nl": b"Sanne uit Merenwijk", "en": b"Sanne from Merenwijk"}
    for language in ["nl", "en"]:
        for kind in ["rss", "atom"]:
            for url in [
                feed_url(f"challenges_{kind}", language=language),
                feed_url(f"theme_{kind}", language=language, slug="groen"),
                feed_url(f"neighbourhood_{kind}", language=language, slug="merenwijk"),
            ]:
                content = fetch(client, url).content
                assert b"Een bewonersvraag" in content, url
                assert author[language] in content, url
                assert b"Buurthuis De Merenwijk" in content, url
                for secret in secrets:
                    assert secret.encode() not in content, (url, secret)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_index_page_announces_its_feeds(client, catalogue, challenge_index, language):
    with translation.override(language):
        index_url = challenge_index.url

    def feeds_on(query=""):
        soup = BeautifulSoup(client.get(f"{index_url}{query}").content, "html.parser")
        head = {(link["type"], link["href"]) for link in soup.head.select("link[rel=alternate]")}
        visible = [a["href"] for a in soup.select(".listing__feeds a")]
        return head, visible

    everything = {
        ("application/rss+xml", feed_url("challenges_rss", language=language)),
        ("application/atom+xml", feed_url("challenges_atom", language=language)),
    }
    head, visible = feeds_on()
    assert head == everything
    # Beside the feed, the calendar of the same challenges' deadlines.
    assert visible == [feed_url("challenges_rss", language=language), feed_url("challenges_ics", language=language)]
    for link_type, href in head:
        assert client.get(href)["Content-Type"].startswith(link_type)

    head, visible = feeds_on("?theme=groen&level=hbo")
    assert head == everything | {
        ("application/rss+xml", feed_url("theme_rss", language=language, slug="groen")),
        ("application/atom+xml", feed_url("theme_atom", language=language, slug="groen")),
    }
    assert visible == [
        feed_url("theme_rss", language=language, slug="groen"), feed_url("theme_ics", language=language, slug="groen")
    ]

    head, visible = feeds_on("?neighbourhood=leiden-noord")
    assert head == everything | {
        ("application/rss+xml", feed_url("neighbourhood_rss", language=language, slug="leiden-noord")),
        ("application/atom+xml", feed_url("neighbourhood_atom", language=language, slug="leiden-noord")),
    }
    assert visible == [
        feed_url("neighbourhood_rss", language=language, slug="leiden-noord"),
        feed_url("neighbourhood_ics", language=language, slug="leiden-noord"),
    ]

    # A filter the form refuses leaves the whole list, and so only the feed of everything.
    head, visible = feeds_on("?theme=bestaat-niet")
    assert head == everything


def _fill(index, count, theme, neighbourhood, organisation):
    for number in range(count):
        ChallengePageFactory(
            parent=index,
            themes=[theme, ThemeFactory()],
            neighbourhood=neighbourhood,
            organisation=organisation if number % 2 else None,
            first_published_at=days_ago(number),
        )


# What people type: apostrophes, quotes, ampersands and angle brackets, in every field a feed carries.
TRICKY = {
    "title": "Leiden's \"groene\" hofjes & <tuinen>",
    "summary": "Wat Leiden's bewoners \"echt\" willen: bankjes & bomen, <geen> tegels.",
    "organisation": "Stichting 't Groene Hart & Co",
    "theme": "Kunst & cultuur's <mooiste>",
}


@pytest.mark.parametrize("kind", ["challenges_rss", "challenges_atom"])
def test_a_feed_reader_shows_what_was_typed_with_quotes_ampersands_and_brackets(client, challenge_index, kind):
    """Read by a real feed parser, not by our own XML reading: the title and the author as
    plain text, the summary as the HTML a reader shows (its text), the theme as a category."""
    ChallengePageFactory(
        parent=challenge_index,
        title=TRICKY["title"],
        summary=TRICKY["summary"],
        organisation=OrganisationFactory(name=TRICKY["organisation"]),
        themes=[ThemeFactory(name=TRICKY["theme"], name_en=TRICKY["theme"], slug="kunst")],
    )
    feed = feedparser.parse(fetch(client, feed_url(kind)).content)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.title == TRICKY["title"]
    # As HTML (what most readers do) and as text (what the others do, and notification previews).
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == TRICKY["summary"]
    assert entry.summary == 'Wat Leiden\'s bewoners "echt" willen: bankjes &amp; bomen, &lt;geen&gt; tegels.'
    assert entry.author == TRICKY["organisation"]
    assert [tag.term for tag in entry.tags] == [TRICKY["theme"]]


def test_feed_query_count_does_not_grow(client, challenge_index, django_assert_num_queries):
    """The theme or neighbourhood (for their feeds), the challenge index for the feed's link,
    the site for the request (to route the links), the sections with a view restriction (left
    out), the 30 newest challenges with their neighbourhood, organisation and poster joined, and
    one query for their themes: the same at 10 and at 200 challenges."""
    theme = ThemeFactory(slug="groen")
    neighbourhood = NeighbourhoodFactory(slug="merenwijk")
    organisation = OrganisationFactory()
    urls = [
        feed_url("challenges_rss"),
        feed_url("theme_atom", slug="groen"),
        feed_url("neighbourhood_rss", language="en", slug="merenwijk"),
    ]
    _fill(challenge_index, 10, theme, neighbourhood, organisation)
    small_counts = {}
    for url in urls:
        client.get(url)  # the site's root paths are cached on the first visit
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200
        small_counts[url] = len(small.captured_queries)  # read now: the next request clears the log
    assert list(small_counts.values()) == [5, 6, 6]

    _fill(challenge_index, 190, theme, neighbourhood, organisation)
    for url in urls:
        client.get(url)
        with django_assert_num_queries(small_counts[url]):
            response = client.get(url)
        root = parse(response.content)
        assert len(root.findall("channel/item") or root.findall(f"{ATOM}entry")) == 30, url
