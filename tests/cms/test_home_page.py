import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.urls import get_resolver
from django.utils import translation
from wagtail.models import Page

from cms.models import HomePage
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_lives_at_the_root_only():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert HomePage.allowed_parent_page_models() == [Page]
    assert HomePage.max_count == 1


def test_there_is_one_home_page(home_page):
    assert not HomePage.can_create_at(home_page.get_parent())


def test_english_falls_back_to_dutch_field_by_field(client, home_page):
    home_page.hero_text_en = ""
    home_page.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert "Questions from Leiden" in html  # translated heading
    assert 'class="hero__text" lang="nl">Heb je een vraag' in html  # Dutch fallback, marked as Dutch


def test_themes_show_in_the_visitors_language(client, home_page):
    ThemeFactory(name="Water in de wijk", name_en="", slug="water")
    ThemeFactory(name="Groen in de straat", name_en="Green streets", slug="groen")
    nl = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert 'lang="nl">Water in de wijk' in nl
    assert 'lang="en">Green streets' in en  # a theme with an English name shows it
    assert 'lang="nl">Water in de wijk' in en  # one without falls back to Dutch, marked as Dutch


def test_home_page_query_count_does_not_grow_with_themes(client, home_page, django_assert_max_num_queries):
    # Site and page lookup, the page's specific row and the theme list, and for the live
    # sections the challenge and story index (each with ``public()``'s view restrictions) and
    # the three counter queries: a fixed number.
    for n in range(3):
        ThemeFactory(slug=f"extra-{n}")
    client.get("/")
    with django_assert_max_num_queries(15) as small:
        client.get("/")
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    for n in range(3, 30):
        ThemeFactory(slug=f"extra-{n}")
    with django_assert_max_num_queries(small_count):
        client.get("/")


def test_404_and_403_pages_in_both_languages(client, home_page, rf):
    nl = client.get("/bestaat-niet/")
    en = client.get("/en/does-not-exist/")
    assert nl.status_code == en.status_code == 404
    assert "We kunnen deze pagina niet vinden" in nl.content.decode()
    assert "We cannot find this page" in en.content.decode()
    # No public address refuses anyone outright, so the view Django answers PermissionDenied
    # with is called the way Django calls it, in the language the URL would have set.
    permission_denied = get_resolver().resolve_error_handler(403)
    for language, heading in (
        ("nl", "Je hebt geen toegang tot deze pagina"),
        ("en", "You do not have access to this page"),
    ):
        request = rf.get("/")
        request.user = AnonymousUser()
        with translation.override(language):
            response = permission_denied(request, exception=PermissionDenied())
        assert response.status_code == 403
        html = response.content.decode()
        assert f'<html lang="{language}">' in html and f"<h1>{heading}</h1>" in html


def test_editor_edits_both_languages_in_the_admin(client, home_page):
    editor = UserFactory(mfa=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(f"/admin/pages/{home_page.pk}/edit/").content.decode()
    assert 'name="hero_heading"' in html and 'name="hero_heading_en"' in html
