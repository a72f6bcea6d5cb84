"""Organisations whose members post challenges together, and their invitations."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.models import Moderated
from marketplace.choices import ContentLanguage, MembershipRole, OrganisationKind
from marketplace.models.invitations import InvitationBase
from marketplace.models.places import Neighbourhood


class Organisation(Moderated, models.Model):
    """A neighbourhood association, community centre, library or foundation whose members
    post challenges on its behalf."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=150,
        unique=True,
        blank=True,
        help_text=_("The last part of the organisation's public address. Left empty, it is made from the name."),
    )
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
    language = models.CharField(
        _("description written in"), max_length=2, choices=ContentLanguage.choices, default=ContentLanguage.DUTCH
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:140] or "organisatie"
            taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])


class OrganisationInvitation(InvitationBase):
    """An e-mail invitation to join an organisation; the link exists only in the e-mail."""

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")

    def __str__(self):
        return f"{self.email} – {self.organisation}"

    def is_pending(self, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at

    def is_expired(self, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now >= self.expires_at


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
