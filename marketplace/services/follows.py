"""Following a theme or a neighbourhood, to hear about new challenges there."""

from django.utils.translation import gettext as _

from marketplace.models import Follow, Neighbourhood, Theme
from marketplace.permissions import can_follow
from marketplace.services.errors import MarketplaceError


def _one_topic(theme: Theme | None, neighbourhood: Neighbourhood | None) -> None:
    # A caller's mistake, not the person's: every form names exactly one of them.
    if (theme is None) == (neighbourhood is None):
        raise ValueError("Give either a theme or a neighbourhood.")


def follow_create(*, user, theme: Theme | None = None, neighbourhood: Neighbourhood | None = None) -> Follow:
    """``user`` follows ``theme`` or ``neighbourhood``. Following again changes nothing: a
    second click, or a second tab, returns the follow that exists."""
    _one_topic(theme, neighbourhood)
    if not can_follow(user):
        raise MarketplaceError(_("Confirm your e-mail address first; then you can follow themes and neighbourhoods."))
    # get_or_create retries the read when a parallel request inserted the row first, which
    # the unique constraints guarantee happens only once.
    found, _created = Follow.objects.get_or_create(user=user, theme=theme, neighbourhood=neighbourhood)
    return found


def follow_delete(*, user, theme: Theme | None = None, neighbourhood: Neighbourhood | None = None) -> bool:
    """``user`` stops following ``theme`` or ``neighbourhood``; True when they were following.
    Anyone may stop, confirmed address or not."""
    _one_topic(theme, neighbourhood)
    if not getattr(user, "is_authenticated", False):
        return False
    deleted, _by_model = Follow.objects.filter(user=user, theme=theme, neighbourhood=neighbourhood).delete()
    return deleted > 0
