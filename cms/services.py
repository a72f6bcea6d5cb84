"""Changes to editorial content made from the site (not the admin)."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from cms.models import OwnerSignOffTaskState, StoryPage
from cms.notifications import story_signed_off
from cms.permissions import can_sign_off_story
from marketplace.services.errors import MarketplaceError


def story_sign_off(*, story: StoryPage, actor, confirm: bool, comment: str, revision_id: int) -> TaskState:
    """The challenge's owner confirms the version of the story they read, or asks for a change
    with a comment. Confirming passes the story on to the editors, who publish it; asking for
    a change sends it back to the editor who wrote it. Wagtail records who did it and when."""
    comment = (comment or "").strip()
    if not confirm and not comment:
        raise MarketplaceError(_("Tell the editors what should change."))
    if can_sign_off_story(actor, story.latest_owner_sign_off()) and story.restart_owner_sign_off(user=actor):
        # Outside the transaction below: the owners of the new challenge are asked, whatever happens next.
        raise MarketplaceError(_("The editors changed what this story is about: its challenge's owners are asked now."))
    with transaction.atomic():
        latest = story.latest_owner_sign_off()
        if not can_sign_off_story(actor, latest):
            raise MarketplaceError(_("Only the owner of the story's challenge can confirm it."))
        # Two owners (or two tabs) answering at once: the second finds the task finished.
        task_state = OwnerSignOffTaskState.objects.select_for_update().get(pk=latest.pk)
        current = story.get_owner_sign_off()
        if task_state.status != TaskState.STATUS_IN_PROGRESS or current is None or current.pk != task_state.pk:
            raise MarketplaceError(_("This story is not waiting for your confirmation (any more)."))
        story = StoryPage.objects.get(pk=story.pk)
        if revision_id != story.latest_revision_id:
            raise MarketplaceError(
                _("The editors changed the story while you were reading it. Please read the new version below.")
            )
        # The confirmation holds for exactly this version (see StoryPublishTask).
        task_state.revision_id = story.latest_revision_id
        task_state.save(update_fields=["revision"])
        if confirm:
            task_state.approve(user=actor, comment=comment)
        else:
            task_state.reject(user=actor, comment=comment)
        story_signed_off(
            story=story,
            actor=actor,
            editor=task_state.workflow_state.requested_by,
            confirmed=confirm,
            comment=comment,
        )
    return task_state
