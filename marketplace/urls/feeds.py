from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from marketplace.views import calendars, feeds

app_name = "feeds"


urlpatterns = [
    path("rss/", feeds.ChallengeFeed(), name="challenges_rss"),
    path("atom/", feeds.ChallengeAtomFeed(), name="challenges_atom"),
    path("agenda.ics", calendars.deadlines, name="challenges_ics"),
    # A person's own dates: the secret address their calendar app reads (marketplace.views.calendars).
    path("agenda/<str:token>.ics", calendars.personal, name="personal_ics"),
    path(_("calendar/new/"), calendars.renew, name="calendar_renew"),
    path(_("calendar/stop/"), calendars.stop, name="calendar_stop"),
    path(
        _("theme/"),
        include([
            path("<slug:slug>/rss/", feeds.ThemeChallengeFeed(), name="theme_rss"),
            path("<slug:slug>/atom/", feeds.ThemeChallengeAtomFeed(), name="theme_atom"),
            path("<slug:slug>/agenda.ics", calendars.theme_deadlines, name="theme_ics"),
        ]),
    ),
    path(
        _("neighbourhood/"),
        include([
            path("<slug:slug>/rss/", feeds.NeighbourhoodChallengeFeed(), name="neighbourhood_rss"),
            path("<slug:slug>/atom/", feeds.NeighbourhoodChallengeAtomFeed(), name="neighbourhood_atom"),
            path("<slug:slug>/agenda.ics", calendars.neighbourhood_deadlines, name="neighbourhood_ics"),
        ]),
    ),
]

