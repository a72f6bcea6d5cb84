"""Test settings: fast hashing, e-mails kept in memory, a fresh cache per process."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# One folder per test worker (pytest-xdist names them gw0, gw1, …), so that one worker's
# clean-up never removes the files another is still reading.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / ("test-media-" + _WORKER if _WORKER else "test-media")  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
PRIVATE_MEDIA_ROOT = VAR_DIR / ("test-private-" + _WORKER if _WORKER else "test-private")  # noqa: F405
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "marketplace.files.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}
