from django import template

from accounts.selectors import unread_notification_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The number of unread notifications of the person logged in: one COUNT query per
    request, none for visitors who are not logged in."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not getattr(user, "is_authenticated", False):
        return 0
    if request is None:
        return unread_notification_count(user)
    if not hasattr(request, "_unread_notification_count"):
        request._unread_notification_count = unread_notification_count(user)
    return request._unread_notification_count
