"""Invitations by secret link, for every kind of invitation (a team's, an organisation's): making
one, finding it by its secret, accepting it and withdrawing it follow the same rules. What differs
per kind (who may invite or withdraw, who may join, what joining makes, the audit actions, the
words and the notifications) is the kind's hooks: a subclass of ``InvitationKind`` in the
service module of its area."""

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from marketplace.models.invitations import InvitationBase
from marketplace.services.errors import MarketplaceError


class InvitationKind:
    """The hooks of one kind of invitation. The invitation points at what it is for through the
    field named ``target``; that object has ``memberships`` and ``invitations``."""

    model: type[InvitationBase]
    target: str
    inviter: str
    # Loaded with the invitation when it is locked to be accepted.
    locked_with: tuple[str, ...] = ()
    invited_action: str
    joined_action: str
    withdrawn_action: str
    # The words that name who to ask for a new invitation differ per kind.
    not_valid: Promise
    withdrawn: Promise
    expired: Promise
    already_member: Promise

    def check_may_invite(self, *, target: models.Model, actor) -> None:
        raise NotImplementedError

    def check_may_withdraw(self, *, target: models.Model, actor) -> None:
        raise NotImplementedError

    def check_may_join(self, *, invitation: InvitationBase, user) -> None:
        """Raise if the person may not join; the invitation itself is open."""

    def join(self, *, invitation: InvitationBase, user) -> tuple[models.Model, dict | None]:
        """Make the membership; return it and the audit data of the joining."""
        raise NotImplementedError

    def invited(self, *, invitation: InvitationBase, token: str) -> None:
        """Send an invitation to an address; the secret exists only in what is sent."""
        raise NotImplementedError

    def joined(self, *, invitation: InvitationBase, user) -> None:
        raise NotImplementedError


def invitation_create(
    *,
    kind: InvitationKind,
    target: models.Model,
    actor,
    action: str,
    replacing: models.QuerySet,
    data: dict | None = None,
    **fields: Any,
) -> InvitationBase:
    """A new invitation with a fresh secret, valid for the kind's ``VALID_FOR``; the open
    invitations it replaces are withdrawn. Only the secret's hash is kept, except for a link
    (a team's), which is shown to the people who may share it for as long as it works and so
    keeps its secret in ``link_token``. An invitation to an address is sent there."""

    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        replacing.update(revoked_at=now, revoked_by=actor)
        invitation = kind.model(
            **{kind.target: target, kind.inviter: actor},
            token_hash=kind.model.hash_token(token),
            expires_at=now + kind.model.VALID_FOR,
            **fields,
        )
        if invitation.is_link:
            invitation.link_token = token
        invitation.save(force_insert=True)
        log(target, action, user=actor, data=data)
        if not invitation.is_link:
            kind.invited(invitation=invitation, token=token)
    return invitation


def invitation_send(*, kind: InvitationKind, target: models.Model, actor, email: str, **fields: Any) -> InvitationBase:
    """Invite one person by e-mail. Inviting the same address again withdraws the earlier
    invitation and sends a fresh one."""

    email = email.strip().lower()
    kind.check_may_invite(target=target, actor=actor)
    same_address = Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
    if target.memberships.filter(same_address).exists():
        raise MarketplaceError(str(kind.already_member))
    return invitation_create(
        kind=kind,
        target=target,
        actor=actor,
        action=kind.invited_action,
        replacing=target.invitations.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True),
        data={"email": email, **fields},
        email=email,
        **fields,
    )


def invitation_for_token(*, kind: InvitationKind, token: str) -> InvitationBase | None:
    """The invitation a secret belongs to, in whatever state it is, or None. It is found by the
    hash of the secret, so the secret is never stored nor compared."""

    return (
        kind.model.objects.select_related(kind.target, kind.inviter)
        .filter(token_hash=kind.model.hash_token(token))
        .first()
    )


def invitation_accept_by_token(*, kind: InvitationKind, token: str, user) -> models.Model:
    """Join with the secret from a link."""

    found = invitation_for_token(kind=kind, token=token)
    if found is None:
        raise MarketplaceError(str(kind.not_valid))
    return invitation_accept(kind=kind, invitation=found, user=user)


def invitation_accept(*, kind: InvitationKind, invitation: InvitationBase, user) -> models.Model:
    """Join what the invitation is for. An invitation to an address needs that address,
    confirmed, on the person's account, and is used once; a link is used until it expires or is
    withdrawn."""

    with transaction.atomic():
        locked = kind.model.objects.select_for_update(of=("self",))
        if kind.locked_with:
            locked = locked.select_related(*kind.locked_with)
        invitation = locked.get(pk=invitation.pk)
        now = timezone.now()
        if invitation.is_used():
            raise MarketplaceError(_("This invitation has already been used."))
        if invitation.revoked_at is not None:
            raise MarketplaceError(str(kind.withdrawn))
        if now >= invitation.expires_at:
            raise MarketplaceError(str(kind.expired))
        kind.check_may_join(invitation=invitation, user=user)
        if not invitation.is_link and not EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists():
            raise MarketplaceError(
                _("This invitation was sent to %(email)s. Log in with that address, or add and confirm it on your "
                  "account first.") % {"email": invitation.email}
            )
        membership, data = kind.join(invitation=invitation, user=user)
        if not invitation.is_link:
            invitation.accepted_at = now
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
        log(getattr(invitation, kind.target), kind.joined_action, user=user, data=data)
        kind.joined(invitation=invitation, user=user)
    return membership


def invitation_withdraw(*, kind: InvitationKind, invitation: InvitationBase, actor) -> None:
    """Stop an invitation. Withdrawing one that is already withdrawn or used changes nothing."""

    with transaction.atomic():
        invitation = kind.model.objects.select_for_update().get(pk=invitation.pk)
        kind.check_may_withdraw(target=getattr(invitation, kind.target), actor=actor)
        if invitation.can_withdraw():
            invitation.revoked_at = timezone.now()
            invitation.revoked_by = actor
            invitation.save(update_fields=["revoked_at", "revoked_by"])
            log(getattr(invitation, kind.target), kind.withdrawn_action, user=actor, data={"email": invitation.email})
