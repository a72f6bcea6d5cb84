"""Who hears of a decision about reported content: the people it speaks for (who wrote it, a
team's leads, an organisation's administrators), in their own language, with the editors' note."""

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify_each


def content_moderated(*, reportable, obj, outcome: str, note: str = "") -> None:
    params = {"outcome": outcome, "place": str(reportable.place(obj))}
    if note:
        params["message"] = note
    notify_each(
        recipients=reportable.authors(obj),
        kind=NotificationKind.CONTENT_MODERATED,
        params=params,
        url=reportable.url(obj),
    )
