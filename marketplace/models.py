from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.translation import TranslatedField

from .choices import MembershipRole, OrganisationKind


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


class Organisation(models.Model):
    """A neighbourhood association, community centre, library or foundation whose members
    post challenges on its behalf."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("neighbourhood"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationMembership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="organisation_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"
