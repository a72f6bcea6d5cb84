from django import template

from accounts.selectors import institution_login_enabled as _enabled

register = template.Library()


@register.simple_tag
def institution_login_enabled() -> bool:
    """Whether the site offers "Log in with your institution" (SURFconext is configured)."""
    return _enabled()
