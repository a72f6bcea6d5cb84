from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from marketplace.choices import (
    HOURS_APPROVE_COVERS,
    HOURS_DISPUTE_COVERS,
    AttachmentKind,
    HoursStatus,
    ProjectStatus,
)
from marketplace.models import (
    Attachment,
    LogComment,
    LogHours,
    Project,
)
from marketplace.selectors.challenges import challenge_managed_by


def projects_for_user(user) -> list:
    """The projects someone works on as a team member or supervises, or runs as an owner of the
    challenge: one query."""
    if not user.is_authenticated:
        return []
    involved = Q(team__memberships__user=user) | Q(supervisor=user) | challenge_managed_by(user, via="challenge__")
    return list(
        Project.objects.filter(involved).distinct().select_related("challenge", "team").order_by("-created_at", "-pk")
    )


def project_log(project, *, shareable_only: bool = False) -> list:
    """The project's log entries, newest first, each with its author, hours (with the person),
    photos and files, and comments (with their author): five queries, whatever the number of
    entries. Editors and brokers get only the entries marked shareable."""
    entries = project.log_entries.select_related("author", "consent_by").prefetch_related(
        Prefetch("hours", queryset=LogHours.objects.select_related("person").order_by("person__display_name")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("created_at", "pk")),
        Prefetch("comments", queryset=LogComment.objects.select_related("author")),
    )
    if shareable_only:
        entries = entries.filter(shareable=True)
    return list(entries)


def project_hours_by_person(project, members) -> list[dict]:
    """For each team member: their hours in the project by status, one query, and what the
    supervisor can still decide on them (``can_approve``, ``can_dispute``: something waits or
    was disputed). People who left the team but logged hours are listed too."""
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
        person.setdefault("entries", {})[row["status"]] = row["entries"]
    zero = Decimal(0)
    for person in people.values():
        for status in HoursStatus.values:
            person.setdefault(status, zero)
        person["total"] = sum((person[status] for status in HoursStatus.values), zero)
        entries = person.setdefault("entries", {})
        person["can_approve"] = any(entries.get(status) for status in HOURS_APPROVE_COVERS)
        person["can_dispute"] = any(entries.get(status) for status in HOURS_DISPUTE_COVERS)
    return list(people.values())


def project_deliverable(project):
    return project.attachments.filter(kind=AttachmentKind.DELIVERABLE).first()


def earlier_projects(challenge) -> list:
    """What a follow-up challenge builds on: the completed projects of the challenge it
    continues, with their deliverables. Two queries; empty when it continues nothing."""
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

