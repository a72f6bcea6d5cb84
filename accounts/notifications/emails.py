"""The notification centre's e-mails: one per notification right away, or a daily summary, always in
the recipient's language and only as their e-mail settings for the kind allow."""

import logging
from datetime import timedelta
from itertools import groupby
from operator import attrgetter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification, NotificationPreference, User
from accounts.notifications.kinds import DIGEST_BY_DEFAULT, MESSAGE
from accounts.notifications.links import localized_path
from accounts.selectors import email_setting

# A summary covers what happened since the last one; older unmailed notifications (say, of a
# kind that was "off" until today) are not dug up.
DIGEST_MAX_AGE = timedelta(days=7)


logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _email_context(recipient: User, language: str) -> dict:
    with translation.override(language):
        settings_url = _absolute(reverse("accounts:notification_settings"))
    return {
        "user": recipient,
        "settings_url": settings_url,
        "current_site": {"domain": urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc},
    }


def _render(templates: list[str], context: dict) -> str:
    return select_template(templates).render(context)


def _item(notification: Notification, language: str) -> dict:
    """One notification as the e-mails show it; call with ``language`` active."""
    return {
        "notification": notification,
        "text": notification.text,
        "message": (notification.params or {}).get(MESSAGE, ""),
        "link": _absolute(localized_path(notification.url, language)),
    }


def notification_email(notification: Notification) -> EmailMessage:
    """The e-mail about one notification, in its recipient's language."""
    recipient = notification.recipient
    language = recipient.preferred_language
    kind = notification.kind
    with translation.override(language):
        context = {**_email_context(recipient, language), **_item(notification, language)}
        subject = _render(
            [f"accounts/email/notification_{kind}_subject.txt", "accounts/email/notification_subject.txt"], context
        )
        body = _render([f"accounts/email/notification_{kind}.txt", "accounts/email/notification.txt"], context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body=body, to=[recipient.email]
    )


def notification_email_send(*, notification_id: int) -> bool:
    """Send the e-mail about one notification, unless it went already or the recipient no
    longer wants it right away. Marked as e-mailed first, so two workers never both send it;
    unmarked again if sending fails."""
    notification = Notification.objects.select_related("recipient", "actor").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.email or not recipient.is_active:
        return False
    if email_setting(recipient, notification.kind) != NotificationEmail.IMMEDIATELY:
        return False
    now = timezone.now()
    if not Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=now):
        return False
    try:
        notification_email(notification).send()
    except Exception:
        Notification.objects.filter(pk=notification.pk, emailed_at=now).update(emailed_at=None)
        raise
    return True


def digest_email(recipient: User, notifications: list[Notification]) -> EmailMessage:
    """One e-mail with ``notifications``, grouped by kind, in the recipient's language."""
    language = recipient.preferred_language
    with translation.override(language):
        groups = []
        order = {kind: index for index, kind in enumerate(NotificationKind.values)}
        by_kind = sorted(notifications, key=lambda n: (order.get(n.kind, len(order)), n.created_at, n.pk))
        for kind, items in groupby(by_kind, key=attrgetter("kind")):
            label = NotificationKind(kind).label if kind in NotificationKind.values else _("Other notifications")
            groups.append({"label": label, "items": [_item(notification, language) for notification in items]})
        context = {**_email_context(recipient, language), "groups": groups, "count": len(notifications)}
        subject = _render(["accounts/email/notification_digest_subject.txt"], context)
        body = _render(["accounts/email/notification_digest.txt"], context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body=body, to=[recipient.email]
    )


def notification_digests_send(*, now=None) -> int:
    """E-mail each person one summary of their unread, not yet e-mailed notifications of the
    kinds they want once a day, and mark those as e-mailed. Returns the number of e-mails; a
    second run sends nothing new."""
    now = now or timezone.now()
    wants_digest = NotificationPreference.objects.filter(
        user=OuterRef("recipient"), kind=OuterRef("kind"), email=NotificationEmail.DIGEST
    )
    chose = NotificationPreference.objects.filter(user=OuterRef("recipient"), kind=OuterRef("kind"))
    pending = (
        Notification.objects.filter(
            Exists(wants_digest) | (Q(kind__in=DIGEST_BY_DEFAULT) & ~Exists(chose)),
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - DIGEST_MAX_AGE,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .select_related("recipient", "actor")
        .order_by("recipient_id", "created_at", "pk")
    )
    sent = 0
    for _recipient_id, group in groupby(list(pending), key=attrgetter("recipient_id")):
        notifications = list(group)
        recipient = notifications[0].recipient
        with transaction.atomic():
            claimed = set(
                Notification.objects.select_for_update()
                .filter(pk__in=[n.pk for n in notifications], emailed_at__isnull=True)
                .values_list("pk", flat=True)
            )
            Notification.objects.filter(pk__in=claimed).update(emailed_at=now)
        notifications = [n for n in notifications if n.pk in claimed]
        if not notifications:
            continue
        try:
            digest_email(recipient, notifications).send()
        except Exception:
            # One bad address must not keep the others from their summary; this one is tried
            # again at the next run.
            Notification.objects.filter(pk__in=claimed, emailed_at=now).update(emailed_at=None)
            logger.exception("Could not send the notification summary to user %s", recipient.pk)
            continue
        sent += 1
    return sent

