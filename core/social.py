"""How a public page looks when its link is shared (WhatsApp, Signal, Teams, LinkedIn): the Open
Graph and Twitter card tags, from a page's ``social_card()`` or its title and introduction."""

import logging
from dataclasses import dataclass

from django.templatetags.static import static
from django.utils.translation import get_language, gettext

logger = logging.getLogger(__name__)

# Open Graph wants a territory with the language.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}
# What link previews crop to; a photo is cut to this from its focal point.
CARD_RENDITION = "fill-1200x630"
DEFAULT_IMAGE = "img/social-card.png"


@dataclass(frozen=True)
class SocialCard:
    title: str
    description: str = ""
    image: object = None  # a Wagtail image, or None for the site's own card
    image_alt: str = ""
    kind: str = "website"  # og:type: "article" for a story


def site_card() -> SocialCard:
    """The card of a page that has none of its own: the site's."""
    return SocialCard(
        title="Leren met de Stad",
        description=gettext("Residents of Leiden post questions from their neighbourhood; student teams work on them."),
    )


def card_for_page(page) -> SocialCard:
    """A Wagtail page's card: its own ``social_card()``, or its title and introduction."""
    specific = getattr(page, "specific", page)
    if hasattr(specific, "social_card"):
        return specific.social_card()
    title = getattr(specific, "display_title", "") or specific.title
    intro = getattr(specific, "display_intro", "") or ""
    description = specific.search_description or str(intro) or site_card().description
    return SocialCard(title=str(title), description=description)


def meta_tags(request, card: SocialCard, url: str) -> list[tuple[str, str, str]]:
    """(attribute, name, content) of each tag, for ``components/social_meta.html``."""
    language = get_language() or "nl"
    rendition = None
    if card.image is not None:
        try:
            rendition = card.image.get_rendition(CARD_RENDITION)
        except OSError:
            # A photo whose file is gone (Wagtail's SourceImageIOError): the page shows the site's card.
            logger.warning("No social card rendition of image %s", card.image.pk, exc_info=True)
    if rendition is not None:
        image_url, width, height = request.build_absolute_uri(rendition.url), rendition.width, rendition.height
        image_alt = card.image_alt
    else:
        image_url, width, height = request.build_absolute_uri(static(DEFAULT_IMAGE)), 1200, 630
        image_alt = gettext("Leren met de Stad: residents' questions, students' work")
    tags = [
        ("property", "og:site_name", "Leren met de Stad"),
        ("property", "og:type", card.kind),
        ("property", "og:title", card.title),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(language, "nl_NL")),
        *(("property", "og:locale:alternate", locale) for code, locale in OG_LOCALES.items() if code != language),
        ("property", "og:image", image_url),
        ("property", "og:image:width", str(width)),
        ("property", "og:image:height", str(height)),
        ("property", "og:image:alt", image_alt),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", card.title),
    ]
    if card.description:
        tags[3:3] = [("property", "og:description", card.description)]
        tags.append(("name", "twitter:description", card.description))
    return tags
