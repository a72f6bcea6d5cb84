"""Team invitations, new members and supervision requests and answers."""

from django.urls import reverse
from django.utils import translation

from accounts.choices import NotificationKind
from accounts.models import User
from accounts.notifications.centre import notify, notify_each
from marketplace.choices import SupervisionStatus, TeamRole
from marketplace.notifications.addresses import absolute_url, send_to_address


def team_invited(*, invitation, token: str) -> None:
    """An e-mail invitation goes to the address. Someone who already has an account there is
    told through the notification centre instead and accepts on My page: the secret link is
    never stored, not even in a notification."""
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = existing.preferred_language if existing else translation.get_language()
    with translation.override(language):
        join_path = reverse("teams:join", args=[token])
    if existing is not None:
        notify(
            recipient=existing,
            kind=NotificationKind.TEAM_INVITATION,
            actor=invitation.created_by,
            params={"team": invitation.team.name},
            url=reverse("dashboard:my_page"),
        )
        return
    context = {
        "team": invitation.team,
        "inviter": invitation.created_by,
        "join_url": absolute_url(join_path),
        "expires_at": invitation.expires_at,
    }
    send_to_address(invitation.email, language, "team_invitation", context)


def team_joined(*, team, member) -> None:
    leads = [m.user for m in team.memberships.filter(role=TeamRole.LEAD).select_related("user")]
    notify_each(
        recipients=leads, kind=NotificationKind.TEAM_JOINED, actor=member, params={"team": team.name},
        url=team.get_absolute_url(),
    )


def supervision_requested(*, supervision) -> None:
    params = {"team": supervision.team.name}
    if supervision.message:
        params["message"] = supervision.message
    notify(
        recipient=supervision.lecturer,
        kind=NotificationKind.SUPERVISION_REQUEST,
        actor=supervision.requested_by,
        params=params,
        url=supervision.team.get_absolute_url(),
    )


def supervision_answered(*, supervision) -> None:
    params = {
        "team": supervision.team.name,
        "outcome": "accepted" if supervision.status == SupervisionStatus.ACCEPTED else "declined",
    }
    if supervision.answer:
        params["message"] = supervision.answer
    notify_each(
        recipients=[m.user for m in supervision.team.memberships.select_related("user")],
        kind=NotificationKind.SUPERVISION_ANSWER,
        actor=supervision.lecturer,
        params=params,
        url=supervision.team.get_absolute_url(),
    )

