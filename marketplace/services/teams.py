"""Student teams: forming them, joining by link or e-mail, leads, and asking a lecturer to
supervise."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from marketplace.choices import ContentLanguage, SupervisionStatus, TeamRole
from marketplace.models import Project, Supervision, Team, TeamInvitation, TeamMembership
from marketplace.models.projects import RUNNING_PROJECT_STATUSES
from marketplace.notifications.teams import supervision_answered, supervision_requested, team_invited, team_joined
from marketplace.permissions import can_create_team, can_join_team, can_supervise, team_lead_membership
from marketplace.services.errors import MarketplaceError
from marketplace.services.invitations import (
    InvitationKind,
    invitation_accept,
    invitation_accept_by_token,
    invitation_create,
    invitation_for_token,
    invitation_send,
    invitation_withdraw,
)


def _lead_or_error(team: Team, actor) -> TeamMembership:
    membership = team_lead_membership(actor, team)
    if membership is None:
        raise MarketplaceError(_("Only the team's leads can do this."))
    return membership


def team_create(
    *, actor, name: str, description: str = "", skills: str = "", language: str = ContentLanguage.DUTCH, themes=()
) -> Team:
    if not can_create_team(actor):
        raise MarketplaceError(
            _("Only students can form a team: add and confirm the e-mail address of your school, college or "
              "university.")
        )
    with transaction.atomic():
        team = Team.objects.create(
            name=name, description=description, skills=skills, language=language, created_by=actor
        )
        team.themes.set(themes)
        TeamMembership.objects.create(team=team, user=actor, role=TeamRole.LEAD)
        log(team, "marketplace.team.created", user=actor)
    return team


def team_update(
    *, team: Team, actor, name: str, description: str = "", skills: str = "", language: str = ContentLanguage.DUTCH,
    themes=(),
) -> Team:
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        _lead_or_error(team, actor)
        team.name, team.description, team.skills, team.language = name, description, skills, language
        team.save(update_fields=["name", "description", "skills", "language"])
        team.themes.set(themes)
        log(team, "marketplace.team.edited", user=actor)
    return team


class TeamInvitations(InvitationKind):
    """A lead invites by link or by e-mail; joining makes a member, and the leads are told."""

    model = TeamInvitation
    target = "team"
    inviter = "created_by"
    locked_with = ("team",)
    invited_action = "marketplace.team.invited"
    joined_action = "marketplace.team.joined"
    withdrawn_action = "marketplace.team.invitation_withdrawn"
    not_valid = gettext_lazy("This invitation link is not valid. Ask the team for a new one.")
    withdrawn = gettext_lazy("This invitation has been withdrawn. Ask the team for a new one.")
    expired = gettext_lazy("This invitation has expired. Ask the team for a new one.")
    already_member = gettext_lazy("Someone with this e-mail address is already in the team.")

    def check_may_invite(self, *, target: Team, actor) -> None:
        _lead_or_error(target, actor)

    def check_may_withdraw(self, *, target: Team, actor) -> None:
        _lead_or_error(target, actor)

    def check_may_join(self, *, invitation: TeamInvitation, user) -> None:
        if invitation.team.memberships.filter(user=user).exists():
            raise MarketplaceError(_("You are already in this team."))
        if not can_join_team(user):
            raise MarketplaceError(
                _("Only students can join a team: add and confirm the e-mail address of your school, college or "
                  "university first.")
            )

    def join(self, *, invitation: TeamInvitation, user) -> tuple[TeamMembership, None]:
        return TeamMembership.objects.create(team=invitation.team, user=user, role=TeamRole.MEMBER), None

    def invited(self, *, invitation: TeamInvitation, token: str) -> None:
        team_invited(invitation=invitation, token=token)

    def joined(self, *, invitation: TeamInvitation, user) -> None:
        team_joined(team=invitation.team, member=user)


TEAM_INVITATIONS = TeamInvitations()


def team_invite_email(*, team: Team, actor, email: str) -> TeamInvitation:
    """Invite one student by e-mail. Inviting the same address again withdraws the earlier
    invitation and sends a fresh one."""
    return invitation_send(kind=TEAM_INVITATIONS, target=team, actor=actor, email=email)


def team_link_create(*, team: Team, actor) -> TeamInvitation:
    """A new link to share with fellow students; the previous link stops working."""
    _lead_or_error(team, actor)
    return invitation_create(
        kind=TEAM_INVITATIONS,
        target=team,
        actor=actor,
        action="marketplace.team.link_created",
        replacing=team.invitations.filter(email="", revoked_at__isnull=True),
    )


def team_invitation_for_token(token: str) -> TeamInvitation | None:
    return invitation_for_token(kind=TEAM_INVITATIONS, token=token)


def team_invitation_revoke(*, invitation: TeamInvitation, actor) -> None:
    invitation_withdraw(kind=TEAM_INVITATIONS, invitation=invitation, actor=actor)


def team_join(*, token: str, user) -> TeamMembership:
    """Join with an invitation link: a shared link, or the link in an e-mail sent to one of
    the person's confirmed addresses."""
    return invitation_accept_by_token(kind=TEAM_INVITATIONS, token=token, user=user)


def team_invitation_accept(*, invitation: TeamInvitation, user) -> TeamMembership:
    """Join the team an invitation is for. An e-mail invitation needs the invited address,
    confirmed, on the person's account."""
    return invitation_accept(kind=TEAM_INVITATIONS, invitation=invitation, user=user)


def _check_a_lead_remains(team: Team, leaving: TeamMembership) -> None:
    leads = list(team.memberships.select_for_update().filter(role=TeamRole.LEAD).values_list("pk", flat=True))
    if leaving.role == TeamRole.LEAD and leads == [leaving.pk] and team.memberships.count() > 1:
        raise MarketplaceError(_("You are the team's only lead. Make someone else lead before you step down or leave."))


def team_member_remove(*, membership: TeamMembership, actor) -> None:
    """Leads remove members; anyone may leave. The last lead hands over first."""
    team = membership.team
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=team.pk)
        if membership.user_id != actor.pk:
            _lead_or_error(team, actor)
        _check_a_lead_remains(team, membership)
        if membership.role == TeamRole.LEAD and team.memberships.count() == 1:
            raise MarketplaceError(_("You are the only member. A team cannot be left empty."))
        log(team, "marketplace.team.member_removed", user=actor, data={"member": membership.user.display_name})
        membership.delete()


def team_member_set_role(*, membership: TeamMembership, actor, role: str) -> TeamMembership:
    """Make a member lead, or a lead member again; a team always keeps a lead."""
    team = membership.team
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=team.pk)
        _lead_or_error(team, actor)
        membership = TeamMembership.objects.get(pk=membership.pk)
        if role != TeamRole.LEAD:
            if membership.role == TeamRole.LEAD and team.memberships.filter(role=TeamRole.LEAD).count() == 1:
                raise MarketplaceError(
                    _("%(name)s is the team's only lead. Make someone else lead first.")
                    % {"name": membership.user.display_name}
                )
        membership.role = role
        membership.save(update_fields=["role"])
        log(team, "marketplace.team.role_changed", user=actor,
            data={"member": membership.user.display_name, "role": role})
    return membership


def team_lead_hand_over(*, team: Team, actor, to: TeamMembership) -> None:
    """The lead passes the lead to a team-mate and becomes a member."""
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=team.pk)
        own = _lead_or_error(team, actor)
        to = TeamMembership.objects.get(pk=to.pk, team=team)
        if to.pk == own.pk:
            raise MarketplaceError(_("Choose a team-mate to hand the lead to."))
        to.role = TeamRole.LEAD
        to.save(update_fields=["role"])
        own.role = TeamRole.MEMBER
        own.save(update_fields=["role"])
        log(team, "marketplace.team.lead_handed_over", user=actor, data={"to": to.user.display_name})


# Supervision


def supervision_request(*, team: Team, actor, lecturer, message: str = "") -> Supervision:
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        _lead_or_error(team, actor)
        if not can_supervise(lecturer):
            raise MarketplaceError(_("%(name)s is not an approved lecturer.") % {"name": lecturer.display_name})
        if team.memberships.filter(user=lecturer).exists():
            raise MarketplaceError(_("A member of the team cannot supervise it."))
        if team.supervisions.filter(status=SupervisionStatus.ACCEPTED).exists():
            raise MarketplaceError(_("Your team already has a supervisor."))
        if team.supervisions.filter(lecturer=lecturer, status=SupervisionStatus.REQUESTED).exists():
            raise MarketplaceError(
                _("You have already asked %(name)s; wait for the answer.") % {"name": lecturer.display_name}
            )
        supervision = Supervision.objects.create(team=team, lecturer=lecturer, message=message, requested_by=actor)
        log(team, "marketplace.supervision.requested", user=actor, data={"lecturer": lecturer.display_name})
        supervision_requested(supervision=supervision)
    return supervision


def _answer(supervision: Supervision, actor, status: str, answer: str) -> Supervision:
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=supervision.team_id)
        supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
        if supervision.lecturer_id != actor.pk:
            raise MarketplaceError(_("Only the lecturer who was asked can answer."))
        if not supervision.can_answer():
            raise MarketplaceError(_("This request has already been answered or withdrawn."))
        if status == SupervisionStatus.ACCEPTED:
            if not can_supervise(actor):
                raise MarketplaceError(_("Only approved lecturers can supervise teams."))
            if Supervision.objects.filter(team_id=supervision.team_id, status=SupervisionStatus.ACCEPTED).exists():
                raise MarketplaceError(_("This team already has a supervisor."))
        supervision.status = status
        supervision.answer = answer
        supervision.decided_at = timezone.now()
        supervision.save(update_fields=["status", "answer", "decided_at"])
        action = "accepted" if status == SupervisionStatus.ACCEPTED else "declined"
        log(supervision.team, f"marketplace.supervision.{action}", user=actor)
        if status == SupervisionStatus.ACCEPTED:
            # One supervisor: the team's other open requests are no longer needed.
            for other in Supervision.objects.filter(
                team_id=supervision.team_id, status=SupervisionStatus.REQUESTED
            ).exclude(pk=supervision.pk):
                other.status = SupervisionStatus.WITHDRAWN
                other.decided_at = supervision.decided_at
                other.save(update_fields=["status", "decided_at"])
                log(supervision.team, "marketplace.supervision.withdrawn", user=actor,
                    data={"lecturer": other.lecturer.display_name})
            _supervise_running_projects(supervision, actor)
        supervision_answered(supervision=supervision)
    return supervision


def _supervise_running_projects(supervision: Supervision, actor) -> None:
    """A team chosen before it had a supervisor gets one for its running projects: someone must
    follow the log, approve the hours and sign the project off."""
    for project in Project.objects.select_for_update(of=("self",)).filter(
        team_id=supervision.team_id,
        supervisor__isnull=True,
        status__in=RUNNING_PROJECT_STATUSES,
    ):
        project.supervisor = supervision.lecturer
        project.save(update_fields=["supervisor"])
        log(project, "marketplace.project.supervisor_set", user=actor,
            data={"lecturer": supervision.lecturer.display_name})


def supervision_accept(*, supervision: Supervision, actor, answer: str = "") -> Supervision:
    return _answer(supervision, actor, SupervisionStatus.ACCEPTED, answer)


def supervision_decline(*, supervision: Supervision, actor, answer: str = "") -> Supervision:
    return _answer(supervision, actor, SupervisionStatus.DECLINED, answer)


def supervision_withdraw(*, supervision: Supervision, actor) -> Supervision:
    with transaction.atomic():
        supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
        _lead_or_error(supervision.team, actor)
        if not supervision.can_withdraw():
            raise MarketplaceError(_("This request has already been answered."))
        supervision.status = SupervisionStatus.WITHDRAWN
        supervision.decided_at = timezone.now()
        supervision.save(update_fields=["status", "decided_at"])
        log(supervision.team, "marketplace.supervision.withdrawn", user=actor,
            data={"lecturer": supervision.lecturer.display_name})
    return supervision


def supervision_end(*, supervision: Supervision, actor) -> Supervision:
    """The lecturer stops, or the team's lead ends the supervision; the team can ask someone else."""
    with transaction.atomic():
        supervision = Supervision.objects.select_for_update().get(pk=supervision.pk)
        if supervision.lecturer_id != actor.pk:
            _lead_or_error(supervision.team, actor)
        if not supervision.can_end():
            raise MarketplaceError(_("This lecturer is not supervising the team."))
        supervision.status = SupervisionStatus.ENDED
        supervision.decided_at = timezone.now()
        supervision.save(update_fields=["status", "decided_at"])
        log(supervision.team, "marketplace.supervision.ended", user=actor,
            data={"lecturer": supervision.lecturer.display_name})
    return supervision
