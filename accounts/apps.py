from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Names and institutions show on public pages (core.page_cache).
        page_cache.invalidate_on(self.get_model("User"), self.get_model("Institution"))
