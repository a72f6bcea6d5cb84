"""Demo content for the editorial pages, in Dutch and English. Idempotent."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import FooterSettings, HomePage, NavigationSettings, StandardPage
from demo.pages import FOOTER_TEXT, FOOTER_TEXT_EN, SITE_PAGES
from marketplace.models import ChallengeIndexPage

HOME = {
    "title": "Leren met de Stad",
    "title_en": "Learning with the City",
    "slug": "home",
    "hero_heading": "Leidse vragen, samen met studenten opgelost",
    "hero_heading_en": "Questions from Leiden, solved together with students",
    "hero_text": "Heb je een vraag uit je straat of wijk? Studenten van de Universiteit Leiden, Hogeschool "
    "Leiden en mboRijnland werken er in gemengde teams aan, begeleid door hun docent.",
    "hero_text_en": "Do you have a question from your street or neighbourhood? Students from Leiden University, "
    "Leiden University of Applied Sciences and mboRijnland work on it in mixed teams, supervised by their "
    "lecturer.",
    "themes_heading": "Drie thema's",
    "themes_heading_en": "Three themes",
}


BODY_NL = [
    {
        "type": "paragraph",
        "value": "<p>Leiden is een stad van kennis. Met <b>Leren met de Stad</b> werken de Universiteit Leiden, "
        "Hogeschool Leiden, mboRijnland en de gemeente samen aan vragen van bewoners en maatschappelijke "
        "organisaties. Studenten leren in de praktijk; de wijk krijgt antwoorden, ontwerpen en nieuwe ideeën. "
        "Het programma hoort bij de City Deal Kennis Maken.</p>",
    },
    {
        "type": "how_it_works",
        "value": {
            "heading": "Zo werkt het",
            "audiences": [
                {
                    "audience": "Voor bewoners en organisaties",
                    "text": "<ol><li>Stel je vraag, met een foto uit de buurt.</li><li>Een redacteur kijkt "
                    "mee voordat de vraag online komt.</li><li>Studententeams melden zich; jij kiest het team "
                    "dat het beste past.</li><li>Je volgt het werk en bedankt het team.</li></ol>",
                    "link_text": "",
                    "url": "",
                },
                {
                    "audience": "Voor studenten",
                    "text": "<ol><li>Meld je aan met je e-mailadres van school of universiteit.</li><li>Vorm "
                    "een team met studenten van andere instellingen.</li><li>Kies een uitdaging die bij je "
                    "studie en periode past en meld je team aan.</li><li>Houd een logboek bij en laat zien "
                    "wat het opleverde.</li></ol>",
                    "link_text": "",
                    "url": "",
                },
                {
                    "audience": "Voor docenten",
                    "text": "<ol><li>Meld je aan met je e-mailadres van je instelling; een redacteur "
                    "bevestigt je rol.</li><li>Begeleid teams en onderschrijf hun aanmelding.</li><li>Volg "
                    "het logboek, geef feedback en keur uren goed.</li></ol>",
                    "link_text": "",
                    "url": "",
                },
            ],
        },
    },
    {
        "type": "quote",
        "value": {
            "text": "De studenten keken met frisse ogen naar ons buurtplein. Hun ontwerp ligt nu bij de gemeente.",
            "attribution": "Voorbeeldcitaat van een bewoner uit de Merenwijk (demo)",
        },
    },
]


BODY_EN = [
    {
        "type": "paragraph",
        "value": "<p>Leiden is a city of knowledge. In <b>Learning with the City</b>, Leiden University, "
        "Leiden University of Applied Sciences, mboRijnland and the municipality work together on questions "
        "from residents and civil-society organisations. Students learn in practice; the neighbourhood gets "
        "answers, designs and new ideas. The programme is part of City Deal Kennis Maken.</p>",
    },
    {
        "type": "how_it_works",
        "value": {
            "heading": "How it works",
            "audiences": [
                {
                    "audience": "For residents and organisations",
                    "text": "<ol><li>Post your question, with a photo from the neighbourhood.</li><li>An editor "
                    "checks it before it goes online.</li><li>Student teams apply; you choose the team that "
                    "fits best.</li><li>You follow the work and thank the team.</li></ol>",
                    "link_text": "",
                    "url": "",
                },
                {
                    "audience": "For students",
                    "text": "<ol><li>Sign up with your school or university e-mail address.</li><li>Form a "
                    "team with students from other institutions.</li><li>Choose a challenge that fits your "
                    "studies and period, and apply as a team.</li><li>Keep a log and show what came of it."
                    "</li></ol>",
                    "link_text": "",
                    "url": "",
                },
                {
                    "audience": "For lecturers",
                    "text": "<ol><li>Sign up with your institution's e-mail address; an editor confirms your "
                    "role.</li><li>Supervise teams and endorse their applications.</li><li>Follow the log, give "
                    "feedback and sign off hours.</li></ol>",
                    "link_text": "",
                    "url": "",
                },
            ],
        },
    },
    {
        "type": "quote",
        "value": {
            "text": "The students looked at our neighbourhood square with fresh eyes. Their design is now with "
            "the municipality.",
            "attribution": "Example quote from a Merenwijk resident (demo)",
        },
    },
]


@transaction.atomic
def seed_home_page() -> HomePage:
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    # Wagtail's installation leaves a placeholder welcome page; the home page takes its place.
    for placeholder in root.get_children().filter(slug="home"):
        placeholder.delete()
    home = HomePage(**HOME, body=BODY_NL, body_en=BODY_EN)
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Leren met de Stad")
    else:
        site.root_page = home
        site.site_name = "Leren met de Stad"
        site.save(update_fields=["root_page", "site_name"])
    return home


@transaction.atomic
def seed_site_pages(home: HomePage) -> dict[str, StandardPage]:
    """About, How it works, Privacy, Accessibility and Contact under the home page, each created
    once; pages editors already made or changed are left alone."""
    pages = {}
    for spec in SITE_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(**spec)
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[spec["slug"]] = page
    return pages


@transaction.atomic
def seed_site_settings(pages: dict[str, StandardPage], *, story_index=None) -> None:
    """The main menu and the footer, set once; what editors set later is kept."""
    navigation = NavigationSettings.load()
    if not navigation.links:
        index = ChallengeIndexPage.objects.live().first()
        menu = [_link("Uitdagingen", "Challenges", page=index, url="" if index else "/uitdagingen/")]
        menu += [
            _link("Verhalen", "Stories", page=story_index),
            _link("Zo werkt het", "How it works", page=pages.get("zo-werkt-het")),
            _link("Over ons", "About", page=pages.get("over")),
        ]
        navigation.links = [link for link in menu if link]
        navigation.save()

    footer = FooterSettings.load()
    if not footer.links and not footer.text:
        footer.text, footer.text_en = FOOTER_TEXT, FOOTER_TEXT_EN
        footer.links = [
            link
            for link in [
                _link("Privacy", "Privacy", page=pages.get("privacy")),
                _link("Toegankelijkheid", "Accessibility", page=pages.get("toegankelijkheid")),
                _link("Contact", "Contact", page=pages.get("contact")),
                _link("Impact in cijfers", "Impact in figures", url="/impact/"),
                _link("Organisaties", "Organisations", url="/organisaties/"),
            ]
            if link
        ]
        footer.save()


def _link(label, label_en, *, page=None, url=""):
    if page is None and not url:
        return None
    return ("link", {"page": page, "url": url, "label": label, "label_en": label_en})

