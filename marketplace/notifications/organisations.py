"""Invitations to an organisation and colleagues joining: through the notification centre for
people with an account, by e-mail with the secret link for newcomers."""

from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationKind
from accounts.models import User
from accounts.notifications.centre import notify
from marketplace.notifications.addresses import absolute_url, send_to_address


def organisation_invited(*, invitation, token: str) -> None:
    """The invitation link goes to the address only; it is not stored anywhere else. Someone who
    already has an account there is told through the notification centre and accepts on My page."""
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        notify(
            recipient=existing,
            kind=NotificationKind.ORGANISATION_INVITATION,
            actor=invitation.invited_by,
            params={"organisation": invitation.organisation.name},
            url=reverse("dashboard:my_page"),
        )
        return
    language = translation.get_language()
    with translation.override(language):
        accept_url = absolute_url(reverse("organisations:invitation", args=[token]))
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "accept_url": accept_url,
        "expires_at": invitation.expires_at,
    }
    send_to_address(invitation.email, language, "organisation_invitation", context)


def organisation_joined(*, invitation, user) -> None:
    """Tell the colleague who invited someone that they joined."""
    if invitation.invited_by is None:
        return
    notify(
        recipient=invitation.invited_by,
        kind=NotificationKind.ORGANISATION_JOINED,
        actor=user,
        params={"organisation": invitation.organisation.name},
        url=reverse("organisations:members", args=[invitation.organisation.slug]),
    )

