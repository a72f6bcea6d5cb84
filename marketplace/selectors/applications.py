
from wagtail.models import ModelLogEntry

from marketplace.choices import (
    ApplicationStatus,
)
from marketplace.models import (
    Application,
)
from marketplace.selectors.teams import team_members_by_team, team_mix


def applications_awaiting_endorsement(user) -> list:
    if not user.is_authenticated:
        return []
    return list(
        Application.objects.filter(supervisor=user, status=ApplicationStatus.AWAITING_ENDORSEMENT)
        .select_related("team", "challenge")
        .order_by("created_at")
    )


def applications_of_team(team) -> list:
    return list(team.applications.select_related("challenge").order_by("-created_at"))


def application_history(application) -> list:
    """Every change to the application, oldest first, with who did it and when."""
    return list(
        ModelLogEntry.objects.for_instance(application).select_related("user").order_by("timestamp", "pk")
    )


def applications_for_owner(challenge) -> tuple[list, int]:
    """The applications that reached the challenge's owner, those waiting for a decision first,
    each with its team, supervisor, ``members`` (with institutions) and ``mix``; and how many
    other teams are still preparing theirs with a supervisor. Four queries whatever the number
    of applications and members: the applications, the members, their confirmed addresses and
    the institutions."""
    every = list(
        Application.objects.filter(challenge_id=challenge.pk)
        .exclude(status=ApplicationStatus.WITHDRAWN, submitted_at__isnull=True)
        .select_related("team", "supervisor", "decided_by")
    )
    received = [a for a in every if a.submitted_at is not None]
    preparing = sum(1 for a in every if a.submitted_at is None and a.is_open())
    members = team_members_by_team({a.team_id for a in received})
    order = {
        ApplicationStatus.SUBMITTED: 0,
        ApplicationStatus.ACCEPTED: 1,
        ApplicationStatus.DECLINED: 2,
        ApplicationStatus.WITHDRAWN: 3,
    }
    for application in received:
        application.members = members.get(application.team_id, [])
        application.mix = team_mix(application.members)
    received.sort(key=lambda a: (order.get(a.status, 9), a.submitted_at, a.pk))
    return received, preparing

