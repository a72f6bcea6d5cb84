from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """My page: what needs a person, gathered from every app. It sits above the others so that
    none of them has to know about the rest."""

    name = "dashboard"
    verbose_name = _("My page")
