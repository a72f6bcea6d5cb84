"""The nginx configuration of the deployment kit matches the code: every page that takes uploads, found
from the URL patterns, passes the proxy with room for its form's largest request, on its real
paths in Dutch and English; other pages stay at the small default."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from core.uploads import DEFAULT_LIMITS, MB, UploadLimits

NGINX_LOCATIONS = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "lerenmetdestad-locations.conf"


def _nginx_block() -> str:
    return NGINX_LOCATIONS.read_text()


def _server_default_mb() -> int:
    """The limit at the server's level: the file's first line that is not inside a location."""
    return int(re.search(r"^client_max_body_size (\d+)m;", _nginx_block(), re.M).group(1))


def _location_limits():
    """(kind, pattern, megabytes) of every location that sets its own body limit."""
    found = re.findall(r"location (~ )?(\S+) \{\s*client_max_body_size (\d+)m;", _nginx_block())
    return [("regex" if regex else "prefix", pattern, int(size)) for regex, pattern, size in found]


def _proxy_limit_mb(path: str) -> int:
    """The body limit nginx applies to ``path``: the first matching regex location, else the
    longest matching prefix location, else the server's."""
    locations = _location_limits()
    for kind, pattern, size in locations:
        if kind == "regex" and re.search(pattern, path):
            return size
    prefixes = [(pattern, size) for kind, pattern, size in locations if kind == "prefix" and path.startswith(pattern)]
    if prefixes:
        return max(prefixes, key=lambda item: len(item[0]))[1]
    return _server_default_mb()


def _upload_views(patterns=None, namespace=""):
    """(URL name, pattern, limits) of every view that declares upload limits."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _upload_views(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and hasattr(entry.callback, "upload_limits"):
            yield f"{namespace}{entry.name}", entry, entry.callback.upload_limits


UPLOAD_VIEWS = sorted((name, limits) for name, _pattern, limits in _upload_views())


def test_the_upload_views_are_the_seven_forms_that_take_files():
    assert [name for name, _limits in UPLOAD_VIEWS] == [
        "applications:message",
        "marketplace:challenge_edit",
        "marketplace:challenge_new",
        "projects:deliver",
        "projects:log_edit",
        "projects:log_new",
        "projects:messages",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("name", "limits"), UPLOAD_VIEWS)
def test_every_upload_page_passes_the_proxy_with_its_largest_request(name, limits, language):
    pattern = next(pattern for found, pattern, _limits in _upload_views() if found == name)
    with translation.override(language):
        path = reverse(name, kwargs={key: 7 for key in pattern.pattern.converters})
    assert _proxy_limit_mb(path) * MB >= limits.body_bytes


@pytest.mark.parametrize(
    "path",
    ["/mijn-pagina/profiel/", "/en/accounts/login/", "/projecten/7/", "/en/projects/7/feedback/",
     "/projecten/7/logboek/nieuw/extra/", "/en/my-challenges/7/preview/"],
)
def test_other_pages_keep_the_small_default(path):
    assert _proxy_limit_mb(path) == 1
    assert DEFAULT_LIMITS.file_bytes == 1 * MB


def test_the_admin_passes_wagtails_largest_upload():
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert _proxy_limit_mb("/admin/images/multiple/add/") * MB >= UploadLimits(largest, largest).body_bytes
