
from django.db.models import Q

from marketplace.models import (
    Follow,
)


def follows_for(user) -> list:
    """What someone follows: their neighbourhoods, then their themes, each in the site's
    order; one query."""
    if not user.is_authenticated:
        return []
    follows = Follow.objects.filter(user=user).select_related("theme", "neighbourhood")
    return sorted(
        follows,
        key=lambda f: (0, 0, f.neighbourhood.name) if f.theme is None else (1, f.theme.sort_order, f.theme.name),
    )


def followed_topics(user, *, theme=None, neighbourhood=None) -> dict[str, bool]:
    """Whether ``user`` follows ``theme`` and ``neighbourhood`` (either may be None), as
    ``{"theme": …, "neighbourhood": …}``: one query, none for someone logged out."""
    followed = {"theme": False, "neighbourhood": False}
    if not user.is_authenticated or (theme is None and neighbourhood is None):
        return followed
    wanted = Q()
    if theme is not None:
        wanted |= Q(theme=theme)
    if neighbourhood is not None:
        wanted |= Q(neighbourhood=neighbourhood)
    for theme_id in Follow.objects.filter(wanted, user=user).values_list("theme_id", flat=True):
        followed["theme" if theme_id is not None else "neighbourhood"] = True
    return followed

