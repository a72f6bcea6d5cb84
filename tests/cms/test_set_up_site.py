"""A new installation gets its first pages from one command (``set_up_site``), instead of Wagtail's
"Welcome to your new Wagtail site!" placeholder."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from cms.models import HomePage, NavigationSettings, StoryIndexPage
from marketplace.models import ChallengeIndexPage

pytestmark = pytest.mark.django_db

HOST = "lerenmetdestad.example"


def test_a_new_installation_gets_a_home_page_both_indexes_and_its_host_name(client, settings):
    settings.ALLOWED_HOSTS = [HOST]
    assert Page.objects.filter(title="Welcome to your new Wagtail site!").exists()  # as migrate leaves it

    out = StringIO()
    call_command("set_up_site", hostname=HOST, stdout=out)

    assert "https://lerenmetdestad.example has its home page" in out.getvalue()
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    site = Site.objects.get()
    home = HomePage.objects.get()
    assert (site.hostname, site.port, site.root_page_id, site.is_default_site) == (HOST, 443, home.pk, True)
    assert [page.slug for page in ChallengeIndexPage.objects.live().child_of(home)] == ["uitdagingen"]
    assert [page.slug for page in StoryIndexPage.objects.live().child_of(home)] == ["verhalen"]
    assert [link.value["label"] for link in NavigationSettings.load().links] == ["Uitdagingen", "Verhalen"]

    dutch = client.get("/", HTTP_HOST=HOST, secure=True)
    assert dutch.status_code == 200
    assert "Leidse vragen, samen met studenten opgelost" in dutch.content.decode()
    assert 'href="/uitdagingen/"' in dutch.content.decode()
    english = client.get("/en/", HTTP_HOST=HOST, secure=True)
    assert "Questions from Leiden, solved together with students" in english.content.decode()
    for path in ("/uitdagingen/", "/verhalen/", "/en/uitdagingen/"):
        assert client.get(path, HTTP_HOST=HOST, secure=True).status_code == 200, path


def test_a_site_that_has_its_pages_is_left_alone(home_page):
    with pytest.raises(CommandError, match="has a home page already"):
        call_command("set_up_site", hostname=HOST, stdout=StringIO())
    assert HomePage.objects.count() == 1
    assert not ChallengeIndexPage.objects.exists()
