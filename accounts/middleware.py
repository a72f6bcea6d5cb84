from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

from accounts.mfa import mfa_setup_redirect

# Paths outside the translated URL patterns: they have no English twin to send anyone to.
UNTRANSLATED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/i18n/", "/healthz")


class LanguagePreferenceMiddleware:
    """Make a chosen language stick across visits.

    Dutch lives at unprefixed URLs and English under /en/. Someone who chose English (the
    language cookie, or the preference on their account) and opens an unprefixed page is sent
    to its English twin. Choosing Dutch in the switcher sets the cookie back to Dutch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.follows_preference(request):
            return self.get_response(request)
        response = self.redirect_for(request) or self.get_response(request)
        # Whether this address answers or sends to /en/ depends on the language cookie: a cache
        # must not give one visitor's answer to another.
        patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def follows_preference(request) -> bool:
        path = request.path_info
        return (
            request.method in ("GET", "HEAD")
            and not path.startswith(UNTRANSLATED_PREFIXES)
            and not get_language_from_path(path)
        )

    def redirect_for(self, request):
        preferred = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not preferred and request.user.is_authenticated:
            preferred = request.user.preferred_language
        if not preferred or preferred == settings.LANGUAGE_CODE:
            return None
        if preferred not in dict(settings.LANGUAGES):
            return None
        full_path = request.get_full_path()
        translated = translate_url(full_path, preferred)
        if translated == full_path:
            return None
        return HttpResponseRedirect(translated)


# The Wagtail admin's own entrances stay open: its login and password screens only send
# people to allauth, and logging out must always work.
ADMIN_PREFIX = "/admin/"
ADMIN_OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class AdminMFAMiddleware:
    """The Wagtail admin asks for two-step login as the front-end pages do (``accounts.mfa``):
    an editor, broker or superuser without it is sent to set it up before any admin screen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(ADMIN_PREFIX) and not path.startswith(ADMIN_OPEN_PATHS):
            redirect = mfa_setup_redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)
