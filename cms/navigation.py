"""The menu and footer links editors set in the site settings, ready for a template."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from cms.models import FooterSettings, NavigationSettings
from core.page_cache import cached_for_generation
from core.translation import DEFAULT_LANGUAGE, _current_language, language_of


@dataclass(frozen=True)
class SiteLink:
    url: str
    label: str
    language: str  # the language the label is in, for a lang attribute
    current: bool  # the link leads to the page being shown


def site_address(url: str) -> str:
    """An address on this site (``/impact/``, ``/toegankelijkheid/``) in the visitor's language:
    editors type the Dutch address once and English visitors get ``/en/…``. Other addresses
    are left as they are."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def resolve_links(stream_value, request=None) -> list[SiteLink]:
    """The live links of a stream of LinkBlocks. Their pages come from one query: the stream
    loads every chosen page at once when it is first read."""
    language = _current_language()
    path = getattr(request, "path", None)
    links = []
    for block in stream_value:
        value = block.value
        page = value.get("page")
        if page is not None:
            if not page.live:
                continue
            url = page.get_url(request)
        elif value.get("url"):
            url = site_address(value["url"])
        else:
            continue
        if not url:
            continue
        if language != DEFAULT_LANGUAGE and value.get("label_en"):
            label, label_language = value["label_en"], language
        else:
            label, label_language = value["label"], DEFAULT_LANGUAGE
        links.append(SiteLink(url=url, label=label, language=label_language, current=url == path))
    return links


@dataclass(frozen=True)
class Footer:
    text: str  # empty while editors have set none
    text_language: str
    links: list[SiteLink]


def menu_links(request) -> list[SiteLink]:
    """The main menu editors set, in the visitor's language; empty while they have set none.
    Kept in the cache per language until something that may change it is saved
    (core.page_cache): two queries fewer on every page."""
    links = cached_for_generation(
        f"menu:{_site_key(request)}:{_current_language()}",
        lambda: resolve_links(NavigationSettings.load(request_or_site=request).links, request),
    )
    return _marked_current(links, request)


def footer(request) -> Footer:
    """The footer's text and links editors set, in the visitor's language; kept like the menu."""

    def make() -> Footer:
        settings_ = FooterSettings.load(request_or_site=request)
        return Footer(
            text=settings_.display_text,
            text_language=language_of(settings_, "display_text"),
            links=resolve_links(settings_.links, request),
        )

    made = cached_for_generation(f"footer:{_site_key(request)}:{_current_language()}", make)
    return replace(made, links=_marked_current(made.links, request))


def _site_key(request) -> str:
    return request.get_host() if request is not None else "-"


def _marked_current(links: list[SiteLink], request) -> list[SiteLink]:
    path = getattr(request, "path", None)
    return [replace(link, current=link.url == path) for link in links]
