from .models import OrganisationMembership
from .permissions import challenge_managed_by


def memberships_for_user(user):
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")


def challenge_list(
    *,
    parent=None,
    q: str = "",
    theme=None,
    neighbourhood=None,
    organisation=None,
    level: str = "",
    status: str = "",
    language: str = "",
    mixed: bool = False,
    sort: str = "",
    open_on=None,
):
    """Live challenges for the index, filtered and sorted, with everything a card shows
    fetched in a fixed number of queries. With ``open_on`` (a date) only those a team can
    apply to on that day."""
    from django.db.models import Prefetch

    from .choices import ChallengeSort
    from .models import ChallengePage, ChallengePageImage

    challenges = ChallengePage.objects.live()
    if parent is not None:
        challenges = challenges.child_of(parent)
    if theme is not None:
        # A subquery rather than a join: no duplicate rows, so no DISTINCT over whole pages.
        tagged = ChallengePage.themes.through.objects.filter(theme=theme).values("challengepage_id")
        challenges = challenges.filter(pk__in=tagged)
    if neighbourhood is not None:
        challenges = challenges.filter(neighbourhood=neighbourhood)
    if organisation is not None:
        challenges = challenges.filter(organisation=organisation)
    if level:
        challenges = challenges.filter(**{f"level_{level}": True})
    if status:
        challenges = challenges.filter(status=status)
    if language:
        field = "can_be_done_in_dutch" if language == "nl" else "can_be_done_in_english"
        challenges = challenges.filter(**{field: True})
    if mixed:
        challenges = challenges.filter(mixed_institutions_required=True)
    if open_on is not None:
        challenges = challenges.filter(ChallengePage.open_for_applications_q(open_on))
    if q:
        from .search import live_challenge_ids_matching

        # Search on its own, then filter by the matches: the search backends cannot filter on
        # many-to-many fields such as themes. One query for the ids of the matches; on SQLite
        # it bypasses the backend's slow join (see search.py).
        challenges = challenges.filter(pk__in=live_challenge_ids_matching(q))
    order = ("application_deadline", "pk") if sort == ChallengeSort.DEADLINE else ("-first_published_at", "-pk")
    return (
        challenges.order_by(*order)
        .annotate(taken_places=taken_places_annotation())
        .select_related("neighbourhood", "organisation", "posted_by")
        .prefetch_related(
            "themes",
            Prefetch(
                "images",
                queryset=ChallengePageImage.objects.order_by("sort_order").select_related("image")
                .prefetch_related("image__renditions"),
            ),
        )
    )


def challenges_for_poster(user) -> list:
    """The challenges someone posted or may manage for their organisations, newest first, each
    with ``publication_state``, when changes were requested ``review_comment``, and
    ``application_count`` (the applications that reached the owner) and ``awaiting_decision``
    (those waiting for the owner's decision) — three queries whatever the number."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce
    from wagtail.models import Page, TaskState, WorkflowState

    from .choices import ApplicationStatus, PublicationState
    from .models import Application, ChallengePage

    if not user.is_authenticated:
        return []
    # A subquery, not a join: the OR over organisation members already multiplies the rows.
    received = (
        Application.objects.filter(challenge_id=OuterRef("pk"), submitted_at__isnull=False)
        .order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    )
    waiting = (
        Application.objects.filter(challenge_id=OuterRef("pk"), status=ApplicationStatus.SUBMITTED)
        .order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    )
    challenges = list(
        ChallengePage.objects.filter(challenge_managed_by(user))
        .distinct()
        .select_related("organisation")
        .order_by("-latest_revision_created_at", "-pk")
        .annotate(
            application_count=Coalesce(Subquery(received, output_field=IntegerField()), Value(0)),
            awaiting_decision=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0)),
        )
    )
    latest_state = {}
    page_type = ContentType.objects.get_for_model(Page)  # cached after the first call
    for state in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=[str(c.pk) for c in challenges]
    ).order_by("created_at"):
        latest_state[state.object_id] = state
    rejected = {
        task_state.workflow_state_id: task_state
        for task_state in TaskState.objects.filter(
            workflow_state__in=[s for s in latest_state.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES],
            status=TaskState.STATUS_REJECTED,
        ).order_by("finished_at")
    } if latest_state else {}
    for challenge in challenges:
        state = latest_state.get(str(challenge.pk))
        challenge.review_comment = ""
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            challenge.publication_state = (
                PublicationState.PUBLISHED_CHANGES_IN_REVIEW if challenge.live else PublicationState.IN_REVIEW
            )
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            challenge.publication_state = PublicationState.CHANGES_REQUESTED
            task_state = rejected.get(state.pk)
            challenge.review_comment = task_state.comment if task_state else ""
        elif challenge.live:
            challenge.publication_state = PublicationState.PUBLISHED
        else:
            challenge.publication_state = PublicationState.DRAFT
        challenge.publication_state_label = PublicationState(challenge.publication_state).label
    return challenges


def challenge_in_review(challenge) -> bool:
    from wagtail.models import WorkflowState

    return WorkflowState.objects.for_instance(challenge).filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def organisation_members(organisation) -> list:
    """Members with their user, administrators first."""
    from .choices import MembershipRole

    members = list(organisation.memberships.select_related("user"))
    members.sort(key=lambda m: (m.role != MembershipRole.ADMIN, m.user.display_name.lower()))
    return members


def organisation_open_invitations(organisation, now) -> list:
    """Invitations nobody has used or withdrawn yet, expired ones included so an administrator
    sees them and can send a new one."""
    return list(
        organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at")
    )


# Words too common to say two titles are about the same thing.
_COMMON_WORDS = {
    "aan", "als", "bij", "dan", "dat", "die", "dit", "een", "hoe", "het", "met", "naar", "niet", "onze", "ook",
    "van", "voor", "wat", "wij", "zijn", "and", "for", "from", "how", "our", "the", "with", "what", "can",
    "buurt", "wijk", "leiden", "meer", "minder", "beter", "samen",
}


def similar_challenges(title: str, *, exclude_pk=None, limit: int = 5) -> list:
    """Live challenges whose words resemble ``title``, most alike first, so that someone
    about to post can see whether their question is already on the site."""
    import re

    from .search import live_challenges_like

    words = [w for w in re.findall(r"\w+", title.lower()) if len(w) > 2 and w not in _COMMON_WORDS]
    return live_challenges_like(words[:8], exclude_pk=exclude_pk, limit=limit)


def team_members(team) -> list:
    """The members with their user and ``institutions`` (where each is a verified student),
    leads first: three queries."""
    from accounts.selectors import student_institutions_by_user

    from .choices import TeamRole

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


def team_supervisor(team):
    """The accepted supervision with its lecturer, or None."""
    from .choices import SupervisionStatus

    return team.supervisions.filter(status=SupervisionStatus.ACCEPTED).select_related("lecturer").first()


def teams_for_user(user) -> list:
    """The teams someone is in, with their role and the team's size: one query."""
    from django.db.models import Count

    from .models import TeamMembership

    if not user.is_authenticated:
        return []
    return list(
        TeamMembership.objects.filter(user=user)
        .select_related("team")
        .annotate(member_count=Count("team__memberships"))
        .order_by("team__name", "team__pk")
    )


def supervision_requests_for(user) -> list:
    from .choices import SupervisionStatus
    from .models import Supervision

    if not user.is_authenticated:
        return []
    return list(
        Supervision.objects.filter(lecturer=user, status=SupervisionStatus.REQUESTED)
        .select_related("team", "requested_by")
        .order_by("requested_at")
    )


def supervised_teams(user) -> list:
    from .choices import SupervisionStatus
    from .models import Supervision

    if not user.is_authenticated:
        return []
    return list(
        Supervision.objects.filter(lecturer=user, status=SupervisionStatus.ACCEPTED)
        .select_related("team")
        .order_by("team__name")
    )


def _open_invitations_to(user, invitations) -> list:
    """The invitations sent to one of the person's confirmed addresses that can still be
    accepted: two queries."""
    from allauth.account.models import EmailAddress
    from django.db.models import Q
    from django.utils import timezone

    addresses = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    if not addresses:
        return []
    same_address = Q()
    for address in addresses:
        same_address |= Q(email__iexact=address)
    return list(
        invitations.filter(same_address, accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now()).order_by("created_at")
    )


def team_invitations_for(user) -> list:
    """E-mail invitations to join a team the person is not in yet."""
    from .models import TeamInvitation

    if not user.is_authenticated:
        return []
    return _open_invitations_to(
        user, TeamInvitation.objects.exclude(team__memberships__user=user).select_related("team", "created_by")
    )


def challenge_owners(challenge) -> list:
    """The people who manage a challenge: its poster and the members of the organisation it was
    posted for (see permissions.can_manage_challenge)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    if challenge.organisation_id is None and challenge.posted_by_id is None:
        return []
    owners = Q(pk=challenge.posted_by_id) if challenge.posted_by_id else Q(pk__in=[])
    if challenge.organisation_id is not None:
        owners |= Q(organisation_memberships__organisation_id=challenge.organisation_id)
    return list(get_user_model().objects.filter(owners).distinct())


def applications_awaiting_endorsement(user) -> list:
    from .choices import ApplicationStatus
    from .models import Application

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
    from wagtail.models import ModelLogEntry

    return list(
        ModelLogEntry.objects.for_instance(application).select_related("user").order_by("timestamp", "pk")
    )


# The owner's side: places taken, and the applications to compare.


def _taken_places_of(challenge_ref):
    """The number of projects holding a place of the challenge ``challenge_ref`` points at
    (a pk or an ``OuterRef``); a cancelled project gives its place up."""
    from .choices import ProjectStatus
    from .models import Project

    return Project.objects.filter(challenge_id=challenge_ref).exclude(status=ProjectStatus.CANCELLED)


def challenge_taken_places(challenge) -> int:
    return _taken_places_of(challenge.pk).count()


def taken_places_annotation():
    """``taken_places`` for a queryset of challenges, as a subquery: no extra query per row."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    counted = _taken_places_of(OuterRef("pk")).order_by().values("challenge_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def team_members_by_team(team_ids) -> dict[int, list]:
    """``team_members`` for many teams at once: each team's memberships with their user and
    ``institutions``, leads first. Three queries whatever the number of teams or members."""
    from accounts.selectors import student_institutions_by_user

    from .choices import TeamRole
    from .models import TeamMembership

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


def applications_for_owner(challenge) -> tuple[list, int]:
    """The applications that reached the challenge's owner, those waiting for a decision first,
    each with its team, supervisor, ``members`` (with institutions) and ``mix``; and how many
    other teams are still preparing theirs with a supervisor. Four queries whatever the number
    of applications and members: the applications, the members, their confirmed addresses and
    the institutions."""
    from .choices import ApplicationStatus
    from .models import Application

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


def projects_for_user(user) -> list:
    """The projects someone works on as a team member or supervises, or runs as an owner of the
    challenge: one query."""
    from django.db.models import Q

    from .models import Project

    if not user.is_authenticated:
        return []
    involved = Q(team__memberships__user=user) | Q(supervisor=user) | challenge_managed_by(user, via="challenge__")
    return list(
        Project.objects.filter(involved).distinct().select_related("challenge", "team").order_by("-created_at", "-pk")
    )


def organisation_invitations_for(user) -> list:
    """Invitations to join an organisation the person is not in yet."""
    from .models import OrganisationInvitation

    if not user.is_authenticated:
        return []
    return _open_invitations_to(
        user,
        OrganisationInvitation.objects.exclude(organisation__memberships__user=user).select_related(
            "organisation", "invited_by"
        ),
    )


def project_log(project, *, shareable_only: bool = False) -> list:
    """The project's log entries, newest first, each with its author, hours (with the person),
    photos and files, and comments (with their author): five queries, whatever the number of
    entries. Editors and brokers get only the entries marked shareable."""
    from django.db.models import Prefetch

    from .models import Attachment, LogComment, LogHours

    entries = project.log_entries.select_related("author", "consent_by").prefetch_related(
        Prefetch("hours", queryset=LogHours.objects.select_related("person").order_by("person__display_name")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "pk")),
        Prefetch("comments", queryset=LogComment.objects.select_related("author")),
    )
    if shareable_only:
        entries = entries.filter(shareable=True)
    return list(entries)


def project_hours_by_person(project, members) -> list[dict]:
    """For each team member: their hours in the project by status, one query. People who left
    the team but logged hours are listed too."""
    from decimal import Decimal

    from django.db.models import Count, Sum

    from .choices import HoursStatus
    from .models import LogHours

    rows = (
        LogHours.objects.filter(entry__project=project)
        .values("person_id", "person__display_name", "status")
        .annotate(total=Sum("hours"), entries=Count("pk"))
    )
    people: dict[int, dict] = {}
    for member in members:
        people[member.user_id] = {"person_id": member.user_id, "name": member.user.display_name, "member": member}
    for row in rows:
        person = people.setdefault(
            row["person_id"], {"person_id": row["person_id"], "name": row["person__display_name"], "member": None}
        )
        person[row["status"]] = row["total"]
    zero = Decimal(0)
    for person in people.values():
        for status in HoursStatus.values:
            person.setdefault(status, zero)
        person["total"] = sum((person[status] for status in HoursStatus.values), zero)
    return list(people.values())


def project_deliverable(project):
    from .choices import AttachmentKind

    return project.attachments.filter(kind=AttachmentKind.DELIVERABLE).first()


def earlier_projects(challenge) -> list:
    """What a follow-up challenge builds on: the completed projects of the challenge it
    continues, with their deliverables. Two queries; empty when it continues nothing."""
    from django.db.models import Prefetch

    from .choices import AttachmentKind, ProjectStatus
    from .models import Attachment, Project

    if challenge.follows_id is None:
        return []
    return list(
        Project.objects.filter(challenge_id=challenge.follows_id, status=ProjectStatus.COMPLETED)
        .select_related("team", "challenge")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(kind=AttachmentKind.DELIVERABLE),
                to_attr="deliverables",
            )
        )
    )


def follows_for(user) -> list:
    """What someone follows: their neighbourhoods, then their themes, each in the site's
    order; one query."""
    from .models import Follow

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
    from django.db.models import Q

    from .models import Follow

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
