
from django.db.models import Count

from accounts.selectors import student_institutions_by_user
from marketplace.choices import (
    SupervisionStatus,
    TeamRole,
)
from marketplace.models import (
    Supervision,
    TeamInvitation,
    TeamMembership,
)
from marketplace.selectors.invitations import open_invitations_to


def team_members(team) -> list:
    """The members with their user and ``institutions`` (where each is a verified student),
    leads first: three queries."""
    members = list(team.memberships.select_related("user"))
    institutions = student_institutions_by_user(m.user_id for m in members)
    for member in members:
        member.institutions = institutions.get(member.user_id, [])
    members.sort(key=lambda m: (m.role != TeamRole.LEAD, m.user.display_name.lower()))
    return members


def team_mix(members) -> list:
    """The institutions a team mixes, each once, in the order they were entered."""
    seen = {}
    for member in members:
        for institution in member.institutions:
            seen.setdefault(institution.pk, institution)
    return sorted(seen.values(), key=lambda institution: institution.pk)


def unverified_members(members) -> list:
    """The members without a confirmed student address of an institution (rule 2: every member
    is a verified student)."""
    return [member for member in members if not member.institutions]


def team_supervisor(team):
    """The accepted supervision with its lecturer, or None."""
    return team.supervisions.filter(status=SupervisionStatus.ACCEPTED).select_related("lecturer").first()


def teams_for_user(user) -> list:
    """The teams someone is in, with their role and the team's size: one query."""
    if not user.is_authenticated:
        return []
    return list(
        TeamMembership.objects.filter(user=user)
        .select_related("team")
        .annotate(member_count=Count("team__memberships"))
        .order_by("team__name", "team__pk")
    )


def supervision_requests_for(user) -> list:
    if not user.is_authenticated:
        return []
    return list(
        Supervision.objects.filter(lecturer=user, status=SupervisionStatus.REQUESTED)
        .select_related("team", "requested_by")
        .order_by("requested_at")
    )


def supervised_teams(user) -> list:
    if not user.is_authenticated:
        return []
    return list(
        Supervision.objects.filter(lecturer=user, status=SupervisionStatus.ACCEPTED)
        .select_related("team")
        .order_by("team__name")
    )


def team_invitations_for(user) -> list:
    """E-mail invitations to join a team the person is not in yet."""
    if not user.is_authenticated:
        return []
    return open_invitations_to(
        user, TeamInvitation.objects.exclude(team__memberships__user=user).select_related("team", "created_by")
    )


def team_members_by_team(team_ids) -> dict[int, list]:
    """``team_members`` for many teams at once: each team's memberships with their user and
    ``institutions``, leads first. Three queries whatever the number of teams or members."""
    team_ids = list(team_ids)
    if not team_ids:
        return {}
    memberships = list(TeamMembership.objects.filter(team_id__in=team_ids).select_related("user"))
    institutions = student_institutions_by_user({m.user_id for m in memberships})
    by_team: dict[int, list] = {team_id: [] for team_id in team_ids}
    for membership in memberships:
        membership.institutions = institutions.get(membership.user_id, [])
        by_team[membership.team_id].append(membership)
    for members in by_team.values():
        members.sort(key=lambda m: (m.role != TeamRole.LEAD, m.user.display_name.lower()))
    return by_team

