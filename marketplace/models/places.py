"""Where and what: Leiden's districts and the partnership's themes."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatedField


class Neighbourhood(models.Model):
    """One of Leiden's districts. Data, editable by editors.

    Its coordinates are a point near the middle of the district: the map of challenges places
    every challenge there, never at an address. Without them the district is left off the map
    (it is still in the list beside it)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Degrees north of the middle of the neighbourhood, with a point, e.g. 52.15900 in Leiden."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Degrees east of the middle of the neighbourhood, with a point, e.g. 4.49200 in Leiden."),
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                # Spelled out: a comparison with NULL is unknown, and CHECK lets unknown pass.
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="neighbourhood_coordinates_both_or_neither_and_on_earth",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


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
