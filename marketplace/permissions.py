"""One function per rule of the marketplace."""

from dataclasses import dataclass
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, Q, Subquery, Value
from django.utils.translation import gettext as _

from accounts.selectors import is_editor, is_editor_or_broker, user_roles
from marketplace.choices import (
    ApplicationStatus,
    AttachmentKind,
    MembershipRole,
    ProjectStatus,
    SupervisionStatus,
    TeamRole,
)
from marketplace.models import Application, ChallengePage, OrganisationMembership, Project, Supervision
from marketplace.selectors.challenges import challenge_managed_by
from marketplace.selectors.exports import approved_hours_of
from marketplace.selectors.matching import challenge_blockers, team_eligibility
from marketplace.selectors.teams import team_members


def apply_blockers(user, challenge, today: date) -> list[str]:
    """Why ``user`` cannot apply to ``challenge`` yet, in words for that person; empty when
    nothing known so far stands in the way. Team rules join in with the apply flow."""
    reasons = challenge_blockers(challenge, today)
    if not getattr(user, "is_authenticated", False):
        reasons.append(_("Log in with your student account to apply."))
    elif not user_roles(user).is_student:
        reasons.append(
            _("Only students can apply: add and confirm the e-mail address of your school, college or university.")
        )
    return reasons


def can_post_challenge(user) -> bool:
    """Anyone with a confirmed e-mail address may post a question from their street."""
    return bool(getattr(user, "is_authenticated", False)) and EmailAddress.objects.filter(
        user=user, verified=True
    ).exists()


def is_organisation_member(user, organisation) -> bool:
    """Members (administrators included) see the organisation's members page and manage its challenges."""
    if not getattr(user, "is_authenticated", False):
        return False
    return organisation.memberships.filter(user=user).exists()


def can_post_for_organisation(user, organisation) -> bool:
    """Every member may post a challenge on behalf of the organisation."""
    return is_organisation_member(user, organisation)


def can_manage_organisation(user, organisation) -> bool:
    """Administrators of an organisation invite colleagues and manage its members."""
    if not getattr(user, "is_authenticated", False):
        return False
    return organisation.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()


def can_manage_challenge(user, challenge) -> bool:
    """The poster, or any member of the organisation it was posted for (as a filter:
    ``selectors.challenges.challenge_managed_by``; change the two together)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if challenge.posted_by_id == user.pk:
        return True
    return challenge.organisation_id is not None and is_organisation_member(user, challenge.organisation)


def is_team_member(user, team) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return team.memberships.filter(user=user).exists()


def team_lead_membership(user, team):
    """The membership through which ``user`` leads ``team``, or None: leads act for their team
    (invite, hand over the lead, ask a supervisor, apply, withdraw)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return team.memberships.filter(user=user, role=TeamRole.LEAD).first()


def leads_among(user, members) -> bool:
    """``user`` leads the team whose ``members`` (``team_members``) are loaded already: no query."""
    return any(member.user_id == user.pk and member.is_lead for member in members)


def can_lead_team(user, team) -> bool:
    return team_lead_membership(user, team) is not None


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
    is_applied_owner: bool = False  # manages a challenge the team applied to

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_lead(self) -> bool:
        return self.membership is not None and self.membership.is_lead

    @property
    def is_supervisor(self) -> bool:
        return self.supervision is not None

    @property
    def can_end_supervision(self) -> bool:
        """A lead or the supervisor may end a supervision."""
        return self.is_lead or self.is_supervisor

    @property
    def can_view(self) -> bool:
        """Members, the supervisor, a lecturer asked to supervise and the owners of challenges
        the team applied to see the team page."""
        return self.is_member or self.is_supervisor or self.request is not None or self.is_applied_owner


def team_access(user, team) -> TeamAccess:
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
    access = TeamAccess(
        membership=membership,
        supervision=supervisions.get(SupervisionStatus.ACCEPTED),
        request=supervisions.get(SupervisionStatus.REQUESTED),
    )
    if access.can_view:
        return access


    owns = challenge_managed_by(user, via="challenge__")
    applied = (
        Application.objects.filter(owns, team=team, submitted_at__isnull=False)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    )
    return TeamAccess(is_applied_owner=applied)


def application_blockers(user, challenge, team, today: date) -> list[str]:
    """Why ``team`` cannot apply to ``challenge`` now (``team_eligibility``), shown before the
    team starts writing; empty when it can."""
    members = team_members(team)
    return team_eligibility(
        challenge=challenge,
        members=members,
        is_lead=leads_among(user, members),
        already_applied=Application.objects.filter(team=team, challenge=challenge)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists(),
        today=today,
    )


def can_answer_supervision(user, supervision) -> bool:
    """Only the lecturer who was asked answers a supervision request."""
    return getattr(user, "is_authenticated", False) and supervision.lecturer_id == user.pk


def can_endorse_application(user, application) -> bool:
    """The supervisor the team applied with endorses its application or sends it back."""
    return getattr(user, "is_authenticated", False) and application.supervisor_id == user.pk


def can_view_application(user, application) -> bool:
    """The team's members, the supervisor it applied with (or has now) and the challenge's owners."""
    if not getattr(user, "is_authenticated", False):
        return False
    if application.supervisor_id == user.pk:
        return True
    access = team_access(user, application.team)
    return access.is_member or access.is_supervisor or can_manage_challenge(user, application.challenge)


def can_see_owner_phone(*, is_owner: bool, is_chosen: bool, shown_to_team: bool) -> bool:
    """The owner's phone number, of the private contact details: the owners see it; a chosen
    team and its supervisor only when the owner chose to show it (they send messages on the
    site instead)."""
    return is_owner or (is_chosen and shown_to_team)


@dataclass(frozen=True)
class ChallengeAccess:
    """What one person may do with one challenge beyond reading it, worked out once per request."""

    can_manage: bool = False
    project_id: int | None = None  # the project of a chosen team the person is in or supervises
    phone_shared: bool = False  # the owner lets the chosen teams see the phone number

    @property
    def in_accepted_team(self) -> bool:
        return self.project_id is not None

    @property
    def can_see_contact(self) -> bool:
        """The owner's private contact details: for the people who manage the challenge and for
        the teams they accepted, with their supervisors (PRODUCT.md rule 4)."""
        return self.can_manage or self.in_accepted_team

    @property
    def can_see_phone(self) -> bool:
        return can_see_owner_phone(
            is_owner=self.can_manage, is_chosen=self.in_accepted_team, shown_to_team=self.phone_shared
        )


def challenge_access(user, challenge) -> ChallengeAccess:
    """One query for a logged-in person, none for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return ChallengeAccess()
    chosen = (
        Project.objects.filter(challenge_id=challenge.pk)
        .exclude(status=ProjectStatus.CANCELLED)
        .filter(Q(supervisor_id=user.pk) | Q(team__memberships__user_id=user.pk))
    )
    colleague = (
        Exists(OrganisationMembership.objects.filter(organisation_id=challenge.organisation_id, user_id=user.pk))
        if challenge.organisation_id is not None
        else Value(False)
    )
    is_colleague, project_id = (
        get_user_model().objects.filter(pk=user.pk)
        .annotate(is_colleague=colleague, project_id=Subquery(chosen.order_by("pk").values("pk")[:1]))
        .values_list("is_colleague", "project_id")
        .get()
    )
    return ChallengeAccess(
        can_manage=challenge.posted_by_id == user.pk or bool(is_colleague),
        project_id=project_id,
        phone_shared=challenge.show_phone_to_team,
    )


def can_see_contact(user, challenge) -> bool:
    """Whether ``user`` may see the poster's private contact details of ``challenge``."""
    return challenge_access(user, challenge).can_see_contact


@dataclass(frozen=True)
class ProjectAccess:
    """What one person may do in one project, worked out once per request.

    The project's people are its team members, its supervisor and the owners of its challenge;
    they see everything, contact details included. Editors and knowledge brokers read only the
    log entries the team marked shareable, for stories; nobody else learns the project exists."""

    is_member: bool = False
    is_supervisor: bool = False
    is_owner: bool = False
    is_reader: bool = False  # an editor or knowledge broker

    @property
    def is_insider(self) -> bool:
        return self.is_member or self.is_supervisor or self.is_owner

    @property
    def can_view(self) -> bool:
        return self.is_insider or self.is_reader

    @property
    def can_log(self) -> bool:
        return self.is_member

    @property
    def can_comment(self) -> bool:
        return self.is_insider

    @property
    def can_plan(self) -> bool:
        """Add milestones and tick them off: the team and its supervisor."""
        return self.is_member or self.is_supervisor

    @property
    def can_deliver(self) -> bool:
        return self.is_member

    @property
    def can_give_feedback(self) -> bool:
        return self.is_owner

    @property
    def can_review_hours(self) -> bool:
        return self.is_supervisor

    @property
    def can_cancel(self) -> bool:
        return self.is_owner or self.is_supervisor

    def can_view_entry(self, entry) -> bool:
        return self.is_insider or (self.is_reader and entry.shareable)


def project_access(user, project) -> ProjectAccess:
    """Two or three queries for a logged-in person, none for anyone else. ``project.challenge``
    should be loaded already."""
    if not getattr(user, "is_authenticated", False):
        return ProjectAccess()
    is_member = is_team_member(user, project.team)
    challenge = project.challenge
    is_owner = can_manage_challenge(user, challenge)
    is_supervisor = project.supervisor_id is not None and project.supervisor_id == user.pk
    return ProjectAccess(
        is_member=is_member,
        is_supervisor=is_supervisor,
        is_owner=is_owner,
        is_reader=not (is_member or is_supervisor or is_owner) and is_editor_or_broker(user),
    )


@dataclass(frozen=True)
class ConversationAccess:
    """What one person may do in one conversation (``marketplace.models.messages``)."""

    can_read: bool = False
    can_write: bool = False


def application_conversation_access(user, application, *, asked: bool) -> ConversationAccess:
    """The questions about an application, while its challenge's owners decide: the owners ask
    (and read what they asked afterwards); the team's members answer once asked; the supervisor
    the team applied with, or has now, reads along. ``asked``: the conversation has a message.
    Editors and knowledge brokers do not read it. ``application.challenge`` and ``.team``
    should be loaded already."""
    if not getattr(user, "is_authenticated", False):
        return ConversationAccess()
    if application.submitted_at is not None and can_manage_challenge(user, application.challenge):
        return ConversationAccess(can_read=True, can_write=application.can_decide())
    team = team_access(user, application.team)
    if team.is_member:
        return ConversationAccess(can_read=True, can_write=asked and application.can_decide())
    if team.is_supervisor or application.supervisor_id == user.pk:
        return ConversationAccess(can_read=True)
    return ConversationAccess()


def project_conversation_access(access: ProjectAccess, project) -> ConversationAccess:
    """A project's conversation: its people (team, supervisor, owners) read it and write while
    the project runs; editors and knowledge brokers, who read shareable log entries, do not."""
    return ConversationAccess(can_read=access.is_insider, can_write=access.is_insider and project.is_running())


def conversation_access(user, conversation) -> ConversationAccess:
    """For a conversation whatever it is about (its files, a message sent to it): the rule of
    its application or project. Load ``application__challenge``, ``application__team``,
    ``project__challenge`` and ``project__team`` with it."""
    if conversation.application_id is not None:
        return application_conversation_access(user, conversation.application, asked=True)
    return project_conversation_access(project_access(user, conversation.project), conversation.project)


def can_view_message_file(user, message_file) -> bool:
    return conversation_access(user, message_file.message.conversation).can_read


def can_complete_project(access: ProjectAccess, project) -> bool:
    """The supervisor signs the project off; a project without a supervisor is signed off by
    its challenge's owner (there are then no hours to approve)."""
    return access.is_supervisor or (project.supervisor_id is None and access.is_owner)


def can_edit_log_entry(user, entry) -> bool:
    """The author, until the project is completed or cancelled."""
    return (
        getattr(user, "is_authenticated", False)
        and entry.author_id == user.pk
        and entry.project.can_log()
    )


def can_view_attachment(user, attachment) -> bool:
    """A photo or file: the project's people; editors and brokers for shareable entries; a
    deliverable also for the owners and chosen teams of a follow-up challenge, who build on it."""
    project = attachment.project
    access = project_access(user, project)
    if access.is_insider:
        return True
    if attachment.entry_id is not None:
        return access.is_reader and attachment.entry.shareable

    if attachment.kind == AttachmentKind.DELIVERABLE and getattr(user, "is_authenticated", False):
        return can_build_on(user, project)
    return False


def can_build_on(user, project) -> bool:
    """Owners of a challenge that follows this project's challenge, and the teams (with their
    supervisors) chosen for it, read the earlier project's summary and deliverable, once the
    project is completed (what the follow-up's page shows)."""
    if not getattr(user, "is_authenticated", False) or project.status != ProjectStatus.COMPLETED:
        return False
    follow_ups = ChallengePage.objects.filter(follows_id=project.challenge_id)
    owns = follow_ups.filter(challenge_managed_by(user)).exists()
    if owns:
        return True
    return (
        Project.objects.filter(challenge__in=follow_ups)
        .exclude(status=ProjectStatus.CANCELLED)
        .filter(Q(supervisor=user) | Q(team__memberships__user=user))
        .exists()
    )


def can_export_hours(user) -> bool:
    """Approved lecturers export hours, and only ever those of the projects they supervise
    (``exports.approved_hours_rows`` filters on the supervisor). Anyone else is answered 404."""
    return user_roles(user).is_lecturer


def can_download_certificate(user, project) -> bool:
    """A student downloads their own certificate of a completed project in which the
    supervisor approved some of their hours. Hours can only be logged for members of the
    team, so approved hours prove the membership; a student who left the team after the work
    keeps their certificate. One query."""
    if not getattr(user, "is_authenticated", False) or project.status != ProjectStatus.COMPLETED:
        return False
    return approved_hours_of(project=project, student=user)["hours"] > 0


def can_follow(user) -> bool:
    """Following sends notifications and e-mails, so, as for posting, a confirmed address."""
    return can_post_challenge(user)


def can_moderate(user) -> bool:
    """Editors (and superusers) look at reported content and hide, restore or dismiss it."""
    return is_editor(user)


def can_use_broker_desk(user) -> bool:
    """The members of the "Knowledge brokers" group, and superusers. Editors are not brokers
    by being editors: an introduction is sent in the broker's name to residents and students,
    so the partnership decides who does it by putting them in the group (an editor who also
    brokers is in both groups)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user_roles(user).is_broker

