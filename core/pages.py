"""Which pages everyone may see. Wagtail's ``PageQuerySet.public()`` reads every view restriction
(password, login, groups) from the database each time it is used, three times on the home page
alone; ``public`` here keeps the restricted sections until the page cache's next generation,
which any change to a restriction or a page starts (``core.apps``)."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from core import page_cache


def restricted_sections() -> list[tuple[str, int]]:
    """The tree path and depth of every page with a view restriction: its section (the page and
    everything under it) is not public."""
    return page_cache.cached_for_generation(
        "restricted-sections",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))),
    )


def private_q() -> Q:
    """Pages in a restricted section, as Wagtail's ``PageQuerySet.private_q``."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(pages):
    """``pages`` (a page queryset) without those in a restricted section: Wagtail's ``public()``."""
    return pages.exclude(private_q())
