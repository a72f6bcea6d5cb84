"""Model pieces every app shares, and the heartbeats operations read (core.heartbeats)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatedField


class TranslatedPageMixin(models.Model):
    """The page title in English; Page.title holds the Dutch one."""

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)

    display_title = TranslatedField("title")

    class Meta:
        abstract = True


class Moderated(models.Model):
    """Text people write that others can report (PRODUCT.md rule 9). While ``hidden_at`` is set
    (enough reports, or an editor hid it), the pages show a neutral "hidden pending review" in
    its place; ``marketplace.services.moderation`` sets and clears it."""

    hidden_at = models.DateTimeField(_("hidden pending review since"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def with_content_json(self, content):
        """For pages (challenges, stories): a revision, published or made into a draft, keeps
        the moderation state the page has now. A revision saved before the page was hidden
        would otherwise show it again when an editor publishes an edit."""
        page = super().with_content_json(content)
        page.hidden_at = self.hidden_at
        return page


class Heartbeat(models.Model):
    """The last time a background process or scheduled job said it was alive or finished.

    One row per name: "worker" for the task worker, a management command's name for each
    scheduled job. Written through core.heartbeats.beat; read by the readiness check.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.at:%Y-%m-%d %H:%M:%S}"
