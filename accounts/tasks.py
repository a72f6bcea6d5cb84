"""Background work of the accounts app (django-tasks). Tasks receive ids only and fetch what
they need themselves: a queue may run them later, in another process."""

import logging

from django_tasks import task

from accounts.notifications.emails import notification_email_send

logger = logging.getLogger(__name__)


@task()
def send_notification_email(notification_id: int, request_id: str | None = None) -> bool:
    # request_id: the request that queued it; core.logs puts it on this task's log lines.
    try:
        return notification_email_send(notification_id=notification_id)
    except Exception:
        # The in-process backend keeps a failure to itself; say it where someone reads it.
        logger.exception("Could not e-mail notification %s", notification_id)
        raise
