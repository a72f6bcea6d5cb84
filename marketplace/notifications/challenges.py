"""Who hears about a challenge: the poster through the editors' review (replacing Wagtail's own
e-mails, which link into the admin), and the teams still waiting when it closes. Through the
notification centre (accounts.notifications.centre), after the change commits."""

from django.urls import reverse
from wagtail.models import TaskState

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify
from accounts.notifications.kinds import written_in
from marketplace.models import ChallengePage
from marketplace.notifications.applications import tell_team
from marketplace.notifications.follows import challenge_new_for_followers


def _challenge_review(*, challenge, user, outcome: str, url: str, message: str = "", actor=None) -> None:
    """The poster hears how the editors' review goes, in the site and by e-mail: they never
    see the Wagtail admin."""
    if user is None:
        return
    title = challenge.draft_title or challenge.title
    params = {**written_in("challenge", title, challenge.language), "outcome": outcome}
    if message:
        params["message"] = message
    notify(recipient=user, kind=NotificationKind.CHALLENGE_REVIEW, actor=actor, params=params, url=url)


def challenge_submitted(*, challenge, user) -> None:
    _challenge_review(challenge=challenge, user=user, outcome="submitted", url=reverse("dashboard:my_page"))


def challenge_published(*, challenge, user, actor=None) -> None:
    url = challenge.get_url() or reverse("dashboard:my_page")
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
    challenge = instance.content_object.specific if instance.content_object else None
    if isinstance(challenge, ChallengePage):
        challenge.refresh_from_db()
        challenge_published(challenge=challenge, user=instance.requested_by, actor=user)


def on_page_published(sender, instance, **kwargs):
    """Wagtail's signal whenever a page is published: through the editors' review, or by an
    editor directly in the admin. A challenge's first publication is news for its followers."""
    if isinstance(instance, ChallengePage):
        challenge_new_for_followers(challenge=instance)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
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


def challenge_closed(*, challenge, applications, actor) -> None:
    """Teams with an open application hear the owner's decision, with the reason as message."""
    for application in applications:
        tell_team(application, "declined", actor, challenge.closed_reason)

