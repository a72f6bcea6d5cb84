"""The main menu and footer are site settings editors change; while empty, the built-in
links show. Menu pages are loaded in one query, however many links there are."""

import pytest
from django.contrib.auth.models import Group
from wagtail.blocks import StructBlockValidationError

from cms.blocks import LinkBlock
from cms.models import FooterSettings, NavigationSettings, StandardPage
from demo.site import seed_site_pages, seed_site_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link(label, label_en="", *, page=None, url=""):
    return ("link", {"page": page, "url": url, "label": label, "label_en": label_en})


def nav_html(html):
    """The wide header's menu (the phone header's menu holds the same links)."""
    return html.split('<nav class="site-nav site-header__wide"', 1)[1].split("</nav>", 1)[0]


def footer_html(html):
    return html.split('<footer class="site-footer">', 1)[1]


def test_empty_settings_show_the_built_in_menu_and_footer(client, challenge_index):
    html = client.get("/").content.decode()
    assert f'href="{challenge_index.url}"' in nav_html(html)
    assert ">Uitdagingen</a>" in nav_html(html)
    footer = footer_html(html)
    assert 'href="/organisaties/"' in footer and 'href="/impact/"' in footer
    assert "onderdeel van City Deal Kennis Maken" in footer


def test_seeded_settings_drive_menu_and_footer_in_both_languages(client, challenge_index, home_page):
    seed_site_settings(seed_site_pages(home_page))
    nl = client.get("/zo-werkt-het/").content.decode()
    menu = nav_html(nl)
    assert menu.index(">Uitdagingen<") < menu.index(">Zo werkt het<") < menu.index(">Over ons<")
    assert '<a class="site-nav__link" href="/zo-werkt-het/" lang="nl" aria-current="page">Zo werkt het</a>' in menu
    footer = footer_html(nl)
    for href, label in [
        ("/privacy/", "Privacy"),
        ("/toegankelijkheid/", "Toegankelijkheid"),
        ("/contact/", "Contact"),
        ("/impact/", "Impact in cijfers"),
        ("/organisaties/", "Organisaties"),
    ]:
        assert f'href="{href}" lang="nl">{label}</a>' in footer

    en = client.get("/en/").content.decode()
    assert 'href="/en/over/" lang="en">About</a>' in nav_html(en)
    assert 'href="/en/uitdagingen/" lang="en">Challenges</a>' in nav_html(en)
    footer = footer_html(en)
    assert 'href="/en/toegankelijkheid/" lang="en">Accessibility</a>' in footer
    assert 'href="/en/impact/" lang="en">Impact in figures</a>' in footer
    assert 'href="/en/organisations/" lang="en">Organisations</a>' in footer
    assert '<p lang="en">A programme of Leiden University, Leiden University of Applied Sciences' in footer


def test_menu_leaves_out_unpublished_pages_and_falls_back_to_dutch_labels(client, home_page):
    pages = seed_site_pages(home_page)
    pages["contact"].unpublish()
    settings = NavigationSettings.load()
    settings.links = [link("Contact", "Contact", page=pages["contact"]), link("Over ons", page=pages["over"])]
    settings.save()
    menu = nav_html(client.get("/en/").content.decode())
    assert "/contact/" not in menu
    assert 'href="/en/over/" lang="nl">Over ons</a>' in menu  # no English label: Dutch, marked as Dutch


def test_footer_text_falls_back_to_dutch(client, home_page):
    footer = FooterSettings.load()
    footer.text = "Een programma van Leiden."
    footer.save()
    assert '<p lang="nl">Een programma van Leiden.</p>' in footer_html(client.get("/en/").content.decode())


def test_a_link_needs_a_page_or_an_address():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": "", "label": "Leeg", "label_en": ""}))


def test_editors_may_change_the_menu_and_footer(client):
    editor = UserFactory(mfa=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    for model in ("navigationsettings", "footersettings"):
        response = client.get(f"/admin/settings/cms/{model}/")
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert client.get(response.url).status_code == 200


def _menu_of(home_page, size):
    pages = list(StandardPage.objects.child_of(home_page).order_by("path"))
    for n in range(len(pages), size):
        page = StandardPage(title=f"Pagina {n}", title_en=f"Page {n}", slug=f"pagina-{n}")
        home_page.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    navigation = NavigationSettings.load()
    navigation.links = [link(p.title, p.title_en, page=p) for p in pages]
    navigation.save()
    footer = FooterSettings.load()
    footer.links = [link(p.title, page=p) for p in pages] + [link("Impact", url="/impact/")]
    footer.save()
    return pages


def test_standard_page_query_count_does_not_grow_with_the_menu(client, home_page, django_assert_max_num_queries):
    # Site and page lookup, the page's specific row, its breadcrumb and children; the menu's
    # settings row and its pages in one query, the same for the footer: a fixed number.
    pages = _menu_of(home_page, 3)
    url = pages[0].url
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    _menu_of(home_page, 12)
    assert len(NavigationSettings.load().links) == 12
    with django_assert_max_num_queries(small_count) as large:
        html = client.get(url).content.decode()
    # The menu's links and Home, in the wide header and in the phone header's menu.
    assert html.count('class="site-nav__link"') == 2 * (12 + 1)
    print(f"standard page: {small_count} queries with 3 menu links, {len(large.captured_queries)} with 12")
