"""Settings shared by every environment. Safe for production by default: DEBUG is off and
every secret or address comes from the environment."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.sentry import sentry_init
from config.settings.env import (
    email_settings_from_url,
    env_admins,
    env_bool,
    env_int,
    env_list,
    env_str,
    institution_login_app,
    origin_of,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "accounts",
    "marketplace",
    "cms",
    "dashboard",
    "privacy",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
]

MIDDLEWARE = [
    # Metrics for Prometheus (django-prometheus; served at /metrics to the operator only, see
    # core.operator) time everything between its two middlewares, first and last. With several
    # gunicorn workers, set PROMETHEUS_MULTIPROC_DIR to an empty folder of their own (see README,
    # production), or each scrape sees one worker's numbers.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "core.logs.RequestIdMiddleware",
    # Compresses what the others made (pages, feeds; not static files, which come compressed).
    "core.middleware.GZipTextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 answers for pages a browser already has, stored pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages from the cache, before the session, the user and the page are looked up
    # (core.page_cache); it stores what the next one marks public.
    "core.page_cache.AnonymousPageCacheMiddleware",
    # Who may keep a response (public pages / private ones); above the session, CSRF and message
    # middleware, so that it sees the cookies they set.
    "core.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "core.uploads.UploadRefusalMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.LanguagePreferenceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

# How long a public page (one anyone would get alike, see core.middleware.CacheControlMiddleware)
# may be kept: by a browser, and by a shared cache such as the kit's nginx. The shared time bounds
# how long an unpublished page can still be seen there.
PUBLIC_PAGE_MAX_AGE = env_int("PUBLIC_PAGE_MAX_AGE", 60)
SHARED_CACHE_MAX_AGE = env_int("SHARED_CACHE_MAX_AGE", 10)

# The anonymous page cache (core.page_cache): how long a stored public page lives at most (0 turns
# the cache off), and the query parameters a stored page may have (the challenge filters, search
# and pagination); an address with any other is rendered every time.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# Reported content (PRODUCT.md rule 9): hidden until an editor looks once this many different
# people reported it; and how many reports one person may make in an hour.
MODERATION_HIDE_AFTER_REPORTS = env_int("MODERATION_HIDE_AFTER_REPORTS", 3)
MODERATION_REPORTS_PER_HOUR = env_int("MODERATION_REPORTS_PER_HOUR", 10)
PAGE_CACHE_QUERY_PARAMETERS = {
    "q", "theme", "neighbourhood", "level", "status", "language", "mixed", "sort", "pagina", "weergave"
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, whose new connections wait out a PostgreSQL restart for up to this many
    # seconds instead of answering 500 at once (core.db.postgresql; 0 turns it off).
    DATABASES["default"]["ENGINE"] = "core.db.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})["connect_retry_seconds"] = env_int(
        "DATABASE_CONNECT_RETRY_SECONDS", 5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set; otherwise the process-local memory cache, which is
# enough for one development process. Production insists on a shared cache (see production.py).
# While Redis does not answer, each process falls back to a local memory cache (core.cache) and
# tries Redis again every RETRY_SECONDS; short socket timeouts keep a hanging Redis cheap.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "RETRY_SECONDS": 5,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        },
        # Which stored rendition (resized file) belongs to an image: Wagtail looks it up for every
        # {% image %}. Its keys name the image, its file's hash, the focal point and the size, so
        # an entry never goes stale and each process may keep its own: no round trip to Redis for
        # each picture on a page.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 24 * 60 * 60,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:my_page"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 5
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leren met de Stad] "
# allauth's defaults, stated so they are visibly on: failed logins are limited per IP and
# per account, and sign-ups and e-mails per IP. "login_failed" also counts wrong two-step codes
# (at login, on re-authentication and when switching it on), per person under the key
# "mfa-auth-user-<id>": five wrong codes in five minutes and the next code is refused unchecked.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# The client's address, which the limits "per IP" count, behind our own proxies: the entry of
# X-Forwarded-For that the outermost of our TRUSTED_PROXY_COUNT proxies added (nginx alone: 1,
# the last entry; see README, production). Entries further left are the client's own word and
# never count. The default, 0, ignores the header, which anyone can send, and takes the
# connection's address. allauth's ALLAUTH_TRUSTED_CLIENT_IP_HEADER stays unset: it would trust
# a header even on a request that did not pass the proxy. Nothing else of ours reads the address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Re-authentication: whoever adds or removes an e-mail address or makes one primary, sets a
# password, or changes two-step login confirms with their password or a two-step code when
# their last confirmation is older than five minutes, so a stolen session cannot move the
# account to another address. (Changing a password asks for the current one on the form.)
# No code by e-mail: the mailbox is what such an attacker is after.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")

# Two-step login (allauth.mfa): an authenticator app (TOTP) and recovery codes. Whoever can
# approve hours, publish or see everyone's work must have it on before those pages and the
# admin (accounts.permissions.mfa_required_for, accounts.mfa); anyone else may turn it on.
# Security keys (WebAuthn) are left out for now: they need allauth's own scripts on the login
# and set-up pages and a browser test with a virtual authenticator.
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_FORMS = {"activate_totp": "accounts.mfa.ActivateTOTPForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leren met de Stad"
# One 30-second step either side, for a phone whose clock is a little off. Each code works
# once: a used code is kept in the cache (shared by all app processes) for the whole window.
MFA_TOTP_TOLERANCE = 1
MFA_REAUTHENTICATION_REQUIRED = True

# Log in with your institution (SURFconext, OpenID Connect), next to e-mail and password. On
# only when the issuer, client id and secret are all set; the login page then offers it. The
# issuer is the address SURFconext gives (e.g. https://connect.surfconext.nl), without the
# trailing slash, and every answer must come from it (accounts.adapter). Whoever logs in this way
# is matched to an institution by its schac_home_organization claim and gets a role from
# eduperson_affiliation (accounts.services.institution_login_sync). An address the institution
# gives counts as verified only when it says so (email_verified). An account that exists with
# the same address is never taken over: its owner logs in to it and connects their institution
# on My page (SOCIALACCOUNT_EMAIL_AUTHENTICATION off). Tokens are not kept.
INSTITUTION_LOGIN_ISSUER = env_str("INSTITUTION_LOGIN_ISSUER").rstrip("/")
INSTITUTION_LOGIN_CLIENT_ID = env_str("INSTITUTION_LOGIN_CLIENT_ID")
INSTITUTION_LOGIN_CLIENT_SECRET = env_str("INSTITUTION_LOGIN_CLIENT_SECRET")
_INSTITUTION_LOGIN = (INSTITUTION_LOGIN_ISSUER, INSTITUTION_LOGIN_CLIENT_ID, INSTITUTION_LOGIN_CLIENT_SECRET)
if any(_INSTITUTION_LOGIN) and not all(_INSTITUTION_LOGIN):
    raise ImproperlyConfigured(
        "Log in with your institution needs INSTITUTION_LOGIN_ISSUER, INSTITUTION_LOGIN_CLIENT_ID and "
        "INSTITUTION_LOGIN_CLIENT_SECRET, all three."
    )
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"disconnect": "accounts.forms.InstitutionDisconnectForm"}
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [institution_login_app(*_INSTITUTION_LOGIN)] if all(_INSTITUTION_LOGIN) else [],
        "VERIFIED_EMAIL": False,
    }
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

# Internationalisation: Dutch at unprefixed URLs, English under /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

# Static and media files
STATIC_URL = "/static/"
# Where collectstatic writes; a server may keep it outside the code, e.g. beside the media.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible storage when a bucket is named.
if env_str("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("MEDIA_S3_BUCKET"),
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Project photos and files: outside MEDIA_ROOT, never under MEDIA_URL. They are served by a
# view that checks who asks (marketplace.views.files); behind nginx, set
# PRIVATE_MEDIA_X_ACCEL_REDIRECT to an internal location and the web server sends the bytes.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
PRIVATE_MEDIA_X_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_X_ACCEL_REDIRECT", "")
STORAGES["private"] = {
    "BACKEND": "marketplace.files.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
if env_str("MEDIA_S3_BUCKET"):
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env_str("PRIVATE_MEDIA_S3_BUCKET", env_str("MEDIA_S3_BUCKET")),
            "location": "private",
        },
    }
# Uploads are refused while they arrive (core.uploads): reading a request stops once one file
# passes its limit or the files together pass the request's total. The views that take files
# declare the limits their forms check; Wagtail's admin screens take the two sizes below; every
# other URL takes at most 1 MB. The proxy's per-URL body limits match (README, production).
FILE_UPLOAD_HANDLERS = [
    "core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Above Django's 100, so that a person who picks too many files at once gets the form's own
# message (at most 20 per entry) with their text kept, not a bare "Bad request".
DATA_UPLOAD_MAX_NUMBER_FILES = 250
# Web addresses typed without a scheme are https://, as they will be from Django 6.
FORMS_URLFIELD_ASSUME_HTTPS = True

# E-mail: printed to the console unless EMAIL_URL names an SMTP server.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Leren met de Stad <noreply@lerenmetdestad.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
vars().update(email_settings_from_url(env_str("EMAIL_URL", "console://")))

# Background tasks (django-tasks; e-mails about notifications). By default they run in the
# process that queues them, right after the transaction commits. TASKS_BACKEND names a queue
# instead, e.g. django_tasks_db.DatabaseBackend with its worker (see README, production).
TASKS_BACKEND = env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND.startswith("django_tasks_db."):
    INSTALLED_APPS.append("django_tasks_db")

# True in config.settings.production only (seed_demo reads it).
PRODUCTION = False

# The scheduled jobs (management commands run by the systemd timers in deploy/systemd/, or cron)
# and how many hours old their last success may be before the readiness check reports them: each
# runs daily, so a day and a couple of hours. Finished task results are pruned by
# purge_expired_data (PRIVACY_TASK_RESULT_DAYS).
SCHEDULED_JOBS = {
    "send_notification_digests": 26,
    "send_milestone_reminders": 26,
    "purge_expired_data": 26,
}

# Readiness (/readyz, core.readiness): the database, the cache, the task worker's heartbeat (with
# a database queue; it beats every round, so READINESS_WORKER_MAX_AGE seconds cover a long task)
# and each job of SCHEDULED_JOBS. It answers 503 when a part named in READINESS_REQUIRED is not
# ok ("database", "cache", "worker", "jobs"); the others are reported only. The cache is not
# required by default: while Redis is down the pages answer from a local fallback (core.cache).
# Which part and how old only for the operator (OPERATOR_TOKEN); anyone else sees the status.
READINESS_REQUIRED = env_list("READINESS_REQUIRED", "database,worker")
if not set(READINESS_REQUIRED) <= {"database", "cache", "worker", "jobs"}:
    raise ImproperlyConfigured("READINESS_REQUIRED may name only database, cache, worker and jobs.")
READINESS_WORKER_MAX_AGE = env_int("READINESS_WORKER_MAX_AGE", 300)

# Security headers that are right everywhere.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy on every response (core.middleware, built on django-csp). Nothing
# comes from a third party, and no page has an inline script or style: scripts and styles
# are files in static/, so the policy needs no nonce and pages stay cacheable. Images may
# come from the media storage's own address (MEDIA_ORIGIN, when media are on S3). form-action
# also holds for the redirect after a form is sent, so every form must land on this site.
MEDIA_ORIGIN = env_str("MEDIA_ORIGIN")
_MEDIA_ORIGINS = [MEDIA_ORIGIN] if MEDIA_ORIGIN else []
# The map of challenges (/uitdagingen/?weergave=kaart) shows its background from a tile service:
# by default PDOK's BRT-Achtergrondkaart of the Dutch government (Kadaster), which sets no cookies
# and tracks nobody; the visitor's browser asks it for the tiles, so it sees their IP address (the
# privacy statement says so). The one third party the site lets a page ask for anything, and only
# for images. Empty: the map shows the neighbourhoods on a plain background and asks no one.
MAP_TILE_URL = env_str(
    "MAP_TILE_URL", "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "Kaartgegevens © Kadaster (PDOK)")
_MAP_TILE_ORIGINS = [origin_of(MAP_TILE_URL)] if MAP_TILE_URL else []
if any("{" in origin for origin in _MAP_TILE_ORIGINS):
    # A {s} subdomain would make no valid source for the Content-Security-Policy: every tile blocked.
    raise ImproperlyConfigured("MAP_TILE_URL must name one host, without {s} or other placeholders in it.")
# Logging in with one's institution is a form sent to the site that redirects to the issuer, and
# from there (browsers check form-action on each redirect until a page shows) on to SURFconext's
# engine and possibly straight on to the institution's own login server, which no list can name:
# with it configured, a form may lead to any HTTPS address.
_LOGIN_ORIGINS = [origin_of(INSTITUTION_LOGIN_ISSUER), "https:"] if INSTITUTION_LOGIN_ISSUER else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS, *_MAP_TILE_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *_LOGIN_ORIGINS],
    },
}
# The Wagtail admin (our own setting, read by core.middleware): Wagtail still writes inline
# scripts (panels, date pickers) and inline styles, shows uploads from blob: addresses, and
# shows a page's preview in a frame of its own.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Leren met de Stad"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# No avatars from Gravatar in the admin: an e-mail hash would leave for a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does it ask wagtail.org for new releases on every visit to the dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# Privacy (AVG): how many days data is kept before `manage.py purge_expired_data` (run daily, see
# the README) removes it. The privacy statement names these periods: change both together.
PRIVACY_RETENTION_DAYS = {
    # Sign-ups whose address was never confirmed, counted from the sign-up.
    "unverified_accounts": int(env_str("PRIVACY_UNVERIFIED_ACCOUNT_DAYS", "30")),
    # Notifications the person has read, counted from reading.
    "read_notifications": int(env_str("PRIVACY_READ_NOTIFICATION_DAYS", "180")),
    # Invitations never used, counted from when they expired or were withdrawn.
    "expired_invitations": int(env_str("PRIVACY_EXPIRED_INVITATION_DAYS", "30")),
    # Results of background tasks (only a database queue keeps them), counted from the end.
    "task_results": int(env_str("PRIVACY_TASK_RESULT_DAYS", "14")),
    # A project's photos and files, counted from its completion or stop (a live story's photo stays).
    "project_files": int(env_str("PRIVACY_PROJECT_FILE_DAYS", "730")),
    # Approved hours of a deleted account, kept for grading, counted from the project's end.
    "hours_of_deleted_accounts": int(env_str("PRIVACY_DELETED_ACCOUNT_HOURS_DAYS", "730")),
}

# The operator's pages (readiness details, metrics) answer only a request that sends
# "Authorization: Bearer <OPERATOR_TOKEN>" (core.operator.is_operator); unset, nobody sees them.
OPERATOR_TOKEN = env_str("OPERATOR_TOKEN")

# The broker's desk warns of research fatigue when a neighbourhood has this many projects
# running at once: residents there are asked a lot already.
BROKER_FATIGUE_THRESHOLD = int(env_str("BROKER_FATIGUE_THRESHOLD", "3"))

# Logging: one stream on standard error, for journald or the container. LOG_FORMAT "plain" (the
# default; production.py makes it "json") or "json": one JSON object a line (python-json-logger),
# for a log collector. Every line carries the request id (core.logs), also a background task's
# line when a request queued the task. LOG_REQUESTS adds one line per request (method, path
# without query, status, duration).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "loggers": {"core.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Who hears of a server error (500) by e-mail, through Django's own handler:
# ADMINS="Beheer <beheer@example.nl>, ict@example.nl". Empty: nobody.
ADMINS = env_admins("ADMINS")

# Error reports to Sentry (or GlitchTip) when SENTRY_DSN is set, without personal data
# (config.sentry). SENTRY_TRACES_SAMPLE_RATE > 0 also sends timings of that share of requests.
sentry_init(
    dsn=env_str("SENTRY_DSN"),
    environment=env_str("SENTRY_ENVIRONMENT", "production"),
    release=env_str("SENTRY_RELEASE"),
    traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
