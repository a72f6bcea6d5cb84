"""RSS and Atom feeds of newly published challenges: all of them, per theme and per neighbourhood.

A feed is public: it carries only what a challenge card shows (title, summary, themes, who posted
it) and never the private contact details or anyone's e-mail address.
"""

import html
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext

from marketplace.models import ChallengeIndexPage, Neighbourhood, Theme
from marketplace.selectors.challenges import challenge_list

FEED_SIZE = 30


SITE_NAME = "Leren met de Stad"


def feed_title(*, theme: Theme | None = None, neighbourhood: Neighbourhood | None = None) -> str:
    """The feed's name, in the active language; also the title of its ``<link rel="alternate">``."""
    if theme is not None:
        return gettext("Leren met de Stad – theme: %(theme)s") % {"theme": theme.display_name}
    if neighbourhood is not None:
        return gettext("Leren met de Stad – neighbourhood: %(name)s") % {"name": neighbourhood.name}
    return gettext("Leren met de Stad – new challenges")


FEED_KINDS = ("rss", "atom", "ics")


def feed_urls(*, theme: Theme | None = None, neighbourhood: Neighbourhood | None = None) -> dict[str, str]:
    """The RSS, Atom and calendar (ics) addresses of a feed, in the active language (no query)."""
    if theme is not None:
        return {kind: reverse(f"feeds:theme_{kind}", kwargs={"slug": theme.slug}) for kind in FEED_KINDS}
    if neighbourhood is not None:
        return {
            kind: reverse(f"feeds:neighbourhood_{kind}", kwargs={"slug": neighbourhood.slug})
            for kind in FEED_KINDS
        }
    return {kind: reverse(f"feeds:challenges_{kind}") for kind in FEED_KINDS}


@dataclass(frozen=True)
class FeedScope:
    """What one request for a feed is about. Feed instances are shared between threads, so
    the request travels with the object rather than on ``self``."""

    request: HttpRequest
    theme: Theme | None = None
    neighbourhood: Neighbourhood | None = None


class ChallengeFeed(Feed):
    """The newest live challenges, newest first."""

    feed_type = Rss201rev2Feed
    # An Atom entry needs an author; a challenge whose poster deleted their account has none.
    author_name = SITE_NAME

    def get_object(self, request, *args, **kwargs):
        return FeedScope(request=request)

    def title(self, scope: FeedScope) -> str:
        return feed_title(theme=scope.theme, neighbourhood=scope.neighbourhood)

    def description(self, scope: FeedScope) -> str:
        if scope.theme is not None:
            return gettext("The newest challenges from Leiden on the theme %(theme)s, for student teams.") % {
                "theme": scope.theme.display_name
            }
        if scope.neighbourhood is not None:
            return gettext("The newest challenges from the neighbourhood %(name)s in Leiden, for student teams.") % {
                "name": scope.neighbourhood.name
            }
        return gettext("The newest challenges from residents and organisations in Leiden, for student teams.")

    def link(self, scope: FeedScope) -> str:
        """The challenge index, filtered the same way as the feed."""
        index = ChallengeIndexPage.objects.live().first()
        url = index.get_url(request=scope.request) if index is not None else "/"
        if scope.theme is not None:
            url = f"{url}?{urlencode({'theme': scope.theme.slug})}"
        elif scope.neighbourhood is not None:
            url = f"{url}?{urlencode({'neighbourhood': scope.neighbourhood.slug})}"
        return url

    def items(self, scope: FeedScope) -> list:
        challenges = list(
            challenge_list(theme=scope.theme, neighbourhood=scope.neighbourhood)
            # A feed is read by machines: what is hidden pending review is left out, not replaced.
            .filter(hidden_at__isnull=True)
            # A feed shows no photos: only the themes are needed beside the joined organisation and poster.
            .prefetch_related(None)
            .prefetch_related("themes")[:FEED_SIZE]
        )
        for challenge in challenges:
            # Routed with the request's cached site root paths, so the links cost no query per item.
            challenge.feed_url = challenge.get_url(request=scope.request)
        return challenges

    def item_title(self, challenge) -> str:
        return challenge.title

    def item_description(self, challenge) -> str:
        """The summary is plain text, while feed readers read a description as HTML: escaped as
        far as HTML needs (&, <, >) and no further, so that a reader that shows it as text still
        shows an apostrophe or a quote as it was typed, not as ``&#x27;``."""
        return html.escape(challenge.display_summary, quote=False)

    def item_link(self, challenge) -> str:
        return challenge.feed_url

    def item_pubdate(self, challenge):
        return challenge.first_published_at

    def item_updateddate(self, challenge):
        return challenge.last_published_at or challenge.first_published_at

    def item_categories(self, challenge) -> list[str]:
        return [theme.display_name for theme in challenge.themes.all()]

    def item_author_name(self, challenge) -> str | None:
        # The organisation, or a resident's first name and neighbourhood: never a full name or an
        # e-mail address.
        if challenge.organisation is None and challenge.posted_by is None:
            return None
        return challenge.public_poster


class ThemeChallengeFeed(ChallengeFeed):
    """The newest live challenges on one theme."""

    def get_object(self, request, slug):
        return FeedScope(request=request, theme=get_object_or_404(Theme, slug=slug))


class NeighbourhoodChallengeFeed(ChallengeFeed):
    """The newest live challenges in one neighbourhood."""

    def get_object(self, request, slug):
        return FeedScope(request=request, neighbourhood=get_object_or_404(Neighbourhood, slug=slug))


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, scope: FeedScope) -> str:
        return self.description(scope)


class ChallengeAtomFeed(AtomMixin, ChallengeFeed):
    pass


class ThemeChallengeAtomFeed(AtomMixin, ThemeChallengeFeed):
    pass


class NeighbourhoodChallengeAtomFeed(AtomMixin, NeighbourhoodChallengeFeed):
    pass

