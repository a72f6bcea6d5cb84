"""People who follow a theme or a neighbourhood, to hear about new challenges there."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.models.places import Neighbourhood, Theme


class Follow(models.Model):
    """One person following one theme or one neighbourhood. Following both a theme and a
    neighbourhood is two rows, so that each can be stopped on its own."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("person")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="follows", verbose_name=_("theme")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("neighbourhood"),
    )
    created_at = models.DateTimeField(_("following since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(theme__isnull=False, neighbourhood__isnull=True)
                    | models.Q(theme__isnull=True, neighbourhood__isnull=False)
                ),
                name="follow_theme_or_neighbourhood",
                violation_error_message=_("Follow either a theme or a neighbourhood."),
            ),
            # The conditions keep the rows of the other kind (whose column is empty) out of
            # each index, on every database.
            models.UniqueConstraint(
                fields=["user", "theme"],
                condition=models.Q(theme__isnull=False),
                name="follow_theme_once",
                violation_error_message=_("You already follow this theme."),
            ),
            models.UniqueConstraint(
                fields=["user", "neighbourhood"],
                condition=models.Q(neighbourhood__isnull=False),
                name="follow_neighbourhood_once",
                violation_error_message=_("You already follow this neighbourhood."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.topic_name}"

    @property
    def topic(self):
        """The theme or neighbourhood followed."""
        return self.theme if self.theme_id is not None else self.neighbourhood

    @property
    def topic_name(self) -> str:
        """The theme's name in the active language, or the neighbourhood's name."""
        return self.theme.display_name if self.theme_id is not None else self.neighbourhood.name

    @property
    def filter_query(self) -> str:
        """The query string of the challenge index filtered by what is followed."""
        return f"theme={self.theme.slug}" if self.theme_id is not None else f"neighbourhood={self.neighbourhood.slug}"
