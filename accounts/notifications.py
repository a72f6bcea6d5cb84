"""The notification centre: tell a person about something, in the site and by e-mail.

The marketplace calls ``notify`` (one person) or ``notify_each`` (everyone concerned) for every
event, inside the transaction that makes the change. The notification row is part of that
transaction; the e-mail is queued as a task once it commits, and sent in the recipient's own
language unless their e-mail setting for the kind says "daily summary" or "off". Daily
summaries go out with ``manage.py send_notification_digests``.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta
from itertools import groupby
from operator import attrgetter
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import select_template
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .choices import NotificationEmail, NotificationKind
from .models import Notification, NotificationPreference, User
from .notification_kinds import DIGEST_BY_DEFAULT, MESSAGE, OUTCOME, RESERVED_PARAMS, default_email, kind_spec
from .selectors import email_setting, notification_settings_for
from .services import AccountsError

logger = logging.getLogger(__name__)

# A summary covers what happened since the last one; older unmailed notifications (say, of a
# kind that was "off" until today) are not dug up.
DIGEST_MAX_AGE = timedelta(days=7)
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


# Creating notifications


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


def site_path(url: str) -> str:
    """``url`` as a path of this site in the default language (the reader's language is put
    in when it is opened). Anything else is refused: the notification page redirects to it."""
    if not isinstance(url, str) or not is_site_path(url) or len(url) > URL_MAX_LENGTH:
        raise ValueError(f"A notification links to a path of this site, such as /mijn-pagina/, not {url!r}.")
    language = translation.get_language_from_path(url)
    if language and language != settings.LANGUAGE_CODE:
        with translation.override(language):
            url = translate_url(url, settings.LANGUAGE_CODE)
    return url


def is_site_path(url: str) -> bool:
    parts = urlsplit(url)
    return (
        url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and not parts.scheme
        and not parts.netloc
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def localized_path(path: str, language: str) -> str:
    """A stored path in ``language``: /en/… for English, the unprefixed path for Dutch."""
    source = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(source):
        return translate_url(path, language)


def _queue_email(notification_id: int) -> None:
    from .tasks import send_notification_email

    # robust: the change is committed; a queue that cannot be reached is logged, and must not
    # turn the person's successful action into an error page.
    transaction.on_commit(lambda: send_notification_email.enqueue(notification_id), robust=True)


# Reading them


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied("Only the recipient reads a notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


# E-mail settings


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


# E-mails


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
