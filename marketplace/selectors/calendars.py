"""The dates a calendar feed holds (marketplace.renderers.calendars writes them as iCalendar):
the open challenges' application deadlines, and one person's own dates. Only dates, titles and
links: never contact details."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from marketplace.choices import ApplicationStatus, ChallengeStatus, ProjectStatus
from marketplace.models import Application, CalendarFeed, ChallengePage, Milestone, Project
from marketplace.selectors.challenges import challenge_list, challenge_managed_by

# Applications still on their way to the owner's decision.
PENDING_APPLICATIONS = (ApplicationStatus.AWAITING_ENDORSEMENT, ApplicationStatus.RETURNED, ApplicationStatus.SUBMITTED)
RUNNING_PROJECTS = (ProjectStatus.ACTIVE, ProjectStatus.DELIVERED)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable, so a calendar app updates the event instead of adding another
    title: str
    start: date  # all-day: a date has no time zone, and is the same day wherever it is read
    end: date  # the last day (inclusive)
    path: str = ""  # the page on the site, for the event's link
    description: str = ""


def deadline_events(*, request, theme=None, neighbourhood=None) -> list[CalendarEvent]:
    """The application deadlines of the challenges teams can still apply to, soonest first."""
    challenges = (
        challenge_list(theme=theme, neighbourhood=neighbourhood, open_on=timezone.localdate())
        .filter(hidden_at__isnull=True)
        .prefetch_related(None)
        .order_by("application_deadline", "pk")
    )
    return [
        CalendarEvent(
            uid=f"deadline-{challenge.pk}",
            title=gettext("Apply before: %(title)s") % {"title": challenge.title},
            start=challenge.application_deadline,
            end=challenge.application_deadline,
            path=challenge.get_url(request=request),
            description=challenge.display_summary,
        )
        for challenge in challenges
    ]


def _shown_title(challenge) -> str:
    """A hidden challenge's title goes nowhere, not even into someone's calendar."""
    return gettext("Hidden challenge") if challenge.is_hidden else challenge.title


def calendar_feed_for(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_for_token(token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()


def personal_events(*, user, request) -> list[CalendarEvent]:
    """``user``'s own dates: the application deadlines of their teams' pending applications and
    of the open challenges they manage; the period, delivery date and open milestones of the
    projects they work on, supervise or own. Four queries."""
    events = []
    mine = Q(team__memberships__user=user, status__in=PENDING_APPLICATIONS) | Q(
        supervisor=user, status=ApplicationStatus.AWAITING_ENDORSEMENT
    )
    applications = Application.objects.filter(mine).select_related("challenge", "team").distinct()
    for application in applications:
        challenge = application.challenge
        events.append(CalendarEvent(
            uid=f"application-{application.pk}",
            title=gettext("Applications close: %(title)s (%(team)s)") % {
                "title": _shown_title(challenge), "team": application.team.name
            },
            start=challenge.application_deadline,
            end=challenge.application_deadline,
            path=application.get_absolute_url(),
        ))
    managed = (
        ChallengePage.objects.live()
        .filter(challenge_managed_by(user), status=ChallengeStatus.OPEN, hidden_at__isnull=True)
        .distinct()
    )
    for challenge in managed:
        events.append(CalendarEvent(
            uid=f"own-deadline-{challenge.pk}",
            title=gettext("Applications close for your challenge: %(title)s") % {"title": challenge.title},
            start=challenge.application_deadline,
            end=challenge.application_deadline,
            path=challenge.get_url(request=request),
        ))
    involved = Q(team__memberships__user=user) | Q(supervisor=user) | challenge_managed_by(user, via="challenge__")
    projects = {
        project.pk: project
        for project in Project.objects.filter(involved, status__in=RUNNING_PROJECTS)
        .select_related("challenge", "application", "team")
        .distinct()
    }
    for project in projects.values():
        path = project.get_absolute_url()
        names = {"title": _shown_title(project.challenge), "team": project.team.name}
        events.append(CalendarEvent(
            uid=f"project-{project.pk}",
            title=gettext("Project: %(title)s (%(team)s)") % names,
            start=project.application.period_start,
            end=project.application.period_end,
            path=path,
        ))
        if project.delivered_at is None:
            events.append(CalendarEvent(
                uid=f"delivery-{project.pk}",
                title=gettext("Deliver: %(title)s (%(team)s)") % names,
                start=project.application.period_end,
                end=project.application.period_end,
                path=path,
            ))
    milestones = Milestone.objects.filter(project__in=list(projects), done_at__isnull=True)
    for milestone in milestones:
        project = projects[milestone.project_id]
        events.append(CalendarEvent(
            uid=f"milestone-{milestone.pk}",
            title=gettext("Milestone: %(milestone)s (%(title)s)") % {
                "milestone": milestone.title, "title": _shown_title(project.challenge)
            },
            start=milestone.due_date,
            end=milestone.due_date,
            path=project.get_absolute_url(),
        ))
    return sorted(events, key=lambda event: (event.start, event.uid))
