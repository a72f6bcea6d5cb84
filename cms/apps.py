from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        # The menu and the footer are on every page (core.page_cache).
        page_cache.invalidate_on(self.get_model("NavigationSettings"), self.get_model("FooterSettings"))
