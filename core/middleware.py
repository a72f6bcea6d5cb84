from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one policy for the site and another for the Wagtail admin.

    The site's policy (``CONTENT_SECURITY_POLICY``) allows no inline script or style at all. The
    admin is Wagtail's own code, which still writes inline scripts and styles; it gets
    ``CONTENT_SECURITY_POLICY_ADMIN`` instead, so that loosening it never loosens the site. A
    response that brings its own header (private files, Wagtail's documents) keeps it.

    Both policies are the same for every response that does not change them itself (no nonce, no
    per-view decorator, not a preview): built once per process, not twice per response.
    """

    _built: dict[bool, tuple[str, str]] = {}

    def process_response(self, request, response):
        if not self._uses_settings_alone(request, response):
            return super().process_response(request, response)
        admin = self.is_admin(request)
        if admin not in self._built:
            config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]) if admin else None
            self._built[admin] = (build_policy(config=config), build_policy(report_only=True))
        policy, report_only = self._built[admin]
        if policy and HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = policy
        if report_only and HEADER_REPORT_ONLY not in response and not getattr(response, "_csp_exempt_ro", False):
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _uses_settings_alone(request, response) -> bool:
        return (
            not (settings.DEBUG and response.status_code in (404, 500))  # Django's debug pages
            and getattr(request, "_csp_nonce", None) is None
            and not getattr(request, "is_preview", False)
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            and not any(
                getattr(response, f"_csp_{part}{suffix}", None) is not None
                for part in ("config", "update", "replace")
                for suffix in ("", "_ro")
            )
        )

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            # Wagtail renders a preview through the whole middleware stack with the page's own
            # path, and shows it in a frame of the admin: the site's policy, framed by the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        elif self.is_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request) -> bool:
        return request.path_info.startswith(reverse("wagtailadmin_home"))


def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware._built.clear()


setting_changed.connect(_forget_built_policies, dispatch_uid="csp-built-policies")


class CacheControlMiddleware:
    """Says who may keep a response, so that public pages can be cached and personal ones never are.

    A page anyone would get alike (a GET answered 200 to a visitor without a session, setting no
    cookie and carrying no CSRF token) is ``public``: browsers keep it ``PUBLIC_PAGE_MAX_AGE``
    seconds, shared caches (the kit's nginx) ``SHARED_CACHE_MAX_AGE``. Everything a logged-in
    person gets, and every response that sets a cookie or renders a CSRF token, is ``private,
    no-cache``. A response that says it itself (static files, project files) keeps its own, but
    never goes out ``public`` to someone logged in.

    ``Vary: Accept-Language`` goes: the address alone decides the language here (Dutch unprefixed,
    English under /en/; see ``accounts.middleware.LanguagePreferenceMiddleware`` for the cookie),
    and it would split every shared cache by browser language for nothing.

    Sits above the session, CSRF and message middleware, so it sees the cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        remove_vary(response, "Accept-Language")
        user = getattr(request, "user", None)
        logged_in = user is not None and user.is_authenticated
        if response.has_header("Cache-Control"):
            if logged_in:
                patch_cache_control(response, private=True)
        elif is_shareable(request, response, logged_in=logged_in):
            patch_cache_control(
                response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE, s_maxage=settings.SHARED_CACHE_MAX_AGE
            )
        elif logged_in or response.cookies or response.status_code == 200 or csrf_token_used(request):
            patch_cache_control(response, private=True, no_cache=True)
        return response


def is_shareable(request, response, *, logged_in: bool) -> bool:
    """The same for every visitor: nothing in it belongs to whoever asked."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not logged_in
        # A session may hold a passed page password, a login halfway, messages: theirs alone.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
        and not csrf_token_used(request)
        and not getattr(request, "is_preview", False)
    )


def csrf_token_used(request) -> bool:
    # Set by django.middleware.csrf.get_token, whatever rendered the token.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def remove_vary(response, header: str) -> None:
    if not response.has_header("Vary"):
        return
    kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() != header.lower()]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class GZipTextMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation), for text only: pages, feeds, JSON and CSV.
    Photos, PDFs and office files are compressed already; the static files come compressed
    from WhiteNoise or nginx."""

    TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.TEXT_TYPES):
            return response
        return super().process_response(request, response)
