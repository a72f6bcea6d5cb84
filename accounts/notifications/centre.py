"""The notification centre: tell a person about something, in the site and by e-mail.

The marketplace calls ``notify`` (one person) or ``notify_each`` (everyone concerned) for every
event, inside the transaction that makes the change. The notification row is part of that
transaction; the e-mail is queued as a task once it commits, and sent in the recipient's own
language unless their e-mail setting for the kind says "daily summary" or "off". Daily
summaries go out with ``manage.py send_notification_digests``.
"""

import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.choices import NotificationEmail
from accounts.models import Notification, NotificationPreference, User
from accounts.notifications.kinds import OUTCOME, RESERVED_PARAMS, default_email, kind_spec
from accounts.notifications.links import site_path
from accounts.selectors import email_setting, notification_settings_for
from accounts.services import AccountsError
from accounts.tasks import send_notification_email
from core.logs import current_request_id

logger = logging.getLogger(__name__)


def notify(
    *, recipient: User, kind: str, actor: User | None = None, params: Mapping[str, str], url: str
) -> Notification:
    """Tell ``recipient`` that ``kind`` happened. ``params`` are the plain strings the kind's
    sentence needs (names and titles as they are now); ``url`` is the site path to open,
    e.g. ``team.get_absolute_url()``, in any language. Call it inside the transaction that
    makes the change: the e-mail goes out only if that commits."""
    spec = kind_spec(kind)
    params = _clean_params(kind, spec, params)
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, actor=actor, params=params, url=site_path(url)
    )
    if email_setting(recipient, kind) == NotificationEmail.IMMEDIATELY:
        _queue_email(notification.pk)
    return notification


def notify_each(
    *, recipients: Iterable[User], kind: str, actor: User | None = None, params: Mapping[str, str], url: str
) -> list[Notification]:
    """``notify`` everyone in ``recipients`` (say, every member of a team) except the actor
    themselves, each once. Two queries, whatever the number of people: one INSERT, and one look
    at their e-mail settings."""
    spec = kind_spec(kind)
    params = _clean_params(kind, spec, params)
    path = site_path(url)
    people = {person.pk: person for person in recipients if actor is None or person.pk != actor.pk}
    if not people:
        return []
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=person, kind=kind, actor=actor, params=params, url=path)
            for person in people.values()
        ]
    )
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=people, kind=kind).values_list("user_id", "email")
    )
    for notification in notifications:
        if chosen.get(notification.recipient_id, spec.default_email) == NotificationEmail.IMMEDIATELY:
            _queue_email(notification.pk)
    return notifications


def _clean_params(kind: str, spec, params: Mapping[str, str]) -> dict[str, str]:
    """Only plain strings are kept: a lazy translation or a model would be stored in the
    language or state of the moment, not shown in the reader's language."""
    if not isinstance(params, Mapping):
        raise TypeError("params must be a dict of plain strings.")
    bad = [key for key, value in params.items() if not isinstance(key, str) or type(value) is not str]
    if bad:
        raise TypeError(f"Notification params must be plain strings; not so for {bad!r}.")
    reserved = RESERVED_PARAMS & params.keys()
    if reserved:
        raise ValueError(f"{sorted(reserved)!r} come from the notification itself; leave them out of params.")
    missing = [name for name in spec.params if name not in params]
    if missing:
        raise ValueError(f"A {kind} notification needs params {missing!r}.")
    outcome = params.get(OUTCOME)
    if outcome is not None and outcome not in spec.outcomes:
        raise ValueError(f"A {kind} notification has no outcome {outcome!r}; choose from {sorted(spec.outcomes)!r}.")
    return dict(params)


def _queue_email(notification_id: int) -> None:
    # robust: the change is committed; a queue that cannot be reached is logged, and must not
    # turn the person's successful action into an error page.
    request_id = current_request_id()
    transaction.on_commit(lambda: send_notification_email.enqueue(notification_id, request_id=request_id), robust=True)


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied("Only the recipient reads a notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_settings_update(*, user: User, actor: User, settings_by_kind: Mapping[str, str]) -> list[str]:
    """Store how ``user`` wants to be e-mailed per kind; returns the kinds that changed. A
    kind's default is stored as no row at all."""
    if actor.pk != user.pk:
        raise AccountsError(_("You can only change your own e-mail settings."))
    for kind, value in settings_by_kind.items():
        kind_spec(kind)
        if value not in NotificationEmail.values:
            raise ValueError(f"{value!r} is not an e-mail setting.")
    current = notification_settings_for(user)
    changed = [kind for kind, value in settings_by_kind.items() if current[kind] != value]
    if not changed:
        return []
    with transaction.atomic():
        NotificationPreference.objects.filter(
            user=user, kind__in=[kind for kind in changed if settings_by_kind[kind] == default_email(kind)]
        ).delete()
        for kind in changed:
            if settings_by_kind[kind] != default_email(kind):
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"email": settings_by_kind[kind]}
                )
        log(user, "accounts.notification_settings.updated", user=actor)
    return changed

