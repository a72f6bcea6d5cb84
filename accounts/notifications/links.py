"""Links in notifications: only addresses on this site, opened in the reader's language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.models import Notification

URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


def site_path(url: str) -> str:
    """``url`` as a path of this site in the default language (the reader's language is put
    in when it is opened). Anything else is refused: the notification page redirects to it."""
    if not isinstance(url, str) or not is_site_path(url) or len(url) > URL_MAX_LENGTH:
        raise ValueError(f"A notification links to a path of this site, such as /mijn-pagina/, not {url!r}.")
    language = translation.get_language_from_path(url)
    if language and language != settings.LANGUAGE_CODE:
        with translation.override(language):
            url = translate_url(url, settings.LANGUAGE_CODE)
    return url


def is_site_path(url: str) -> bool:
    parts = urlsplit(url)
    return (
        url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and not parts.scheme
        and not parts.netloc
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def localized_path(path: str, language: str) -> str:
    """A stored path in ``language``: /en/… for English, the unprefixed path for Dutch."""
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(path, language)

