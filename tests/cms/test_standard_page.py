"""Standard pages: where they may live in the page tree, how they render in both languages,
and the demo's About, How it works, Privacy, Accessibility and Contact pages."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, NavigationSettings, StandardPage, StoryIndexPage
from cms.navigation import site_address
from demo.site import seed_home_page, seed_site_pages, seed_site_settings
from marketplace.models import ChallengeIndexPage, ChallengePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEEDED = {
    "over": ("Over Leren met de Stad", "About Learning with the City"),
    "zo-werkt-het": ("Zo werkt het", "How it works"),
    "privacy": ("Privacyverklaring", "Privacy statement"),
    "toegankelijkheid": ("Toegankelijkheidsverklaring", "Accessibility statement"),
    "contact": ("Contact", "Contact"),
}


class TestPageTree(WagtailPageTestCase):
    def test_standard_page_lives_under_the_home_page_and_other_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_home_page_holds_the_challenge_index_the_story_index_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {ChallengeIndexPage, StandardPage, StoryIndexPage})

    def test_standard_page_is_not_made_among_the_challenges(self):
        self.assertCanNotCreateAt(ChallengeIndexPage, StandardPage)
        self.assertCanNotCreateAt(ChallengePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, ChallengeIndexPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_editor_can_make_a_standard_page_under_the_home_page_and_under_another(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)


@pytest.fixture
def site_pages(home_page):
    return seed_site_pages(home_page)


def test_seeded_pages_render_in_dutch_and_english(client, site_pages):
    for slug, (dutch, english) in SEEDED.items():
        nl = client.get(f"/{slug}/")
        en = client.get(f"/en/{slug}/")
        assert nl.status_code == en.status_code == 200, slug
        assert f'<h1 lang="nl">{dutch}</h1>' in nl.content.decode()
        assert f'<h1 lang="en">{english}</h1>' in en.content.decode()


def test_accessibility_statement_is_at_toegankelijkheid(client, site_pages):
    html = client.get("/toegankelijkheid/").content.decode()
    assert "(WCAG) 2.1, niveau" in html and "axe-core" in html
    assert "info@lerenmetdestad.nl" in html


def test_seeding_the_pages_twice_makes_them_once(home_page):
    first = seed_site_pages(home_page)
    second = seed_site_pages(home_page)
    assert {slug: page.pk for slug, page in first.items()} == {slug: page.pk for slug, page in second.items()}
    assert StandardPage.objects.count() == len(SEEDED)


def test_faq_is_an_accordion_of_details_and_summary(client, site_pages):
    html = client.get("/zo-werkt-het/").content.decode()
    assert html.count('<details class="faq__item">') == 5
    assert '<summary class="faq__question">Wie ziet mijn contactgegevens?</summary>' in html
    en = client.get("/en/zo-werkt-het/").content.decode()
    assert '<summary class="faq__question">Who sees my contact details?</summary>' in en


def test_breadcrumb_and_child_pages(client, site_pages):
    about = site_pages["over"]
    team = StandardPage(title="Het team", title_en="The team", slug="team", intro="Wie we zijn.")
    about.add_child(instance=team)
    team.save_revision().publish()
    draft = StandardPage(title="Nog niet klaar", slug="concept", live=False)
    about.add_child(instance=draft)

    about_html = client.get("/over/").content.decode()
    assert 'href="/over/team/"' in about_html and "Wie we zijn." in about_html
    assert "Nog niet klaar" not in about_html  # drafts are not listed

    en = client.get("/en/over/team/").content.decode()
    assert 'href="/en/"' in en and 'lang="en">About Learning with the City</a>' in en
    assert '<span aria-current="page" lang="en">The team</span>' in en
    # No English introduction: the Dutch one is shown, marked as Dutch.
    assert '<p class="page-header__lead" lang="nl">Wie we zijn.</p>' in en


def test_english_body_falls_back_to_dutch(client, site_pages):
    contact = site_pages["contact"]
    contact.body_en = []
    contact.save_revision().publish()
    html = client.get("/en/contact/").content.decode()
    assert '<div class="standard-page__body" lang="nl">' in html
    assert "We lezen de mail op werkdagen" in html


def test_call_to_action_to_a_site_address_follows_the_language(client, site_pages):
    assert 'class="button" href="/uitdagingen/"' in client.get("/over/").content.decode()
    assert 'class="button" href="/en/uitdagingen/"' in client.get("/en/over/").content.decode()


def test_site_addresses_are_typed_once_in_dutch():
    with translation.override("en"):
        assert site_address("/impact/") == "/en/impact/"
        assert site_address("/organisaties/") == "/en/organisations/"
        assert site_address("/toegankelijkheid/") == "/en/toegankelijkheid/"
        assert site_address("https://www.leiden.nl/") == "https://www.leiden.nl/"
        assert site_address("mailto:info@lerenmetdestad.nl") == "mailto:info@lerenmetdestad.nl"
    with translation.override("nl"):
        assert site_address("/impact/") == "/impact/"


def test_editor_edits_both_languages_in_tabs(client, site_pages):
    editor = UserFactory(mfa=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(f"/admin/pages/{site_pages['over'].pk}/edit/").content.decode()
    assert 'name="intro"' in html and 'name="intro_en"' in html and 'name="title_en"' in html


@override_settings(LANGUAGE_CODE="nl")
def test_seed_demo_functions_leave_edited_settings_alone(home_page):
    pages = seed_site_pages(home_page)
    seed_site_settings(pages)
    navigation = NavigationSettings.load()
    navigation.links = [("link", {"page": None, "url": "/contact/", "label": "Alleen dit", "label_en": ""})]
    navigation.save()
    seed_site_settings(pages)
    assert [block.value["label"] for block in NavigationSettings.load().links] == ["Alleen dit"]


def test_seed_home_page_is_still_the_one_home(home_page):
    assert seed_home_page().pk == home_page.pk
