from allauth.account.signals import user_logged_in
from allauth.socialaccount.signals import social_account_added
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # The receiver's module imports models, which cannot load before the app registry is ready.
        from accounts.adapter import institution_connected, institution_logged_in  # noqa: PLC0415

        # Names and institutions show on public pages (core.page_cache).
        page_cache.invalidate_on(self.get_model("User"), self.get_model("Institution"))
        social_account_added.connect(institution_connected, dispatch_uid="accounts-institution-connected")
        user_logged_in.connect(institution_logged_in, dispatch_uid="accounts-institution-logged-in")
