

from marketplace.choices import (
    MembershipRole,
)
from marketplace.models import (
    OrganisationInvitation,
    OrganisationMembership,
)
from marketplace.selectors.invitations import open_invitations_to


def memberships_for_user(user):
    if not user.is_authenticated:
        return OrganisationMembership.objects.none()
    return OrganisationMembership.objects.filter(user=user).select_related("organisation")


def organisation_members(organisation) -> list:
    """Members with their user, administrators first."""
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


def organisation_invitations_for(user) -> list:
    """Invitations to join an organisation the person is not in yet."""
    if not user.is_authenticated:
        return []
    return open_invitations_to(
        user,
        OrganisationInvitation.objects.exclude(organisation__memberships__user=user).select_related(
            "organisation", "invited_by"
        ),
    )

