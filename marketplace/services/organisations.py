"""Organisations: inviting colleagues, and who belongs with which role."""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import notifications
from ..choices import MembershipRole
from ..models import Organisation, OrganisationInvitation, OrganisationMembership
from ..permissions import can_manage_organisation
from .errors import MarketplaceError


def organisation_invite(*, organisation: Organisation, actor, email: str, role: str) -> OrganisationInvitation:
    """Invite a colleague by e-mail. Inviting the same address again withdraws the earlier
    link and sends a fresh one."""
    email = email.strip().lower()
    if not can_manage_organisation(actor, organisation):
        raise MarketplaceError(_("Only administrators of the organisation can invite colleagues."))
    same_address = Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
    if organisation.memberships.filter(same_address).exists():
        raise MarketplaceError(_("Someone with this e-mail address is already a member."))
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        organisation.invitations.filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now, revoked_by=actor)
        invitation = OrganisationInvitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=OrganisationInvitation.hash_token(token),
            invited_by=actor,
            expires_at=now + OrganisationInvitation.VALID_FOR,
        )
        log(organisation, "marketplace.organisation.invited", user=actor, data={"email": email, "role": role})
        notifications.organisation_invited(invitation=invitation, token=token)
    return invitation


def organisation_invitation_for_token(token: str) -> OrganisationInvitation | None:
    return (
        OrganisationInvitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=OrganisationInvitation.hash_token(token))
        .first()
    )


def organisation_invitation_accept(*, token: str, user) -> OrganisationMembership:
    """Join with the link from the invitation e-mail."""
    found = organisation_invitation_for_token(token)
    if found is None:
        raise MarketplaceError(_("This invitation link is not valid. Ask your colleague for a new one."))
    return organisation_invitation_accept_for(invitation=found, user=user)


def organisation_invitation_accept_for(*, invitation: OrganisationInvitation, user) -> OrganisationMembership:
    """Join the organisation with a confirmed e-mail address the invitation was sent to (from
    the e-mail's link, or from My page for people who already have an account)."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
        now = timezone.now()
        if invitation.accepted_at is not None:
            raise MarketplaceError(_("This invitation has already been used."))
        if invitation.revoked_at is not None:
            raise MarketplaceError(_("This invitation has been withdrawn. Ask your colleague for a new one."))
        if invitation.is_expired(now):
            raise MarketplaceError(_("This invitation has expired. Ask your colleague for a new one."))
        if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
            raise MarketplaceError(
                _("This invitation was sent to %(email)s. Log in with that address, or add and confirm it on your "
                  "account first.") % {"email": invitation.email}
            )
        membership, created = OrganisationMembership.objects.get_or_create(
            organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
        )
        if not created and invitation.role == MembershipRole.ADMIN and membership.role != MembershipRole.ADMIN:
            membership.role = MembershipRole.ADMIN
            membership.save(update_fields=["role"])
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        log(invitation.organisation, "marketplace.organisation.joined", user=user, data={"role": membership.role})
        notifications.organisation_joined(invitation=invitation, user=user)
    return membership


def organisation_invitation_revoke(*, invitation: OrganisationInvitation, actor) -> None:
    if not can_manage_organisation(actor, invitation.organisation):
        raise MarketplaceError(_("Only administrators of the organisation can withdraw invitations."))
    with transaction.atomic():
        invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is None and invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.revoked_by = actor
            invitation.save(update_fields=["revoked_at", "revoked_by"])
            log(invitation.organisation, "marketplace.organisation.invitation_withdrawn", user=actor,
                data={"email": invitation.email})


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
