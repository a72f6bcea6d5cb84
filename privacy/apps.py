from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A person's data (AVG): what is held, the download, deleting the account and the purge of
    what is past its retention period. It reads the registry every app fills (core.privacy), so
    it sits on top, beside My page."""

    name = "privacy"
    verbose_name = _("Privacy")
