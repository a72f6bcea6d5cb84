"""The menu and footer links editors set in the site settings, ready for a template."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from core.translation import DEFAULT_LANGUAGE, _current_language


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
