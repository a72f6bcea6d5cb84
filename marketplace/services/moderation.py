"""Reporting what people wrote, and the editors' decisions (PRODUCT.md rule 9): who may do what
is in ``marketplace.reportable`` (reporting) and ``permissions.can_moderate``."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from marketplace.choices import ModerationStatus, ReportReason
from marketplace.models import ModeratedItem, Report
from marketplace.notifications.moderation import content_moderated
from marketplace.permissions import can_moderate
from marketplace.reportable import Reportable, can_report, reportable_of
from marketplace.services.errors import MarketplaceError

DECISIONS = ("hide", "restore", "dismiss")


def _set_hidden(obj, when) -> None:
    type(obj).objects.filter(pk=obj.pk).update(hidden_at=when)
    obj.hidden_at = when
    # Challenges, stories and organisations are public pages: none may be served from the cache.
    page_cache.invalidate()


def report_create(*, reportable: Reportable, obj, reporter, reason: str, note: str = "") -> Report:
    """``reporter`` reports ``obj`` (of the kind ``reportable``) once, with a reason. Reported by
    ``MODERATION_HIDE_AFTER_REPORTS`` different people since the editors last decided, it is
    hidden until an editor looks, and the people it speaks for are told."""
    note = note.strip()
    if reason not in ReportReason.values:
        raise MarketplaceError(_("Choose why you report this."))
    if reason == ReportReason.OTHER and not note:
        raise MarketplaceError(_("Say in a few words what is wrong with it."))
    if not can_report(reporter, reportable, obj):
        raise MarketplaceError(_("You cannot report this."))
    now = timezone.now()
    with transaction.atomic():
        recent = Report.objects.filter(reporter=reporter, created_at__gte=now - timedelta(hours=1)).count()
        if recent >= settings.MODERATION_REPORTS_PER_HOUR:
            raise MarketplaceError(
                _("You have reported a lot in the past hour. Try again later, or write to the editors.")
            )
        content_type = ContentType.objects.get_for_model(reportable.model)
        item, _created = ModeratedItem.objects.get_or_create(content_type=content_type, object_id=obj.pk)
        item = ModeratedItem.objects.select_for_update().get(pk=item.pk)
        if Report.objects.filter(item=item, reporter=reporter).exists():
            raise MarketplaceError(_("You have reported this already. The editors will look at it."))
        report = Report.objects.create(item=item, reporter=reporter, reason=reason, note=note)
        item.open_reports += 1
        item.last_reported_at = report.created_at
        if item.status in (ModerationStatus.RESTORED, ModerationStatus.DISMISSED):
            item.status = ModerationStatus.REPORTED  # reported again after a decision: counted afresh
        hide = item.status == ModerationStatus.REPORTED and item.open_reports >= settings.MODERATION_HIDE_AFTER_REPORTS
        if hide:
            item.status = ModerationStatus.HIDDEN_PENDING
            _set_hidden(obj, now)
        item.save(update_fields=["open_reports", "last_reported_at", "status"])
        log(item, "marketplace.content.reported", user=reporter, data={"reason": reason, "hidden": hide})
        if hide:
            content_moderated(reportable=reportable, obj=obj, outcome="hidden_by_reports")
    return report


def moderation_decide(*, item: ModeratedItem, actor, decision: str, reason: str = "", note: str = "") -> ModeratedItem:
    """An editor's decision on reported content: ``hide`` it (with a reason the authors are
    told, in their language), ``restore`` it (shown again; the authors are told if it was
    hidden), or ``dismiss`` the reports (shown, and nothing to tell unless it was hidden by
    them). The reports so far are handled; new ones are counted afresh."""
    if not can_moderate(actor):
        raise MarketplaceError(_("Only editors decide on reported content."))
    if decision not in DECISIONS:
        raise ValueError(f"{decision!r} is not a moderation decision.")
    if decision == "hide" and reason not in ReportReason.values:
        raise MarketplaceError(_("Choose why it is hidden: the author is told."))
    now = timezone.now()
    with transaction.atomic():
        item = ModeratedItem.objects.select_for_update().select_related("content_type").get(pk=item.pk)
        obj = item.content
        if obj is None:
            raise MarketplaceError(_("This content no longer exists."))
        obj = getattr(obj, "specific", obj)
        reportable = reportable_of(obj)
        was_hidden = obj.is_hidden
        if decision == "hide":
            item.status = ModerationStatus.HIDDEN
            if not was_hidden:
                _set_hidden(obj, now)
        else:
            item.status = ModerationStatus.RESTORED if decision == "restore" else ModerationStatus.DISMISSED
            if was_hidden:
                _set_hidden(obj, None)
        item.reports.filter(handled_at__isnull=True).update(handled_at=now)
        item.open_reports = 0
        item.decided_by, item.decided_at = actor, now
        item.decision_reason = reason if decision == "hide" else ""
        item.decision_note = note.strip()
        item.save()
        log(item, f"marketplace.content.{decision}", user=actor, data={"reason": item.decision_reason})
        if decision == "hide":
            content_moderated(reportable=reportable, obj=obj, outcome=f"hidden_{reason}", note=item.decision_note)
        elif was_hidden:
            content_moderated(reportable=reportable, obj=obj, outcome="restored", note=item.decision_note)
    return item
