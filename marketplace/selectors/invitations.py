from django.db.models import Q
from django.utils import timezone

from accounts.selectors import verified_addresses


def open_invitations_to(user, invitations) -> list:
    """The invitations sent to one of the person's confirmed addresses that can still be
    accepted: one query (and one for the addresses, once per user object)."""

    addresses = verified_addresses(user)
    if not addresses:
        return []
    same_address = Q()
    for address in addresses:
        same_address |= Q(email__iexact=address)
    return list(
        invitations.filter(same_address, accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now()).order_by("created_at")
    )

