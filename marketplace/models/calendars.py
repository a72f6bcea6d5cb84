"""A person's own calendar feed: a secret address their calendar app reads without logging in."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret of a person's calendar address. Whoever knows the address reads their dates
    (never contact details); the person makes a new one, which stops the old one, or stops it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("secret"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("made at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self):
        return str(self.user)
