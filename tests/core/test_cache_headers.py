"""Public pages can be cached, personal ones never (core.middleware.CacheControlMiddleware): a
visitor's page sets no cookie, carries no CSRF token and says ``public``; whatever a logged-in
person, a session or a form gets says ``private``; the language cookie is in ``Vary``; pages are
compressed and answer 304 to a browser that has them."""

import gzip
import re
from io import StringIO
from urllib.parse import urljoin

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from cms.models import StoryPage
from marketplace.models import ChallengePage, Neighbourhood, Theme
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="([^"#]*)"')
# Where a visitor fills in a form (log in, sign up, reset a password): a CSRF token, never public.
FORM_PREFIXES = ("/accounts/", "/en/accounts/")
# Not pages of the site's own: files, the admin, the language switch (it sets a cookie).
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/documents/", "/i18n/")
CRAWL_LIMIT = 600


def _is_public(response) -> bool:
    directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
    return "public" in directives and "private" not in directives


def _is_private(response) -> bool:
    return "private" in response.get("Cache-Control", "")


def _crawl(client, starts):
    """Every address of the site reachable by links from ``starts``, as a visitor without
    cookies follows them: {path: response}."""
    seen, queue = {}, list(starts)
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        client.cookies.clear()
        response = client.get(path)
        seen[path] = response
        # The map of challenges (?weergave=kaart) links to the lists it counts, each filtered by a
        # neighbourhood on top of the map's filters: every list reaches its map, but what a map
        # links to is only more of the same lists, and following it would never end.
        follow = "weergave=" not in path
        if follow and response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            for href in LINK.findall(response.content.decode()):
                link = urljoin(path, href.replace("&amp;", "&"))
                if link.startswith("/") and not link.startswith(("//", *SKIPPED_PREFIXES)) and link not in seen:
                    queue.append(link)
    return seen


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=StringIO())


def test_every_public_page_in_both_languages_sets_no_cookie_carries_no_token_and_may_be_cached(demo_site):
    # The filters are a form, not links: their addresses are added by hand.
    filters = [f"theme={theme.slug}" for theme in Theme.objects.all()]
    filters += [f"neighbourhood={neighbourhood.slug}" for neighbourhood in Neighbourhood.objects.all()]
    filters += ["q=groen", "mixed=on&sort=deadline", "level=hbo&status=open"]
    indexes = ("/uitdagingen/", "/en/uitdagingen/")
    starts = ["/", "/en/"] + [f"{index}?{query}" for index in indexes for query in filters]
    pages = _crawl(Client(), starts)

    assert len(pages) < CRAWL_LIMIT, "the crawl stopped early: raise CRAWL_LIMIT"
    public = {path: response for path, response in pages.items() if response.status_code == 200}
    forms = {path for path in public if path.startswith(FORM_PREFIXES)}
    content = {path: public[path] for path in public.keys() - forms}
    # Every kind of public page was reached, in both languages.
    for language in ("nl", "en"):
        with translation.override(language):
            expected = [page.url for page in ChallengePage.objects.live().public()]
            expected += [page.url for page in StoryPage.objects.live().public()]
            expected += ["/uitdagingen/" if language == "nl" else "/en/uitdagingen/", reverse("impact:index")]
            expected += ["/uitdagingen/?weergave=kaart" if language == "nl" else "/en/uitdagingen/?weergave=kaart"]
        assert sorted(set(expected) - content.keys()) == []
    feeds = [path for path, response in content.items() if "xml" in response["Content-Type"]]
    assert len(feeds) >= 4, "the feeds of both languages"

    problems = []
    for path, response in content.items():
        body = response.content
        if response.cookies:
            problems.append(f"{path}: sets {sorted(response.cookies)}")
        if b"csrfmiddlewaretoken" in body:
            problems.append(f"{path}: has a CSRF token")
        if not _is_public(response):
            problems.append(f"{path}: Cache-Control {response.get('Cache-Control')!r}")
        if "accept-language" in response.get("Vary", "").lower():
            problems.append(f"{path}: Vary {response.get('Vary')!r}")
    assert problems == []
    assert len(content) > 60

    # The forms of the ways in keep their token and are never stored.
    assert {"/accounts/login/", "/en/accounts/login/", "/accounts/signup/"} <= forms
    assert sorted(path for path in forms if not _is_private(public[path])) == []


def test_public_pages_are_kept_briefly_by_shared_caches(client, home_page, settings):
    settings.PUBLIC_PAGE_MAX_AGE = 120
    settings.SHARED_CACHE_MAX_AGE = 7
    response = client.get("/")
    assert sorted(part.strip() for part in response["Cache-Control"].split(",")) == [
        "max-age=120",
        "public",
        "s-maxage=7",
    ]


def test_everything_a_logged_in_person_gets_is_private(demo_site, client):
    client.login(email="student@umail.leidenuniv.nl", password=PASSWORD) or client.force_login(
        UserFactory(email="extra.student@umail.leidenuniv.nl")
    )
    challenge = ChallengePage.objects.live().public().first()
    for path in ("/", "/en/", "/uitdagingen/", challenge.url, "/verhalen/", "/impact/", "/mijn-pagina/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert _is_private(response), (path, response.get("Cache-Control"))
        assert not _is_public(response), path


def test_a_visitor_with_a_session_gets_private_pages(client, home_page):
    """A session may hold a passed page password or a login halfway: never shared."""
    session = client.session
    session["anything"] = "theirs"
    session.save()
    response = client.get("/")
    assert response.status_code == 200
    assert _is_private(response)


def test_a_password_protected_page_is_never_public(client, challenge_index):
    PageViewRestriction.objects.create(
        page=challenge_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim-wachtwoord"  # noqa: S106
    )
    form = client.get(challenge_index.url)
    assert form.status_code == 200
    assert b"csrfmiddlewaretoken" in form.content
    assert _is_private(form)
    restriction = PageViewRestriction.objects.get(page=challenge_index)
    client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{challenge_index.id}/",
        {"password": "geheim-wachtwoord", "return_url": challenge_index.url},
    )
    page = client.get(challenge_index.url)
    assert page.status_code == 200
    assert b"csrfmiddlewaretoken" not in page.content
    assert _is_private(page)


def test_a_response_that_sets_a_cookie_is_private(client, home_page):
    response = client.get("/accounts/login/")
    assert "csrftoken" in response.cookies
    assert _is_private(response)
    switch = client.get("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "django_language" in switch.cookies
    assert _is_private(switch)


def test_whether_a_dutch_address_answers_or_redirects_depends_on_the_language_cookie(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cookie" in response["Vary"]
    client.cookies["django_language"] = "en"
    redirect = client.get("/")
    assert (redirect.status_code, redirect["Location"]) == (302, "/en/")
    assert "Cookie" in redirect["Vary"]
    assert "Accept-Language" not in redirect["Vary"]


def test_a_visitor_switches_language_without_a_csrf_token(home_page):
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/uitdagingen/")
    assert b'method="get"' in page.content
    response = visitor.get("/i18n/setlang/", {"language": "en", "next": "/uitdagingen/"})
    assert (response.status_code, response["Location"]) == (302, "/en/uitdagingen/")
    assert response.cookies["django_language"].value == "en"
    assert visitor.get("/uitdagingen/")["Location"] == "/en/uitdagingen/"  # the choice sticks


def test_a_logged_in_persons_language_changes_only_with_a_post_and_its_token():
    person = UserFactory(preferred_language="nl")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)

    response = browser.get("/i18n/setlang/", {"language": "en", "next": "/mijn-pagina/"})
    assert (response.status_code, response["Location"]) == (302, "/en/my-page/")
    assert "django_language" not in response.cookies
    person.refresh_from_db()
    assert person.preferred_language == "nl"

    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    person.refresh_from_db()
    assert person.preferred_language == "nl"


def test_pages_and_feeds_are_compressed_and_a_browser_that_has_a_page_gets_304(client, home_page):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
    again = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
