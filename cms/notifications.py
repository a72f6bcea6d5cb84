"""Who hears about a story: the challenge's owner asked to confirm it, and the editors when the
owner confirmed it or asked for a change."""

from django.urls import reverse

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify, notify_each
from accounts.notifications.kinds import written_in
from marketplace.selectors.challenges import challenge_owners


def story_sign_off_requested(*, story, challenge, actor) -> None:
    """The challenge's owners are asked to read a story about it before it goes online."""
    notify_each(
        recipients=challenge_owners(challenge),
        kind=NotificationKind.STORY_SIGN_OFF,
        actor=actor,
        params=written_in("challenge", challenge.title, challenge.language),
        url=reverse("stories:sign_off", args=[story.pk]),
    )


def story_signed_off(*, story, actor, editor, confirmed: bool, comment: str) -> None:
    """The editor who sent the story to the owner hears the answer, with the owner's comment."""
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

