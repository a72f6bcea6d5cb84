"""The map of challenges by neighbourhood (/uitdagingen/?weergave=kaart): what it counts, the list of
neighbourhoods that carries the same information without JavaScript, the filters it keeps, what it
costs in queries, and the neighbourhoods' coordinates it stands on."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from demo.marketplace import seed_marketplace
from demo.site import seed_site_pages
from marketplace.choices import ChallengeStatus
from marketplace.models import Neighbourhood
from marketplace.selectors.challenges import neighbourhoods_with_challenge_counts
from tests.factories import (
    ChallengeIndexPageFactory,
    ChallengePageFactory,
    NeighbourhoodFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def counts(**filters) -> dict[str, int]:
    return {n.name: n.challenge_count for n in neighbourhoods_with_challenge_counts(**filters)}


@pytest.fixture
def leiden(challenge_index):
    """Three neighbourhoods, two on the map, and challenges in two of them."""
    green = ThemeFactory(name="Groen", name_en="Green", slug="groen")
    heritage = ThemeFactory(name="Erfgoed", name_en="Heritage", slug="erfgoed")
    stevenshof = NeighbourhoodFactory(
        name="Stevenshof", slug="stevenshof", latitude=Decimal("52.14300"), longitude=Decimal("4.45500")
    )
    merenwijk = NeighbourhoodFactory(
        name="Merenwijk", slug="merenwijk", latitude=Decimal("52.17500"), longitude=Decimal("4.50500")
    )
    morsdistrict = NeighbourhoodFactory(name="Morsdistrict", slug="morsdistrict")  # no coordinates yet
    for title in ("Een groene binnentuin", "Geveltuinen in de Stevenshof", "Vlinders in het park"):
        ChallengePageFactory(parent=challenge_index, title=title, neighbourhood=stevenshof, themes=[green])
    ChallengePageFactory(
        parent=challenge_index, title="Verhalen van de Merenwijk", neighbourhood=merenwijk, themes=[heritage],
        level_mbo=False,
    )
    ChallengePageFactory(
        parent=challenge_index, title="De oude Morspoort", neighbourhood=morsdistrict, themes=[heritage],
        status=ChallengeStatus.COMPLETED,
    )
    return {"stevenshof": stevenshof, "merenwijk": merenwijk, "morsdistrict": morsdistrict, "green": green}


# The selector: what the map counts


def test_each_neighbourhood_counts_its_live_challenges_by_name(leiden, challenge_index):
    assert counts(parent=challenge_index) == {"Merenwijk": 1, "Morsdistrict": 1, "Stevenshof": 3}
    assert [n.name for n in neighbourhoods_with_challenge_counts(parent=challenge_index)] == [
        "Merenwijk", "Morsdistrict", "Stevenshof",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"level": "mbo"}, {"Morsdistrict": 1, "Stevenshof": 3}),
        ({"status": ChallengeStatus.COMPLETED}, {"Morsdistrict": 1}),
        ({"q": "Merenwijk"}, {"Merenwijk": 1}),
        ({"q": "binnentuin"}, {"Stevenshof": 1}),
        ({"mixed": True}, {}),
    ],
)
def test_the_counts_honour_the_filters(leiden, challenge_index, filters, expected):
    assert counts(parent=challenge_index, **filters) == expected


def test_the_counts_honour_the_theme_and_neighbourhood_filters(leiden, challenge_index):
    assert counts(parent=challenge_index, theme=leiden["green"]) == {"Stevenshof": 3}
    assert counts(parent=challenge_index, neighbourhood=leiden["merenwijk"]) == {"Merenwijk": 1}


def test_drafts_restricted_challenges_and_challenges_elsewhere_are_not_counted(leiden, challenge_index, home_page):
    stevenshof = leiden["stevenshof"]
    ChallengePageFactory(parent=challenge_index, neighbourhood=stevenshof, live=False)
    private = ChallengePageFactory(parent=challenge_index, neighbourhood=stevenshof)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ChallengePageFactory(parent=ChallengeIndexPageFactory(parent=home_page, slug="elders"), neighbourhood=stevenshof)
    assert counts(parent=challenge_index)["Stevenshof"] == 3


def test_a_markers_count_is_what_its_list_shows(client, leiden, challenge_index):
    """A hidden challenge counts on the map as on the list (as its "hidden challenge" card)."""
    hidden = ChallengePageFactory(parent=challenge_index, neighbourhood=leiden["stevenshof"])
    type(hidden).objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    soup = page_soup(client, f"{challenge_index.url}?weergave=kaart")
    for item in soup.select("[data-map-place]"):
        listed = page_soup(client, item.a["href"])
        assert len(listed.select(".challenge-card")) == int(item["data-count"]), item.a.get_text()


def test_a_neighbourhood_without_matching_challenges_is_left_out(leiden, challenge_index):
    NeighbourhoodFactory(name="Leiden-Noord", slug="leiden-noord", latitude=52.1735, longitude=4.4895)
    assert "Leiden-Noord" not in counts(parent=challenge_index)


# The page


def page_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_without_javascript_the_map_view_lists_the_neighbourhoods_with_counts_linking_to_the_list(
    client, leiden, challenge_index
):
    soup = page_soup(client, f"{challenge_index.url}?weergave=kaart")
    items = soup.select(".neighbourhood-counts__item")
    assert [" ".join(item.a.get_text().split()) for item in items] == [
        "Merenwijk: 1 uitdaging",
        "Morsdistrict: 1 uitdaging",
        "Stevenshof: 3 uitdagingen",
    ]
    assert [item.a["href"] for item in items] == [
        f"{challenge_index.url}?neighbourhood=merenwijk",
        f"{challenge_index.url}?neighbourhood=morsdistrict",
        f"{challenge_index.url}?neighbourhood=stevenshof",
    ]
    # What the map draws comes from the list: a neighbourhood without coordinates stays off it.
    # Coordinates are written with a point, not the Dutch decimal comma.
    assert [(item.get("data-latitude"), item.get("data-longitude"), item["data-count"]) for item in items] == [
        ("52.17500", "4.50500", "1"),
        (None, None, "1"),
        ("52.14300", "4.45500", "3"),
    ]
    assert soup.select_one("h2#results-heading").get_text(strip=True) == "5 uitdagingen"
    # The map is drawn by JavaScript only; no cards, no pages of them.
    assert soup.select_one("[data-challenge-map]").has_attr("hidden")
    assert soup.select(".challenge-card") == []


def test_the_map_view_in_english(client, leiden, challenge_index):
    soup = page_soup(client, "/en/uitdagingen/?weergave=kaart")
    item = soup.select(".neighbourhood-counts__item")[-1]
    assert (item["data-latitude"], item["data-longitude"]) == ("52.14300", "4.45500")
    assert " ".join(item.a.get_text().split()) == "Stevenshof: 3 challenges"
    assert item.a["href"] == "/en/uitdagingen/?neighbourhood=stevenshof"


def test_the_map_keeps_the_filters_and_links_each_neighbourhood_to_the_list_with_them(
    client, leiden, challenge_index
):
    soup = page_soup(client, f"{challenge_index.url}?theme=groen&sort=deadline&weergave=kaart&pagina=2")
    assert [a["href"] for a in soup.select(".neighbourhood-counts__item a")] == [
        f"{challenge_index.url}?theme=groen&sort=deadline&neighbourhood=stevenshof",
    ]
    switch = {a.get_text(strip=True): a for a in soup.select(".view-switch a")}
    assert [a["href"] for a in switch.values()] == [
        f"{challenge_index.url}?theme=groen&sort=deadline",
        f"{challenge_index.url}?theme=groen&sort=deadline&weergave=kaart",
    ]
    assert [a.get("aria-current") for a in switch.values()] == [None, "page"]
    # Filtering again stays on the map.
    assert soup.select_one("form.filters input[type=hidden][name=weergave]")["value"] == "kaart"
    assert soup.select_one("form.filters select[name=theme] option[selected]")["value"] == "groen"


def test_the_links_leave_out_the_empty_fields_of_a_sent_filter_form(client, leiden, challenge_index):
    soup = page_soup(client, f"{challenge_index.url}?q=&theme=groen&neighbourhood=&level=&mixed=&weergave=kaart")
    assert [a["href"] for a in soup.select(".view-switch a, .neighbourhood-counts__item a")] == [
        f"{challenge_index.url}?theme=groen",
        f"{challenge_index.url}?theme=groen&weergave=kaart",
        f"{challenge_index.url}?theme=groen&neighbourhood=stevenshof",
    ]


def test_the_list_links_to_the_map_with_its_filters(client, leiden, challenge_index):
    soup = page_soup(client, f"{challenge_index.url}?theme=groen&pagina=1")
    assert [(a["href"], a.get("aria-current")) for a in soup.select(".view-switch a")] == [
        (f"{challenge_index.url}?theme=groen", "page"),
        (f"{challenge_index.url}?theme=groen&weergave=kaart", None),
    ]
    assert soup.select("form.filters input[name=weergave]") == []
    assert soup.select_one("h2#results-heading").get_text(strip=True) == "3 uitdagingen"


def test_leaflet_and_the_map_script_load_on_the_map_view_only(client, leiden, challenge_index):
    def assets(url):
        soup = page_soup(client, url)
        return [s["src"] for s in soup.select("script[src]")] + [
            link["href"] for link in soup.select("link[rel=stylesheet]")
        ]

    on_the_map = assets(f"{challenge_index.url}?weergave=kaart")
    assert {"/static/vendor/leaflet/leaflet.js", "/static/js/challenge-map.js"} <= set(on_the_map)
    assert "/static/vendor/leaflet/leaflet.css" in on_the_map
    assert not any("leaflet" in asset or "challenge-map" in asset for asset in assets(challenge_index.url))


def test_the_map_takes_its_tiles_and_credit_from_the_settings(client, leiden, challenge_index, settings):
    settings.MAP_TILE_URL = "https://tegels.example.nl/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Kaart © Voorbeeld"
    soup = page_soup(client, f"{challenge_index.url}?weergave=kaart")
    element = soup.select_one("[data-challenge-map]")
    assert element["data-tile-url"] == "https://tegels.example.nl/{z}/{x}/{y}.png"
    assert element["data-tile-attribution"] == "Kaart © Voorbeeld"
    assert element["role"] == "region"
    assert element["aria-label"]


def test_without_neighbourhoods_on_the_map_there_is_no_map_but_still_the_list(client, challenge_index):
    ChallengePageFactory(parent=challenge_index, neighbourhood=NeighbourhoodFactory(name="Morsdistrict"))
    soup = page_soup(client, f"{challenge_index.url}?weergave=kaart")
    assert soup.select("[data-challenge-map]") == []
    assert [" ".join(item.a.get_text().split()) for item in soup.select(".neighbourhood-counts__item")] == [
        "Morsdistrict: 1 uitdaging"
    ]


def test_nothing_matching_says_so_on_the_map_view(client, leiden, challenge_index):
    soup = page_soup(client, f"{challenge_index.url}?weergave=kaart&mixed=on")
    assert soup.select("[data-challenge-map]") == soup.select(".neighbourhood-counts") == []
    assert soup.select_one(".listing__results > p").get_text(strip=True) == (
        "Geen uitdagingen gevonden met deze filters. Probeer minder filters of andere woorden."
    )


def test_an_anonymous_visitor_gets_the_map_view_without_a_cookie_and_cacheable(client, leiden, challenge_index):
    response = client.get(f"{challenge_index.url}?weergave=kaart&theme=groen")
    assert response.status_code == 200
    assert response.cookies == {}
    assert b"csrfmiddlewaretoken" not in response.content
    assert "public" in response["Cache-Control"]


def _fill(index, neighbourhoods, count, theme):
    for number in range(count):
        ChallengePageFactory(parent=index, neighbourhood=neighbourhoods[number % len(neighbourhoods)], themes=[theme])


@pytest.mark.parametrize("url_suffix", ["", "&theme=groen&level=hbo", "&q=uitdaging"])
def test_map_query_count_does_not_grow(client, challenge_index, django_assert_num_queries, url_suffix):
    """Site and page routing (the site, the page and its ancestors, aliases, view restrictions),
    the menu and the footer, the filter form's theme and neighbourhood choices (and the chosen
    theme, when filtering by one), the ids of the search's matches (when searching) and one query
    for the neighbourhoods with their counts: 12 (13 with a theme or a search) when this was
    written, and the same with 3 challenges in 3 neighbourhoods as with 30 in 10."""
    theme = ThemeFactory(slug="groen")
    neighbourhoods = [
        NeighbourhoodFactory(latitude=Decimal("52.15") + Decimal(n) / 100, longitude=Decimal("4.49")) for n in range(10)
    ]
    _fill(challenge_index, neighbourhoods[:3], 3, theme)
    url = f"{challenge_index.url}?weergave=kaart{url_suffix}"
    client.get(url)

    with CaptureQueriesContext(connection) as small:
        html = client.get(url).content.decode()
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    assert html.count("data-map-place") == 3

    _fill(challenge_index, neighbourhoods, 27, theme)
    with django_assert_num_queries(small_count):
        html = client.get(url).content.decode()
    assert html.count("data-map-place") == 10


# The neighbourhoods' coordinates


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (Decimal("52.159"), None),
        (None, Decimal("4.492")),
        (Decimal("91"), Decimal("4.492")),
        (Decimal("52.159"), Decimal("-181")),
    ],
)
def test_a_neighbourhood_has_both_coordinates_on_earth_or_none(latitude, longitude):
    neighbourhood = Neighbourhood(name="Binnenstad", slug="binnenstad", latitude=latitude, longitude=longitude)
    with pytest.raises(ValidationError):
        neighbourhood.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        neighbourhood.save()


def test_a_neighbourhood_without_coordinates_is_fine_but_not_on_the_map():
    neighbourhood = Neighbourhood(name="Binnenstad", slug="binnenstad")
    neighbourhood.full_clean()
    assert not neighbourhood.has_location
    neighbourhood.latitude, neighbourhood.longitude = Decimal("52.159"), Decimal("4.492")
    neighbourhood.full_clean()
    assert neighbourhood.has_location


def test_an_editor_places_a_neighbourhood_in_the_admin(client, editor):
    neighbourhood = NeighbourhoodFactory(name="Stevenshof", slug="stevenshof")
    client.force_login(editor)
    url = f"/admin/neighbourhoods/edit/{neighbourhood.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="latitude"' in page.content
    data = {"name": "Stevenshof", "slug": "stevenshof", "latitude": "52.143", "longitude": "4.455"}
    response = client.post(url, data)
    assert response.status_code == 302
    neighbourhood.refresh_from_db()
    assert (neighbourhood.latitude, neighbourhood.longitude) == (Decimal("52.14300"), Decimal("4.45500"))


def test_the_demo_puts_every_district_of_leiden_on_the_map():
    seed_marketplace()
    places = list(Neighbourhood.objects.values_list("name", "latitude", "longitude"))
    assert len(places) == 10
    # Leiden lies within about 52.12–52.19 north and 4.43–4.53 east.
    outside = [
        name for name, lat, lng in places
        if lat is None or not (Decimal("52.12") < lat < Decimal("52.19") and Decimal("4.43") < lng < Decimal("4.53"))
    ]
    assert outside == []


def test_the_demo_privacy_statement_says_where_the_maps_background_comes_from(client, home_page):
    seed_site_pages(home_page)
    dutch = BeautifulSoup(client.get("/privacy/").content, "html.parser").get_text(" ", strip=True)
    english = BeautifulSoup(client.get("/en/privacy/").content, "html.parser").get_text(" ", strip=True)
    assert "De achtergrond van de kaart komt van PDOK" in dutch
    assert "PDOK ziet je IP-adres" in dutch
    assert "The map's background comes from PDOK" in english
    assert "PDOK sees your IP address" in english
