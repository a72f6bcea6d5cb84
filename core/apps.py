from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self):
        # Every app's privacy.py declares its personal data (core.privacy); checked at start-up.
        from core.privacy import autodiscover  # noqa: PLC0415 — the registry imports the apps' models

        autodiscover()
