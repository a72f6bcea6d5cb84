"""Telling people what happened in the marketplace. Most of it goes through the notification
centre (accounts.notifications: in the site, and by e-mail in the recipient's language as they
chose); invitations to an address that may have no account yet are e-mailed directly. Either way
nothing leaves before the change has been committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_to_address(address: str, language: str, template: str, context: dict) -> None:
    """An e-mail to someone who may not have an account yet."""

    def send():
        with translation.override(language):
            subject = render_to_string(f"marketplace/email/{template}_subject.txt", context).strip()
            body = render_to_string(f"marketplace/email/{template}.txt", context)
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [address])

    transaction.on_commit(send)


def organisation_invited(*, invitation, token: str) -> None:
    """The invitation link goes to the address only; it is not stored anywhere else. Someone who
    already has an account there is told through the notification centre and accepts on My page."""
    from accounts.choices import NotificationKind
    from accounts.models import User
    from accounts.notifications import notify

    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        notify(
            recipient=existing,
            kind=NotificationKind.ORGANISATION_INVITATION,
            actor=invitation.invited_by,
            params={"organisation": invitation.organisation.name},
            url=reverse("accounts:my_page"),
        )
        return
    language = translation.get_language()
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
    from accounts.choices import NotificationKind
    from accounts.notifications import notify

    if invitation.invited_by is None:
        return
    notify(
        recipient=invitation.invited_by,
        kind=NotificationKind.ORGANISATION_JOINED,
        actor=user,
        params={"organisation": invitation.organisation.name},
        url=reverse("organisations:members", args=[invitation.organisation.slug]),
    )


def _challenge_review(*, challenge, user, outcome: str, url: str, message: str = "", actor=None) -> None:
    """The poster hears how the editors' review goes, in the site and by e-mail: they never
    see the Wagtail admin."""
    from accounts.choices import NotificationKind
    from accounts.notifications import notify

    if user is None:
        return
    params = {"challenge": challenge.draft_title or challenge.title, "outcome": outcome}
    if message:
        params["message"] = message
    notify(recipient=user, kind=NotificationKind.CHALLENGE_REVIEW, actor=actor, params=params, url=url)


def challenge_submitted(*, challenge, user) -> None:
    _challenge_review(challenge=challenge, user=user, outcome="submitted", url=reverse("accounts:my_page"))


def challenge_published(*, challenge, user, actor=None) -> None:
    url = challenge.get_url() or reverse("accounts:my_page")
    _challenge_review(challenge=challenge, user=user, outcome="published", url=url, actor=actor)


def challenge_changes_requested(*, challenge, user, comment: str, actor=None) -> None:
    _challenge_review(
        challenge=challenge,
        user=user,
        outcome="changes_requested",
        url=reverse("marketplace:challenge_edit", args=[challenge.pk]),
        message=comment,
        actor=actor,
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Wagtail's signal when editors approve: tell the poster, who never sees the admin."""
    from .models import ChallengePage

    challenge = instance.content_object.specific if instance.content_object else None
    if isinstance(challenge, ChallengePage):
        challenge.refresh_from_db()
        challenge_published(challenge=challenge, user=instance.requested_by, actor=user)


def on_page_published(sender, instance, **kwargs):
    """Wagtail's signal whenever a page is published: through the editors' review, or by an
    editor directly in the admin. A challenge's first publication is news for its followers."""
    from .models import ChallengePage

    if isinstance(instance, ChallengePage):
        challenge_new_for_followers(challenge=instance)


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
            challenge=challenge,
            user=instance.requested_by,
            comment=task_state.comment if task_state else "",
            actor=user,
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


# Applications


def _application_params(application) -> dict:
    return {"team": application.team.name, "challenge": application.challenge.title}


def _team_and_supervisor(application) -> list:
    people = [m.user for m in application.team.memberships.select_related("user")]
    if application.supervisor is not None:
        people.append(application.supervisor)
    return people


def application_endorsement_requested(*, application) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify

    notify(
        recipient=application.supervisor,
        kind=NotificationKind.ENDORSEMENT_REQUEST,
        actor=application.submitted_by,
        params=_application_params(application),
        url=application.get_absolute_url(),
    )


def application_new(*, application) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .selectors import challenge_owners

    notify_each(
        recipients=challenge_owners(application.challenge),
        kind=NotificationKind.APPLICATION_NEW,
        actor=application.submitted_by,
        params=_application_params(application),
        url=application.get_absolute_url(),
    )


def _to_team(application, outcome: str, actor, message: str = "") -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    params = {**_application_params(application), "outcome": outcome}
    if message:
        params["message"] = message
    notify_each(
        recipients=_team_and_supervisor(application),
        kind=NotificationKind.APPLICATION_DECISION,
        actor=actor,
        params=params,
        url=application.get_absolute_url(),
    )


def application_endorsed(*, application) -> None:
    _to_team(application, "endorsed", application.supervisor, application.endorsement_note)


def application_returned(*, application) -> None:
    _to_team(application, "returned", application.supervisor, application.endorsement_note)


def application_withdrawn(*, application, actor) -> None:
    _to_team(application, "withdrawn", actor)


# Decisions by the challenge's owner


def application_decided(*, application, challenge, project, actor) -> None:
    """The team and its supervisor hear the decision, with the owner's message. Accepted teams
    are sent to their project, where the owner's contact details are."""
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    outcome = "accepted" if project is not None else "declined"
    params = {"team": application.team.name, "challenge": challenge.title, "outcome": outcome}
    if application.decision_message:
        params["message"] = application.decision_message
    people = [m.user for m in application.team.memberships.select_related("user")]
    if application.supervisor is not None:
        people.append(application.supervisor)
    notify_each(
        recipients=people,
        kind=NotificationKind.APPLICATION_DECISION,
        actor=actor,
        params=params,
        url=reverse("projects:detail", args=[project.pk]) if project is not None else application.get_absolute_url(),
    )


def challenge_filled(*, challenge, applications, actor) -> None:
    """The teams whose applications were still open when the last place was taken: the kind's
    sentence is the standard message, in each reader's language."""
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .models import TeamMembership

    members_by_team: dict[int, list] = {}
    for membership in TeamMembership.objects.filter(team__in={a.team_id for a in applications}).select_related(
        "user"
    ):
        members_by_team.setdefault(membership.team_id, []).append(membership.user)
    for application in applications:
        people = list(members_by_team.get(application.team_id, []))
        if application.supervisor is not None:
            people.append(application.supervisor)
        notify_each(
            recipients=people,
            kind=NotificationKind.CHALLENGE_FILLED,
            actor=actor,
            params={"challenge": challenge.title},
            url=application.get_absolute_url(),
        )


def challenge_closed(*, challenge, applications, actor) -> None:
    """Teams with an open application hear the owner's decision, with the reason as message."""
    for application in applications:
        _to_team(application, "declined", actor, challenge.closed_reason)


# Projects


def _project_params(project) -> dict[str, str]:
    return {"project": f"{project.team.name} – {project.challenge.title}"}


def _project_people(project, *, members=True, supervisor=True, owners=True) -> list:
    from .selectors import challenge_owners

    people = []
    if members:
        people += [m.user for m in project.team.memberships.select_related("user")]
    if supervisor and project.supervisor_id is not None:
        people.append(project.supervisor)
    if owners:
        people += challenge_owners(project.challenge)
    return people


def log_entry_created(*, entry, project, actor) -> None:
    """The owners and the supervisor follow the log; by default in their daily summary."""
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    notify_each(
        recipients=_project_people(project, members=False),
        kind=NotificationKind.LOG_ENTRY,
        actor=actor,
        params=_project_params(project),
        url=entry.get_absolute_url(),
    )


def log_comment_added(*, comment, entry, project, actor) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.LOG_COMMENT,
        actor=actor,
        params={**_project_params(project), "message": comment.text},
        url=entry.get_absolute_url(),
    )


def milestone_due(*, milestone, project) -> None:
    from django.utils.formats import date_format

    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    notify_each(
        recipients=_project_people(project, owners=False),
        kind=NotificationKind.MILESTONE_DUE,
        params={**_project_params(project), "milestone": milestone.title, "date": date_format(milestone.due_date,
                                                                                             "Y-m-d")},
        url=project.get_absolute_url() + "#milestones",
    )


def project_delivered(*, project, actor) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.DELIVERABLE_SUBMITTED,
        actor=actor,
        params={"team": project.team.name, "challenge": project.challenge.title},
        url=project.get_absolute_url() + "#result",
    )


def project_feedback_given(*, project, actor) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    notify_each(
        recipients=_project_people(project, owners=False),
        kind=NotificationKind.FEEDBACK_GIVEN,
        actor=actor,
        params={"challenge": project.challenge.title, "message": project.feedback_text},
        url=project.get_absolute_url() + "#result",
    )


def hours_reviewed(*, project, person, approved: bool, note: str, actor) -> None:
    from accounts.choices import NotificationKind
    from accounts.notifications import notify

    params = {**_project_params(project), "outcome": "approved" if approved else "disputed"}
    if note:
        params["message"] = note
    notify(
        recipient=person,
        kind=NotificationKind.HOURS_REVIEWED,
        actor=actor,
        params=params,
        url=project.get_absolute_url() + "#hours",
    )


def project_closed(*, project, actor, completed: bool) -> None:
    """Everyone in the project hears it ended; when it is completed, the editors hear there is
    a story waiting to be told."""
    from django.contrib.auth import get_user_model

    from accounts.choices import NotificationKind
    from accounts.defaults import EDITORS_GROUP
    from accounts.notifications import notify_each

    params = {**_project_params(project), "outcome": "completed" if completed else "cancelled"}
    if not completed and project.cancel_reason:
        params["message"] = project.cancel_reason
    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.PROJECT_CLOSED,
        actor=actor,
        params=params,
        url=project.get_absolute_url(),
    )
    if completed:
        editors = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).distinct()
        notify_each(
            recipients=editors,
            kind=NotificationKind.STORY_WAITING,
            actor=actor,
            params=_project_params(project),
            url=project.get_absolute_url(),
        )


# Follows


def challenge_new_for_followers(*, challenge) -> None:
    """Everyone who follows the challenge's neighbourhood or one of its themes hears of it,
    once each, when it goes on the site for the first time; an approved edit later is no
    news. The poster is left out: they know.

    Wagtail sets ``first_published_at`` and ``last_published_at`` to the same moment at the
    first publication only; every later one moves ``last_published_at`` on (an edit, or
    publishing again after unpublishing). Call it with the challenge as just published.

    One query finds the followers. The topic named is in each reader's language (a theme's
    English name for English readers), so ``notify_each`` runs once per topic and language:
    bounded by the challenge's themes, never by the number of followers."""
    from django.db.models import Q

    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .models import Follow, Theme

    first = challenge.first_published_at
    if not challenge.live or first is None or first != challenge.last_published_at:
        return
    follows = (
        Follow.objects.filter(
            Q(neighbourhood_id=challenge.neighbourhood_id) | Q(theme__in=Theme.objects.filter(challenges=challenge)),
            user__is_active=True,
        )
        .exclude(user_id=challenge.posted_by_id)
        .select_related("user", "theme", "neighbourhood")
    )
    # Someone who follows several of these hears of it once, named by the most specific:
    # the neighbourhood, else the first of its themes in the site's order.
    def most_specific_first(found):
        return (0, 0, "") if found.theme is None else (1, found.theme.sort_order, found.theme.name)

    chosen = {}
    for found in sorted(follows, key=most_specific_first):
        chosen.setdefault(found.user_id, found)
    by_topic: dict[str, list] = {}
    for found in chosen.values():
        with translation.override(found.user.preferred_language):
            by_topic.setdefault(str(found.topic_name), []).append(found.user)
    url = challenge.get_url() or reverse("accounts:my_page")
    for topic, people in by_topic.items():
        notify_each(
            recipients=people,
            kind=NotificationKind.CHALLENGE_FOLLOWED,
            params={"topic": topic, "challenge": challenge.title},
            url=url,
        )


# Stories


def story_sign_off_requested(*, story, challenge, actor) -> None:
    """The challenge's owners are asked to read a story about it before it goes online."""
    from django.urls import reverse

    from accounts.choices import NotificationKind
    from accounts.notifications import notify_each

    from .selectors import challenge_owners

    notify_each(
        recipients=challenge_owners(challenge),
        kind=NotificationKind.STORY_SIGN_OFF,
        actor=actor,
        params={"challenge": challenge.title},
        url=reverse("stories:sign_off", args=[story.pk]),
    )


def story_signed_off(*, story, actor, editor, confirmed: bool, comment: str) -> None:
    """The editor who sent the story to the owner hears the answer, with the owner's comment."""
    from django.urls import reverse

    from accounts.choices import NotificationKind
    from accounts.notifications import notify

    if editor is None or editor.pk == actor.pk:
        return
    params = {"story": story.title, "outcome": "confirmed" if confirmed else "changes_requested"}
    if comment:
        params["message"] = comment
    notify(
        recipient=editor,
        kind=NotificationKind.STORY_REVIEWED,
        actor=actor,
        params=params,
        url=reverse("wagtailadmin_pages:edit", args=[story.pk]),
    )
