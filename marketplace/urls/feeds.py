from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from marketplace.views import feeds

app_name = "feeds"


urlpatterns = [
    path("rss/", feeds.ChallengeFeed(), name="challenges_rss"),
    path("atom/", feeds.ChallengeAtomFeed(), name="challenges_atom"),
    path(
        _("theme/"),
        include([
            path("<slug:slug>/rss/", feeds.ThemeChallengeFeed(), name="theme_rss"),
            path("<slug:slug>/atom/", feeds.ThemeChallengeAtomFeed(), name="theme_atom"),
        ]),
    ),
    path(
        _("neighbourhood/"),
        include([
            path("<slug:slug>/rss/", feeds.NeighbourhoodChallengeFeed(), name="neighbourhood_rss"),
            path("<slug:slug>/atom/", feeds.NeighbourhoodChallengeAtomFeed(), name="neighbourhood_atom"),
        ]),
    ),
]

