"""Writes of the marketplace. Views, the demo seeder and later the admin call these."""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowState
from wagtail.users.models import UserProfile

from . import notifications
from .choices import REVIEW_WORKFLOW, MembershipRole
from .models import (
    ChallengeIndexPage,
    ChallengePage,
    ChallengePageImage,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
)
from .permissions import (
    can_manage_challenge,
    can_manage_organisation,
    can_post_challenge,
    can_post_for_organisation,
)
from .photos import clean_photo
from .selectors import challenge_in_review

CHALLENGE_FIELDS = [
    "title", "summary", "summary_en", "language", "description", "outcome", "neighbourhood", "organisation",
    "level_mbo", "level_hbo", "level_wo", "team_size_min", "team_size_max", "team_capacity",
    "mixed_institutions_required", "application_deadline", "period_start", "period_end",
    "can_be_done_in_dutch", "can_be_done_in_english", "contact_name", "contact_email", "contact_phone",
]


class MarketplaceError(Exception):
    """A rule stopped the change; the message is shown to the person as it is."""


def challenge_draft(challenge: ChallengePage) -> ChallengePage:
    """The newest version of a challenge: its latest revision, which may not be live yet."""
    return challenge.get_latest_revision_as_object()


def challenge_save_draft(
    *, actor, data: dict, photo=None, photo_alt: str = "", challenge: ChallengePage | None = None
) -> ChallengePage:
    """Save what the poster typed as a new revision. A live challenge stays as it is on the
    site until the revision has been reviewed and published."""
    if challenge is None and not can_post_challenge(actor):
        raise MarketplaceError(_("Confirm your e-mail address before you post a challenge."))
    if challenge is not None and not can_manage_challenge(actor, challenge):
        raise MarketplaceError(_("You cannot change this challenge."))
    organisation = data.get("organisation")
    if organisation is not None and not can_post_for_organisation(actor, organisation):
        raise MarketplaceError(_("You can only post on behalf of an organisation you are a member of."))
    if challenge is not None and challenge_in_review(challenge):
        raise MarketplaceError(_("This challenge is being reviewed; you can change it again after the review."))
    cleaned_photo = clean_photo(photo) if photo else None

    with transaction.atomic():
        if challenge is None:
            index = ChallengeIndexPage.objects.first()
            if index is None:
                raise MarketplaceError(_("Posting challenges is not possible yet; please try again later."))
            page = ChallengePage(posted_by=actor, owner=actor, live=False, **_page_values(data))
            page.slug = _free_slug(index, data["title"])
            index.add_child(instance=page)
            action = "marketplace.challenge.created"
        else:
            page = challenge_draft(ChallengePage.objects.get(pk=challenge.pk))
            for name, value in _page_values(data).items():
                setattr(page, name, value)
            action = "marketplace.challenge.edited"
        page.themes.set(data["themes"])
        if cleaned_photo is not None:
            image = Image(title=data["title"][:255], file=cleaned_photo, uploaded_by_user=actor)
            image.save()
            page.images = [ChallengePageImage(image=image, alt_text=photo_alt)]
        elif photo_alt and page.images.all():
            first = page.images.all()[0]
            first.alt_text = photo_alt
        revision = page.save_revision(user=actor, log_action=False)
        log(page, action, user=actor, revision=revision)
    return page


def challenge_submit(*, challenge: ChallengePage, actor) -> WorkflowState:
    """Send the latest version to the editors. Nothing is public until they approve it."""
    with transaction.atomic():
        challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
        if not can_manage_challenge(actor, challenge):
            raise MarketplaceError(_("You cannot submit this challenge."))
        if challenge_in_review(challenge):
            raise MarketplaceError(_("This challenge is already being reviewed."))
        if not challenge.has_unpublished_changes:
            raise MarketplaceError(_("There are no changes to review."))
        _quiet_admin_mail(actor)
        states = WorkflowState.objects.for_instance(challenge)
        waiting = states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).first()
        if waiting is not None:
            # Changes were requested: the same review picks up where it stopped.
            waiting.resume(user=actor)
            state = waiting
        else:
            state = Workflow.objects.get(name=REVIEW_WORKFLOW, active=True).start(challenge, actor)
        log(challenge, "marketplace.challenge.submitted", user=actor)
        notifications.challenge_submitted(challenge=challenge, user=actor)
    return state


def _quiet_admin_mail(user) -> None:
    """Someone without admin access gets our e-mails about the review, not Wagtail's, which
    link into an admin they cannot open."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _page_values(data: dict) -> dict:
    return {name: data[name] for name in CHALLENGE_FIELDS if name in data}


def _free_slug(index, title: str) -> str:
    from django.utils.text import slugify

    base = slugify(title)[:70] or "uitdaging"
    taken = set(ChallengePage.objects.child_of(index).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


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
    """Join the organisation with a confirmed e-mail address the invitation was sent to."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        found = organisation_invitation_for_token(token)
        if found is None:
            raise MarketplaceError(_("This invitation link is not valid. Ask your colleague for a new one."))
        invitation = OrganisationInvitation.objects.select_for_update().get(pk=found.pk)
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
