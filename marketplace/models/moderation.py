"""Reports of what people wrote, and the editors' decisions about it (PRODUCT.md rule 9).

Anyone logged in who can see a piece of user-written text can report it once, with a reason.
Each reported piece has one ``ModeratedItem``; once ``MODERATION_HIDE_AFTER_REPORTS`` different
people reported it, it is hidden (``core.models.Moderated.hidden_at``) until an editor hides it
for good, restores it or dismisses the reports. Which kinds of text can be reported, and who
sees each, is in ``marketplace.reportable``."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.choices import ModerationStatus, ReportReason


class ModeratedItem(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of content"))
    object_id = models.PositiveBigIntegerField(_("content id"))
    content = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.REPORTED
    )
    open_reports = models.PositiveIntegerField(_("reports waiting"), default=0)
    first_reported_at = models.DateTimeField(_("first reported at"), auto_now_add=True)
    last_reported_at = models.DateTimeField(_("last reported at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("why it was hidden"), max_length=16, choices=ReportReason.choices,
                                       blank=True)
    decision_note = models.TextField(_("note to the author"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("reported content")
        verbose_name_plural = _("reported content")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="moderated_item_once_per_content"),
        ]
        indexes = [models.Index(fields=["status", "last_reported_at"], name="moderated_item_queue")]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id}"

    def needs_review(self) -> bool:
        """In the editors' queue: reports wait, or it was hidden by reports and nobody decided yet."""
        return self.open_reports > 0 or self.status == ModerationStatus.HIDDEN_PENDING


class Report(models.Model):
    item = models.ForeignKey(ModeratedItem, on_delete=models.CASCADE, related_name="reports",
                             verbose_name=_("reported content"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    note = models.TextField(_("explanation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "reporter"], name="report_once_per_person"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.item}"
