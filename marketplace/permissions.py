"""One function per rule of the marketplace."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from accounts.selectors import user_roles

from .choices import MembershipRole, SupervisionStatus, TeamRole


def apply_blockers(user, challenge, today: date) -> list[str]:
    """Why ``user`` cannot apply to ``challenge`` yet, in words for that person; empty when
    nothing known so far stands in the way. Team rules join in with the apply flow."""
    reasons = []
    if challenge.status != "open" or not challenge.live:
        reasons.append(_("This challenge is not open for applications."))
    elif today > challenge.application_deadline:
        reasons.append(_("The deadline for applications has passed."))
    if not getattr(user, "is_authenticated", False):
        reasons.append(_("Log in with your student account to apply."))
    elif not user_roles(user).is_student:
        reasons.append(
            _("Only students can apply: add and confirm the e-mail address of your school, college or university.")
        )
    return reasons


def can_post_challenge(user) -> bool:
    """Anyone with a confirmed e-mail address may post a question from their street."""
    from allauth.account.models import EmailAddress

    return bool(getattr(user, "is_authenticated", False)) and EmailAddress.objects.filter(
        user=user, verified=True
    ).exists()


def can_post_for_organisation(user, organisation) -> bool:
    return organisation.memberships.filter(user=user).exists()


def can_manage_organisation(user, organisation) -> bool:
    """Administrators of an organisation invite colleagues and manage its members."""
    if not getattr(user, "is_authenticated", False):
        return False
    return organisation.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()


def can_manage_challenge(user, challenge) -> bool:
    """The poster, or any member of the organisation it was posted for."""
    if not getattr(user, "is_authenticated", False):
        return False
    if challenge.posted_by_id == user.pk:
        return True
    return challenge.organisation_id is not None and challenge.organisation.memberships.filter(user=user).exists()


def can_create_team(user) -> bool:
    """Teams are for students: someone with a verified student address of an institution."""
    return user_roles(user).is_student


def can_join_team(user) -> bool:
    return user_roles(user).is_student


def can_supervise(user) -> bool:
    return user_roles(user).is_lecturer


@dataclass(frozen=True)
class TeamAccess:
    """What one person may do with one team, worked out once per request."""

    membership: object = None
    supervision: object = None  # the person's accepted supervision of this team
    request: object = None  # an open request to this person to supervise the team

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_lead(self) -> bool:
        return self.membership is not None and self.membership.role == TeamRole.LEAD

    @property
    def is_supervisor(self) -> bool:
        return self.supervision is not None

    @property
    def can_view(self) -> bool:
        """Members, the supervisor and a lecturer asked to supervise see the team page."""
        return self.is_member or self.is_supervisor or self.request is not None


def team_access(user, team) -> TeamAccess:
    from .models import Supervision

    if not getattr(user, "is_authenticated", False):
        return TeamAccess()
    membership = team.memberships.filter(user=user).first()
    supervisions = {
        s.status: s
        for s in Supervision.objects.filter(
            team=team,
            lecturer=user,
            status__in=[SupervisionStatus.ACCEPTED, SupervisionStatus.REQUESTED],
        )
    }
    return TeamAccess(
        membership=membership,
        supervision=supervisions.get(SupervisionStatus.ACCEPTED),
        request=supervisions.get(SupervisionStatus.REQUESTED),
    )
