"""What every invitation by secret link has: the hash of its secret, when it expires, and who
accepted or withdrew it when."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationBase(models.Model):
    """Only a hash of the link's secret is stored; the link itself exists only where it was
    sent or shown."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_link(self) -> bool:
        """A link to share is used by several people until it expires or is withdrawn; an
        invitation to one address is used once. Only a kind of invitation that has links (a
        team's) says otherwise."""
        return False

    def is_used(self) -> bool:
        return not self.is_link and self.accepted_at is not None

    def can_withdraw(self) -> bool:
        """Expired invitations can still be withdrawn; used ones stay as they were."""
        return self.revoked_at is None and not self.is_used()
