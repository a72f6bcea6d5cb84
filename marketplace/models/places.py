"""Where and what: Leiden's districts and the partnership's themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatedField


class Neighbourhood(models.Model):
    """One of Leiden's districts. Data, editable by editors."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A theme of the partnership, such as health & well-being."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    display_name = TranslatedField("name")
    display_description = TranslatedField("description")

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.display_name
