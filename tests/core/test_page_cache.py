"""The anonymous page cache (core.page_cache): a public page is rendered once and served to every
visitor without a session until something it shows changes; nothing personal is ever stored or
served from it."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import FooterSettings, NavigationSettings
from core.page_cache import GENERATION_KEY
from marketplace.services.challenges import challenge_close, challenge_save_draft, challenge_submit
from tests.factories import ChallengePageFactory, OrganisationFactory, ThemeFactory, UserFactory
from tests.marketplace.helpers import approve, challenge_data

pytestmark = pytest.mark.django_db

HIT, MISS = "hit", "miss"


@pytest.fixture(autouse=True)
def _site_settings(db):
    """The menu and footer rows exist, as on any site after its first page view: creating them
    (which the first render does) is a change, and a page rendered meanwhile is not stored as
    current."""
    NavigationSettings.load()
    FooterSettings.load()


def _get(client, path, **extra):
    response = client.get(path, **extra)
    return response, response.get("X-Page-Cache")


def test_a_public_page_is_rendered_once_then_served_without_a_query(client, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Een groene binnentuin")
    first, state = _get(client, challenge.url)
    assert (first.status_code, state) == (200, MISS)

    with CaptureQueriesContext(connection) as queries:
        again, state = _get(client, challenge.url)
    assert queries.captured_queries == []
    assert state == HIT
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Cache-Control"] == first["Cache-Control"]
    assert "Een groene binnentuin" in again.content.decode()
    # What the middleware above adds to every answer is there on a stored one too.
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_a_stored_page_is_answered_as_a_rendered_one_compressed_or_not(client, challenge_index):
    """A hit comes compressed from the cache (no gzip per request), with the ETag and Vary a
    rendered page gets, and answers a browser that has it with 304."""
    challenge = ChallengePageFactory(parent=challenge_index, title="Een groene binnentuin")
    gzip_ok = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
    rendered, state = _get(client, challenge.url, **gzip_ok)
    assert state == MISS and rendered["Content-Encoding"] == "gzip"
    plain, _state = _get(Client(), challenge.url)

    stored, state = _get(client, challenge.url, **gzip_ok)
    assert state == HIT and stored["Content-Encoding"] == "gzip"
    assert gzip.decompress(stored.content) == gzip.decompress(rendered.content)
    assert stored["Content-Length"] == str(len(stored.content))
    assert stored["ETag"] == rendered["ETag"] and stored["ETag"].startswith('W/"')
    assert "Accept-Encoding" in stored["Vary"] and "Cookie" in stored["Vary"]

    unzipped, state = _get(Client(), challenge.url)
    assert state == HIT and not unzipped.has_header("Content-Encoding")
    assert unzipped.content == plain.content and unzipped["ETag"] == plain["ETag"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get(challenge.url, HTTP_IF_NONE_MATCH=stored["ETag"], **gzip_ok)
    assert again.status_code == 304 and queries.captured_queries == []


def test_a_logged_in_persons_page_is_never_stored_nor_served_from_the_cache(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    visitor, member = Client(), Client()
    member.force_login(UserFactory(display_name="Sanne de Vries"))

    mine, state = _get(member, challenge.url)
    assert state is None  # not even looked up: the session cookie
    assert "Sanne de Vries" in mine.content.decode()
    theirs, state = _get(visitor, challenge.url)
    assert state == MISS
    assert "Sanne de Vries" not in theirs.content.decode()
    _get(visitor, challenge.url)

    mine_again, state = _get(member, challenge.url)
    assert state is None
    assert "Sanne de Vries" in mine_again.content.decode()


def test_a_session_or_a_message_cookie_bypasses_the_cache(client, home_page):
    _get(client, "/")
    assert _get(client, "/")[1] == HIT
    client.cookies["messages"] = "anything"
    assert _get(client, "/")[1] is None
    del client.cookies["messages"]
    session = client.session
    session["passed"] = True
    session.save()
    assert _get(client, "/")[1] is None


def test_only_known_query_parameters_are_cached_each_combination_on_its_own(client, challenge_index):
    green = ThemeFactory(slug="groen", name="Groen")
    water = ThemeFactory(slug="water", name="Water")
    ChallengePageFactory(parent=challenge_index, title="Geveltuinen", themes=[green])
    ChallengePageFactory(parent=challenge_index, title="Regenton", themes=[water])

    _get(client, "/uitdagingen/?theme=groen")
    green_page, state = _get(client, "/uitdagingen/?theme=groen")
    water_page, water_state = _get(client, "/uitdagingen/?theme=water")
    assert (state, water_state) == (HIT, MISS)
    assert "Geveltuinen" in green_page.content.decode()
    assert "Geveltuinen" not in water_page.content.decode()

    _get(client, "/uitdagingen/?theme=groen&utm_source=nieuwsbrief")
    assert _get(client, "/uitdagingen/?theme=groen&utm_source=nieuwsbrief")[1] is None


def test_the_language_cookie_still_sends_a_dutch_address_to_english(client, home_page):
    _get(client, "/")
    assert _get(client, "/")[1] == HIT
    client.cookies["django_language"] = "en"
    redirect, _state = _get(client, "/")
    assert (redirect.status_code, redirect["Location"]) == (302, "/en/")
    english, _state = _get(client, "/en/")
    assert 'lang="en"' in english.content.decode()


def test_a_password_protected_page_is_never_stored(client, challenge_index):
    PageViewRestriction.objects.create(
        page=challenge_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim-wachtwoord"  # noqa: S106
    )
    _get(Client(), challenge_index.url)
    form, state = _get(Client(), challenge_index.url)
    assert state == MISS  # asked every time, never stored
    assert b"csrfmiddlewaretoken" in form.content


def test_nothing_is_served_from_the_cache_while_the_shared_cache_is_down(client, home_page, monkeypatch):
    _get(client, "/")
    monkeypatch.setattr(cache._connections[cache._alias], "is_degraded", True, raising=False)
    assert _get(client, "/")[1] is None


# What shows to the next visitor at once


@pytest.fixture
def poster():
    return UserFactory(email="anneke@example.org", display_name="Anneke Vermeulen")


def _stored(client, path):
    _get(client, path)
    assert _get(client, path)[1] == HIT


def test_an_approved_challenge_shows_at_once(client, challenge_index, poster, editor):
    _stored(client, "/uitdagingen/")
    challenge = challenge_save_draft(actor=poster, data=challenge_data(title="Bankjes bij de Vliet"))
    challenge_submit(challenge=challenge, actor=poster)
    assert "Bankjes bij de Vliet" not in _get(client, "/uitdagingen/")[0].content.decode()  # in review

    approve(challenge, editor)
    page, state = _get(client, "/uitdagingen/")
    assert state == MISS
    assert "Bankjes bij de Vliet" in page.content.decode()


def test_an_approved_edit_and_an_unpublish_show_at_once(client, challenge_index, poster, editor):
    challenge = challenge_save_draft(actor=poster, data=challenge_data(title="Bankjes bij de Vliet"))
    challenge_submit(challenge=challenge, actor=poster)
    approve(challenge, editor)
    challenge.refresh_from_db()
    _stored(client, challenge.url)

    edited = challenge_save_draft(
        actor=poster, data=challenge_data(title="Bankjes bij de Vliet", summary="Nu ook met een picknicktafel."),
        challenge=challenge,
    )
    challenge_submit(challenge=edited, actor=poster)
    assert "picknicktafel" not in _get(client, challenge.url)[0].content.decode()  # the live version stays
    approve(edited, editor)
    assert "picknicktafel" in _get(client, challenge.url)[0].content.decode()

    _stored(client, challenge.url)
    challenge.refresh_from_db()
    challenge.unpublish()
    assert _get(client, challenge.url)[0].status_code == 404


def test_a_challenge_closed_by_its_poster_shows_at_once(client, challenge_index, poster):
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=poster)
    _stored(client, challenge.url)
    challenge_close(challenge=challenge, actor=poster, reason="De gemeente heeft het al opgelost.")
    page, state = _get(client, challenge.url)
    assert state == MISS
    assert "De gemeente heeft het al opgelost." in page.content.decode()


def test_a_menu_theme_or_organisation_change_shows_at_once(client, challenge_index):
    theme = ThemeFactory(name="Groen")
    organisation = OrganisationFactory(name="Buurthuis De Kooi")
    ChallengePageFactory(parent=challenge_index, themes=[theme], organisation=organisation)
    _stored(client, "/uitdagingen/")
    _stored(client, organisation.get_absolute_url())

    navigation = NavigationSettings.load()
    navigation.links = [("link", {"page": None, "url": "/verhalen/", "label": "Mooie verhalen", "label_en": ""})]
    navigation.save()
    assert "Mooie verhalen" in _get(client, "/uitdagingen/")[0].content.decode()

    theme.name = "Groen in de wijk"
    theme.save()
    assert "Groen in de wijk" in _get(client, "/uitdagingen/")[0].content.decode()

    organisation.name = "Buurthuis De Kooi-Noord"
    organisation.save()
    assert "Buurthuis De Kooi-Noord" in _get(client, organisation.get_absolute_url())[0].content.decode()


def test_logging_in_or_rendering_an_image_does_not_empty_the_cache(client, home_page):
    person = UserFactory()
    _stored(client, "/")
    Client().force_login(person)  # saves last_login
    assert _get(client, "/")[1] == HIT


def test_a_change_starts_a_new_generation_again_when_its_transaction_commits(
    home_page, django_capture_on_commit_callbacks
):
    """A page rendered between the change and the commit shows the rows as they were: the second
    generation makes sure it is not taken for current."""
    with django_capture_on_commit_callbacks() as callbacks:
        ThemeFactory(name="Water")
        during = cache.get(GENERATION_KEY)
    assert during is not None
    for callback in callbacks:
        callback()
    assert cache.get(GENERATION_KEY) not in (None, during)


def test_the_menu_and_footer_are_kept_until_something_changes_them(client, home_page, settings):
    """Even with the page cache off: the menu's and the footer's rows and the restricted
    sections (core.pages) are read once, not on every page (so are the home page's counters
    and themes)."""
    settings.PAGE_CACHE_SECONDS = 0
    navigation = NavigationSettings.load()
    navigation.links = [("link", {"page": None, "url": "/verhalen/", "label": "Verhalen", "label_en": "Stories"})]
    navigation.save()
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        page = client.get("/")
    settings_queries = [query for query in first.captured_queries if "settings" in query["sql"]]
    assert len(settings_queries) == 2  # the menu's and the footer's rows
    def restrictions(captured):
        return [query for query in captured.captured_queries if "pageviewrestriction" in query["sql"]]

    assert [query for query in second.captured_queries if "settings" in query["sql"]] == []
    assert len(restrictions(first)) == 2  # the page served's own (Wagtail's) and the sections'
    assert len(restrictions(second)) == 1  # the page served's own
    assert 'href="/verhalen/"' in page.content.decode()

    navigation.links = [("link", {"page": None, "url": "/impact/", "label": "Cijfers", "label_en": "Figures"})]
    navigation.save()
    changed = client.get("/").content.decode()
    assert ">Cijfers<" in changed
    assert ">Verhalen<" not in changed
    assert ">Figures<" in client.get("/en/").content.decode()
