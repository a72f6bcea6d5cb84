"""Local development: DEBUG on, e-mail to the console, any local host."""

from config.settings.base import *  # noqa: F403
from config.settings.env import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-secret-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
