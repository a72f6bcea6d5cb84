"""Organisations: inviting colleagues, and who belongs with which role."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from marketplace.choices import MembershipRole
from marketplace.models import Organisation, OrganisationInvitation, OrganisationMembership
from marketplace.notifications.organisations import organisation_invited, organisation_joined
from marketplace.permissions import can_manage_organisation
from marketplace.services.errors import MarketplaceError
from marketplace.services.invitations import (
    InvitationKind,
    invitation_accept,
    invitation_accept_by_token,
    invitation_for_token,
    invitation_send,
    invitation_withdraw,
)


class OrganisationInvitations(InvitationKind):
    """Administrators invite colleagues by e-mail, with the role they will have; the colleague
    who invited is told when someone joins."""

    model = OrganisationInvitation
    target = "organisation"
    inviter = "invited_by"
    invited_action = "marketplace.organisation.invited"
    joined_action = "marketplace.organisation.joined"
    withdrawn_action = "marketplace.organisation.invitation_withdrawn"
    not_valid = gettext_lazy("This invitation link is not valid. Ask your colleague for a new one.")
    withdrawn = gettext_lazy("This invitation has been withdrawn. Ask your colleague for a new one.")
    expired = gettext_lazy("This invitation has expired. Ask your colleague for a new one.")
    already_member = gettext_lazy("Someone with this e-mail address is already a member.")

    def check_may_invite(self, *, target: Organisation, actor) -> None:
        if not can_manage_organisation(actor, target):
            raise MarketplaceError(_("Only administrators of the organisation can invite colleagues."))

    def check_may_withdraw(self, *, target: Organisation, actor) -> None:
        if not can_manage_organisation(actor, target):
            raise MarketplaceError(_("Only administrators of the organisation can withdraw invitations."))

    def join(self, *, invitation: OrganisationInvitation, user) -> tuple[OrganisationMembership, dict]:
        """A member invited as administrator becomes one; nobody is made less by an invitation."""
        membership, created = OrganisationMembership.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        if not created and invitation.role == MembershipRole.ADMIN and membership.role != MembershipRole.ADMIN:
            membership.role = MembershipRole.ADMIN
            membership.save(update_fields=["role"])
        return membership, {"role": membership.role}

    def invited(self, *, invitation: OrganisationInvitation, token: str) -> None:
        organisation_invited(invitation=invitation, token=token)

    def joined(self, *, invitation: OrganisationInvitation, user) -> None:
        organisation_joined(invitation=invitation, user=user)


ORGANISATION_INVITATIONS = OrganisationInvitations()


def organisation_invite(*, organisation: Organisation, actor, email: str, role: str) -> OrganisationInvitation:
    """Invite a colleague by e-mail. Inviting the same address again withdraws the earlier
    link and sends a fresh one."""
    return invitation_send(kind=ORGANISATION_INVITATIONS, target=organisation, actor=actor, email=email, role=role)


def organisation_invitation_for_token(token: str) -> OrganisationInvitation | None:
    return invitation_for_token(kind=ORGANISATION_INVITATIONS, token=token)


def organisation_invitation_accept(*, token: str, user) -> OrganisationMembership:
    """Join with the link from the invitation e-mail."""
    return invitation_accept_by_token(kind=ORGANISATION_INVITATIONS, token=token, user=user)


def organisation_invitation_accept_for(*, invitation: OrganisationInvitation, user) -> OrganisationMembership:
    """Join the organisation with a confirmed e-mail address the invitation was sent to (from
    the e-mail's link, or from My page for people who already have an account)."""
    return invitation_accept(kind=ORGANISATION_INVITATIONS, invitation=invitation, user=user)


def organisation_invitation_revoke(*, invitation: OrganisationInvitation, actor) -> None:
    invitation_withdraw(kind=ORGANISATION_INVITATIONS, invitation=invitation, actor=actor)


def organisation_member_remove(*, membership: OrganisationMembership, actor) -> None:
    """Administrators remove members, and anyone may leave; the last administrator stays, so
    that nobody's leave blocks the organisation."""
    organisation = membership.organisation
    if membership.user_id != actor.pk and not can_manage_organisation(actor, organisation):
        raise MarketplaceError(_("Only administrators of the organisation can remove members."))
    with transaction.atomic():
        admins = list(
            organisation.memberships.select_for_update().filter(role=MembershipRole.ADMIN).values_list("pk", flat=True)
        )
        if membership.role == MembershipRole.ADMIN and admins == [membership.pk]:
            raise MarketplaceError(
                _("%(name)s is the only administrator. Make someone else administrator first.")
                % {"name": membership.user.display_name}
            )
        log(organisation, "marketplace.organisation.member_removed", user=actor,
            data={"member": membership.user.display_name})
        membership.delete()


def organisation_member_set_role(*, membership: OrganisationMembership, actor, role: str) -> None:
    organisation = membership.organisation
    if not can_manage_organisation(actor, organisation):
        raise MarketplaceError(_("Only administrators of the organisation can change roles."))
    with transaction.atomic():
        admins = list(
            organisation.memberships.select_for_update().filter(role=MembershipRole.ADMIN).values_list("pk", flat=True)
        )
        if role != MembershipRole.ADMIN and admins == [membership.pk]:
            raise MarketplaceError(
                _("%(name)s is the only administrator. Make someone else administrator first.")
                % {"name": membership.user.display_name}
            )
        membership.role = role
        membership.save(update_fields=["role"])
        log(organisation, "marketplace.organisation.role_changed", user=actor,
            data={"member": membership.user.display_name, "role": role})
