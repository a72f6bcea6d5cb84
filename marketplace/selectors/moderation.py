"""Reads for reported content: whether someone reported a thing already, and the editors' queue."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from marketplace.choices import ModerationStatus
from marketplace.models import ModeratedItem, Report


def has_reported(user, reportable, obj) -> bool:
    return Report.objects.filter(
        reporter=user, item__content_type=ContentType.objects.get_for_model(reportable.model), item__object_id=obj.pk
    ).exists()


def needs_review() -> Q:
    """``ModeratedItem.needs_review`` as a filter."""
    return Q(open_reports__gt=0) | Q(status=ModerationStatus.HIDDEN_PENDING)


def moderation_queue(*, waiting: bool = True) -> list:
    """The reported content for the editors, the longest waiting first (``waiting``), or the
    last 100 decided, the latest first; each with its reports and reporters. Two queries."""
    items = (
        ModeratedItem.objects.filter(needs_review() if waiting else ~needs_review())
        .select_related("content_type", "decided_by")
        .prefetch_related(Prefetch("reports", queryset=Report.objects.select_related("reporter")))
        .order_by("last_reported_at" if waiting else "-decided_at")
    )
    if not waiting:
        items = items[:100]
    return list(items)


def moderation_waiting_count() -> int:
    return ModeratedItem.objects.filter(needs_review()).count()
