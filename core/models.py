"""Model pieces every app shares. Nothing here has a table of its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatedField


class TranslatedPageMixin(models.Model):
    """The page title in English; Page.title holds the Dutch one."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)

    display_title = TranslatedField("title")

    class Meta:
        abstract = True
