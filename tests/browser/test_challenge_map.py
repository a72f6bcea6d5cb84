"""The map of challenges by neighbourhood in a real browser: a resident on a phone reaching a
neighbourhood by keyboard, a student filtering by theme on a desktop, a browser without JavaScript,
and a site without a tile service. The tile service is a stub on this machine's loopback: its host
is another than the site's, so the browser guard lets it through only by name, and the site's
Content-Security-Policy has to allow it (a violation fails the test)."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from csp.constants import SELF
from django.conf import settings as django_settings
from PIL import Image
from playwright.sync_api import expect

from config.settings.env import origin_of
from marketplace.models import Neighbourhood, Theme
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context
from tests.factories import ChallengeIndexPageFactory, ChallengePageFactory


class TileService:
    """A tile service on the loopback answering every ``/tegels/{z}/{x}/{y}.png`` with one pale
    square, and remembering what it was asked."""

    def __init__(self):
        buffer = BytesIO()
        Image.new("RGB", (256, 256), (233, 238, 228)).save(buffer, format="PNG")
        tile, asked = buffer.getvalue(), []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                asked.append(self.path)
                found = re.fullmatch(r"/tegels/\d+/\d+/\d+\.png", self.path) is not None
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "image/png" if found else "text/plain")
                self.send_header("Content-Length", str(len(tile) if found else 0))
                self.end_headers()
                if found:
                    self.wfile.write(tile)

            def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
                pass

        self.asked = asked
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.url = self.origin + "/tegels/{z}/{x}/{y}.png"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tiles(settings):
    """The stub as the site's tile service, allowed in the policy's img-src the way the settings
    derive it from MAP_TILE_URL (config/settings/base.py)."""
    with TileService() as service:
        settings.MAP_TILE_URL = service.url
        settings.MAP_TILE_ATTRIBUTION = "Kaartgegevens © Kadaster"
        directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        settings.CONTENT_SECURITY_POLICY = {
            "DIRECTIVES": {**directives, "img-src": [SELF, "data:", origin_of(service.url)]}
        }
        yield service


@pytest.fixture
def challenges(site):
    """Six live challenges in three of the demo's neighbourhoods (which have their coordinates)."""
    index = ChallengeIndexPageFactory(parent=site)
    green = Theme.objects.get(slug="duurzaamheid-biodiversiteit")
    heritage = Theme.objects.get(slug="erfgoed-collecties")
    place = {slug: Neighbourhood.objects.get(slug=slug) for slug in ("stevenshof", "merenwijk", "binnenstad-zuid")}
    for title, where, themes in [
        ("Een groene binnentuin", "stevenshof", [green]),
        ("Geveltuinen langs de Lage Mors", "stevenshof", [green]),
        ("Verhalen van de Stevenshof", "stevenshof", [heritage]),
        ("Vlinders bij de Kagerplassen", "merenwijk", [green]),
        ("Verhalen van de hofjes", "binnenstad-zuid", [heritage]),
        ("Oude gevelstenen in kaart", "binnenstad-zuid", [heritage]),
    ]:
        ChallengePageFactory(parent=index, title=title, neighbourhood=place[where], themes=themes)
    return index


def marker_names(page):
    return page.locator(".map-marker__link").evaluate_all("(links) => links.map((l) => l.getAttribute('aria-label'))")


def test_a_resident_on_a_phone_opens_the_map_and_reaches_a_neighbourhood_by_keyboard(
    browser, live_server, tiles, challenges, contexts
):
    context = guarded_context(
        browser, live_server, elsewhere=[tiles.origin], viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True
    )
    contexts.append(context)
    page = context.new_page()
    page.goto("/uitdagingen/")
    page.locator(".view-switch a[href$='weergave=kaart']").click()  # "Op de kaart"
    expect(page).to_have_url(re.compile(r"/uitdagingen/\?weergave=kaart$"))
    expect(page.locator("[data-challenge-map][role='region'][aria-label]")).to_be_visible()
    expect(page.locator(".map-marker__link")).to_have_count(3)
    assert marker_names(page) == [
        "Binnenstad-Zuid: 2 uitdagingen",
        "Merenwijk: 1 uitdaging",
        "Stevenshof: 3 uitdagingen",
    ]
    # The same information without the map: the list of neighbourhoods under it.
    expect(page.locator(".neighbourhood-counts__link")).to_have_count(3)
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert tiles.asked, "the browser asked the tile service for the map's background"
    assert all(path.startswith("/tegels/") for path in tiles.asked)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Kaartgegevens © Kadaster")
    assert_accessible(page)  # and no Content-Security-Policy violation: the tiles were allowed

    page.locator(".view-switch a[aria-current='page']").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Stevenshof: 3 uitdagingen":
            break
    else:
        pytest.fail("Tab never reached the marker of the Stevenshof")
    expect(page.locator(".map-marker__link[aria-label='Stevenshof: 3 uitdagingen']")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/uitdagingen/\?neighbourhood=stevenshof$"))
    expect(page.get_by_role("heading", level=2, name="3 uitdagingen")).to_be_visible()
    expect(page.locator(".challenge-card__title")).to_have_count(3)
    expect(page.locator("#id_neighbourhood")).to_have_value("stevenshof")
    assert_accessible(page)


def test_a_student_filters_by_theme_and_switches_to_the_map_in_english(
    browser, live_server, tiles, challenges, contexts
):
    context = guarded_context(browser, live_server, elsewhere=[tiles.origin], viewport=DESKTOP, locale="en-GB")
    contexts.append(context)
    page = context.new_page()
    page.goto("/en/uitdagingen/")
    page.get_by_label("Theme:").select_option(label="Sustainability & biodiversity")
    page.get_by_role("button", name="Show challenges").click()
    expect(page.get_by_role("heading", level=2, name="3 challenges")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="On a map").click()
    expect(page).to_have_url(re.compile(r"/en/uitdagingen/\?theme=duurzaamheid-biodiversiteit&sort=newest&weergave=kaart$"))
    expect(page.get_by_role("link", name="On a map")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("region", name="Map of the challenges by neighbourhood")).to_be_visible()
    expect(page.locator(".map-marker__link")).to_have_count(2)
    assert marker_names(page) == ["Merenwijk: 1 challenge", "Stevenshof: 2 challenges"]
    expect(page.get_by_role("heading", level=2, name="3 challenges")).to_be_visible()
    expect(page.get_by_role("button", name="Zoom in")).to_be_visible()
    assert_accessible(page)

    # Filtering on the map stays on the map, with the theme kept.
    page.get_by_label("Search:").fill("Geveltuinen")
    page.get_by_role("button", name="Show challenges").click()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    expect(page.locator(".map-marker__link")).to_have_count(1)
    assert marker_names(page) == ["Stevenshof: 1 challenge"]
    assert_accessible(page)

    # A click on a marker opens the list of its neighbourhood, with the filters.
    page.locator(".map-marker__link").click()
    expect(page).to_have_url(re.compile(r"theme=duurzaamheid-biodiversiteit"))
    expect(page).to_have_url(re.compile(r"neighbourhood=stevenshof"))
    expect(page.locator(".challenge-card__title")).to_have_text(["Geveltuinen langs de Lage Mors"])
    expect(page.get_by_role("link", name="As a list")).to_have_attribute("aria-current", "page")
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_the_map_view_is_the_list_of_neighbourhoods(
    browser, live_server, tiles, challenges, contexts, viewport
):
    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto("/uitdagingen/?weergave=kaart")
    expect(page.locator("[data-challenge-map]")).to_be_hidden()
    expect(page.locator(".neighbourhood-counts__link")).to_have_text(
        [
            re.compile(r"^\s*Binnenstad-Zuid:\s+2 uitdagingen\s*$"),
            re.compile(r"^\s*Merenwijk:\s+1 uitdaging\s*$"),
            re.compile(r"^\s*Stevenshof:\s+3 uitdagingen\s*$"),
        ]
    )
    page.get_by_role("link", name=re.compile("^Merenwijk")).click()
    expect(page).to_have_url(re.compile(r"/uitdagingen/\?neighbourhood=merenwijk$"))
    expect(page.locator(".challenge-card__title")).to_have_text(["Vlinders bij de Kagerplassen"])
    # Closed now: the guard's last look waits for a timer in the page, which never runs here.
    context.close()
    assert tiles.asked == []

    # axe-core needs JavaScript: it checks the same page in a browser that refuses the map's
    # scripts, so that the page is what a browser without JavaScript shows.
    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL")
    contexts.append(context)
    context.route(re.compile(r"/static/(vendor/leaflet/leaflet|js/challenge-map)\.js$"), lambda route: route.abort())
    page = context.new_page()
    page.goto("/uitdagingen/?weergave=kaart")
    expect(page.locator(".neighbourhood-counts__link")).to_have_count(3)
    expect(page.locator("[data-challenge-map]")).to_be_hidden()
    assert_accessible(page)
    assert tiles.asked == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_a_tile_service_the_markers_stand_on_a_plain_background(
    browser, live_server, settings, challenges, contexts, viewport
):
    settings.MAP_TILE_URL = ""
    context = guarded_context(browser, live_server, viewport=viewport, locale="nl-NL")  # no other host at all
    contexts.append(context)
    page = context.new_page()
    page.goto("/uitdagingen/?weergave=kaart")
    expect(page.locator(".map-marker__link")).to_have_count(3)
    expect(page.locator(".leaflet-tile")).to_have_count(0)
    assert_accessible(page)
