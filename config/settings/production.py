"""Production: everything from the environment; refuses to start without its secrets."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.env import env_bool, env_int, env_str

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated host names).")
if not REDIS_URL:  # noqa: F405
    # Several app processes share login rate limits and sessions through the cache; a
    # per-process memory cache would make allauth's limits useless.
    raise ImproperlyConfigured("Set REDIS_URL in the environment: production needs a shared cache.")

DEBUG = False
# A real site: the demo data (seed_demo) refuses to load without --allow-production, and then
# never gives an account the published demo password.
PRODUCTION = True
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Joining the browsers' HSTS preload list is a decision for the whole domain, taken by whoever
# runs it, not by this application.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs for a collector: JSON lines, and one line per request, unless LOG_FORMAT=plain or
# LOG_REQUESTS=0 say otherwise (see base.py).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
if LOG_FORMAT not in LOGGING["formatters"]:  # noqa: F405
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
LOG_REQUESTS = env_bool("LOG_REQUESTS", True)
LOGGING["loggers"]["core.requests"]["level"] = "INFO" if LOG_REQUESTS else "WARNING"  # noqa: F405
