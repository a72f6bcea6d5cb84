"""E-mails to posters about their challenge, in the poster's own language, sent after the
change has been committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(user, template: str, context: dict) -> None:
    if not user or not user.email:
        return

    def send():
        with translation.override(user.preferred_language):
            full_context = {"user": user, **context}
            if "challenge" in context:
                challenge = context["challenge"]
                full_context["edit_url"] = _absolute(reverse("marketplace:challenge_edit", args=[challenge.pk]))
                full_context["my_page_url"] = _absolute(reverse("accounts:my_page"))
                if challenge.live:
                    full_context["public_url"] = _absolute(challenge.url)
            subject = render_to_string(f"marketplace/email/{template}_subject.txt", full_context).strip()
            body = render_to_string(f"marketplace/email/{template}.txt", full_context)
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [user.email])

    transaction.on_commit(send)


def _send_to_address(address: str, language: str, template: str, context: dict) -> None:
    """An e-mail to someone who may not have an account yet."""

    def send():
        with translation.override(language):
            subject = render_to_string(f"marketplace/email/{template}_subject.txt", context).strip()
            body = render_to_string(f"marketplace/email/{template}.txt", context)
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [address])

    transaction.on_commit(send)


def organisation_invited(*, invitation, token: str) -> None:
    """The invitation link goes to the address only; it is not stored anywhere else."""
    from accounts.models import User

    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = existing.preferred_language if existing else translation.get_language()
    with translation.override(language):
        accept_url = _absolute(reverse("organisations:invitation", args=[token]))
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "accept_url": accept_url,
        "expires_at": invitation.expires_at,
    }
    _send_to_address(invitation.email, language, "organisation_invitation", context)


def organisation_joined(*, invitation, user) -> None:
    """Tell the colleague who invited someone that they joined."""
    with translation.override(invitation.invited_by.preferred_language if invitation.invited_by else None):
        members_url = _absolute(reverse("organisations:members", args=[invitation.organisation.slug]))
    _send(
        invitation.invited_by,
        "organisation_joined",
        {"organisation": invitation.organisation, "member": user, "members_url": members_url},
    )


def challenge_submitted(*, challenge, user) -> None:
    _send(user, "challenge_submitted", {"challenge": challenge})


def challenge_published(*, challenge, user) -> None:
    _send(user, "challenge_published", {"challenge": challenge})


def challenge_changes_requested(*, challenge, user, comment: str) -> None:
    _send(user, "challenge_changes_requested", {"challenge": challenge, "comment": comment})


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Wagtail's signal when editors approve: tell the poster, who never sees the admin."""
    from .models import ChallengePage

    challenge = instance.content_object.specific if instance.content_object else None
    if isinstance(challenge, ChallengePage):
        challenge.refresh_from_db()
        challenge_published(challenge=challenge, user=instance.requested_by)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from wagtail.models import TaskState

    from .models import ChallengePage

    challenge = instance.content_object.specific if instance.content_object else None
    if isinstance(challenge, ChallengePage):
        task_state = (
            TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at")
            .first()
        )
        challenge_changes_requested(
            challenge=challenge, user=instance.requested_by, comment=task_state.comment if task_state else ""
        )


# Teams and supervision: told in the site and by e-mail, through the notification centre.


def team_invited(*, invitation, token: str) -> None:
    """An e-mail invitation goes to the address. Someone who already has an account there is
    told through the notification centre instead and accepts on My page: the secret link is
    never stored, not even in a notification."""
    from accounts.choices import NotificationKind
    from accounts.models import User
    from accounts.notifications import notify

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
            url=reverse("accounts:my_page"),
        )
        return
    context = {
        "team": invitation.team,
        "inviter": invitation.created_by,
        "join_url": _absolute(join_path),
        "expires_at": invitation.expires_at,
    }
    _send_to_address(invitation.email, language, "team_invitation", context)


def team_joined(*, team, member) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .choices import TeamRole

    leads = [m.user for m in team.memberships.filter(role=TeamRole.LEAD).select_related("user")]
    notify_each(
        recipients=leads, kind=NotificationKind.TEAM_JOINED, actor=member, params={"team": team.name},
        url=team.get_absolute_url(),
    )


def supervision_requested(*, supervision) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify

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
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .choices import SupervisionStatus

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
