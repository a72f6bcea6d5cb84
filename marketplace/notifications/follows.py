"""Followers of a theme or a neighbourhood hear of a new challenge there, however it went online."""

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify_each
from accounts.notifications.kinds import written_in
from marketplace.models import Follow, Theme


def challenge_new_for_followers(*, challenge) -> None:
    """Everyone who follows the challenge's neighbourhood or one of its themes hears of it,
    once each, when it goes on the site for the first time; an approved edit later is no
    news. The poster is left out: they know.

    Wagtail sets ``first_published_at`` and ``last_published_at`` to the same moment at the
    first publication only; every later one moves ``last_published_at`` on (an edit, or
    publishing again after unpublishing). Call it with the challenge as just published.

    One query finds the followers. The topic named is in each reader's language (a theme's
    English name for English readers), so ``notify_each`` runs once per topic and language:
    bounded by the challenge's themes, never by the number of followers."""
    first = challenge.first_published_at
    if not challenge.live or first is None or first != challenge.last_published_at:
        return
    follows = (
        Follow.objects.filter(
            Q(neighbourhood_id=challenge.neighbourhood_id) | Q(theme__in=Theme.objects.filter(challenges=challenge)),
            user__is_active=True,
        )
        .exclude(user_id=challenge.posted_by_id)
        .select_related("user", "theme", "neighbourhood")
    )
    # Someone who follows several of these hears of it once, named by the most specific:
    # the neighbourhood, else the first of its themes in the site's order.
    def most_specific_first(found):
        return (0, 0, "") if found.theme is None else (1, found.theme.sort_order, found.theme.name)

    chosen = {}
    for found in sorted(follows, key=most_specific_first):
        chosen.setdefault(found.user_id, found)
    by_topic: dict[str, list] = {}
    for found in chosen.values():
        with translation.override(found.user.preferred_language):
            by_topic.setdefault(str(found.topic_name), []).append(found.user)
    url = challenge.get_url() or reverse("dashboard:my_page")
    for topic, people in by_topic.items():
        notify_each(
            recipients=people,
            kind=NotificationKind.CHALLENGE_FOLLOWED,
            params={"topic": topic, **written_in("challenge", challenge.title, challenge.language)},
            url=url,
        )

