"""The anonymous page cache: a public page is rendered once and then served from the cache to every
visitor without a session, until something it may show changes.

Why our own and not wagtail-cache or Django's cache middleware: those key a page by the ``Vary``
headers (every cookie combination its own entry) and wagtail-cache clears on page publishing
only, while our pages also show snippets, settings, themes, organisations and the marketplace's
state (a challenge that fills up, a project delivered). Here:

- Only what ``core.middleware.CacheControlMiddleware`` marked ``public`` is stored: a GET answered
  200 to a visitor without a session, setting no cookie and carrying no CSRF token. Restricted
  pages, forms and anything personal never are.
- A request is served from the cache only without a session or message cookie (any cookie but
  the language and CSRF ones), and only with query parameters of ``PAGE_CACHE_QUERY_PARAMETERS``
  (the challenge filters, search, pagination); anything else is rendered as usual.
- The key is scheme, host, path, those parameters in order, and, for Dutch (unprefixed) addresses,
  the language cookie, which decides whether the address answers or sends the visitor to /en/.
- Invalidation is a generation: every entry holds the generation it was made in, and a change
  that may show on a public page (a publish, an unpublish, a settings or menu change, a theme, an
  organisation, a challenge's state; see ``invalidate_on`` in the apps' ``ready()``, and
  ``invalidate()`` where a service changes rows without saving models) starts a new one, so the
  next visitor gets a fresh page. The generation and the page come in one cache round
  trip. Models that change while pages render (image renditions, last logins) are not watched.
- While the shared cache is down (``core.cache.FallbackRedisCache`` answering locally), nothing is
  served from or stored in it: a change made in another process could not reach this one.

- An entry keeps the page compressed, with its ETag: a hit costs no gzip and no hashing.
  (Django's gzip adds random bytes against BREACH, which guesses secrets in compressed pages;
  a public page holds none, so one compressed copy serves everyone.)

``PAGE_CACHE_SECONDS`` (0 switches it off) bounds how long a page lives at all, for what changes
with time alone ("closes in 3 days").
"""

import gzip
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers, quote_etag
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"
# The version (2: one body, compressed or not) keeps entries another release stored apart.
KEY_PREFIX = "page-cache:page:2:"
# Headers of a stored page that belong to the page; the rest (request id, security headers,
# compression) the middleware above adds to every answer, stored or not.
STORED_HEADERS = (
    "Content-Type", "Content-Language", "Content-Disposition", "Cache-Control", "Vary", "Last-Modified",
    "X-Frame-Options",
)
HIT_HEADER = "X-Page-Cache"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and not getattr(cache, "is_degraded", False)


def invalidate(**kwargs) -> None:
    """Every stored page is out of date: a new generation now, and another when the transaction
    that made the change commits, so that a page another request rendered in between, from the
    rows as they were before the commit, is not taken for current either. (Keyword arguments:
    it is a receiver of Wagtail's signals too.) Also with the page cache off: the menu and the
    footer are cached by generation too (``cached_for_generation``)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def cached_for_generation(name: str, make):
    """``make()``'s value, kept until the next generation: for the parts of every page (the menu,
    the footer) that change only with what starts one."""
    if getattr(cache, "is_degraded", False):
        return make()
    generation = cache.get(GENERATION_KEY) or _first_generation()
    key = f"page-cache:part:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS or 300)
    return value


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _first_generation() -> str | None:
    """A fresh cache (or one Redis lost) has none yet: add() one, so that two processes starting
    one at once agree on it."""
    cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
    return cache.get(GENERATION_KEY)


def _invalidate_on_change(sender, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= IGNORED_FIELDS:
        return
    invalidate()


# Saves that change nothing a page shows: logging in, Wagtail's bookkeeping of drafts and of
# image files (done while a page renders).
IGNORED_FIELDS = {
    "last_login",
    "latest_revision",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "file_hash",
    "file_size",
}


def invalidate_on(*models) -> None:
    """What these models hold may show on a public page: a save or delete starts a new generation."""
    for model in models:
        post_save.connect(_invalidate_on_change, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(_invalidate_on_change, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")


def connect_page_signals() -> None:
    """Wagtail's own: publishing (also by a workflow's approval), unpublishing, moving, renaming."""
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")


def cache_key(request) -> str | None:
    """The page's key, or None where this request must not be served from (or stored in) the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    if set(request.COOKIES) - allowed_cookies:
        return None
    allowed = settings.PAGE_CACHE_QUERY_PARAMETERS
    if any(name not in allowed for name in request.GET):
        return None
    query = "&".join(f"{name}={value}" for name in sorted(request.GET) for value in request.GET.getlist(name))
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if get_language_from_path(request.path_info):
        language = ""  # the address decides
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}#{language[:8]}"
    # Hashed: a search may hold spaces and any other character a cache key may not.
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Serves a stored public page before the session, the user and the page are looked up; stores
    what the middleware below marked public. Marks its answers ``X-Page-Cache: hit`` or ``miss``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request) if enabled() else None
        if key is None:
            return self.get_response(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is not None and entry is not None and entry["generation"] == generation:
            return self._from_entry(entry, request)
        response = self.get_response(request)
        response[HIT_HEADER] = "miss"
        if self._storable(response):
            if generation is None:
                generation = _first_generation()
            cache.set(key, self._entry(response, generation), settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _storable(response) -> bool:
        directives = {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in directives
            and "private" not in directives
        )

    @staticmethod
    def _entry(response, generation) -> dict:
        """The page compressed where that makes it smaller (nearly always), else as it is: one
        copy, so a hit reads and unpickles half as much."""
        content = response.content
        compressed = compress_string(content, max_random_bytes=0) if len(content) >= 200 else b""
        gzipped = bool(compressed) and len(compressed) < len(content)
        return {
            "generation": generation,
            "body": compressed if gzipped else content,
            "gzipped": gzipped,
            "etag": quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest()),
            "headers": {name: response[name] for name in STORED_HEADERS if response.has_header(name)},
        }

    @staticmethod
    def _from_entry(entry, request):
        """The stored page as Django's gzip and ETag middleware would answer it (they leave a
        response alone that is compressed already or has an ETag); uncompressed for the rare
        client that does not take gzip."""
        body, etag = entry["body"], entry["etag"]
        compressed = entry["gzipped"] and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if compressed:
            etag = f"W/{etag}"
        elif entry["gzipped"]:
            body = gzip.decompress(body)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        for name, value in entry["headers"].items():
            response[name] = value
        response["ETag"] = etag
        if compressed:
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(body))
            patch_vary_headers(response, ("Accept-Encoding",))
        response[HIT_HEADER] = "hit"
        return response
