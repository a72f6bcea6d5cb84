from wagtail.models import TaskState, WorkflowState

from cms.models import OwnerSignOffTaskState, StoryPage
from marketplace.selectors.challenges import challenge_managed_by


def stories_to_sign_off(user) -> list:
    """Stories about the user's challenges waiting for the owner's confirmation, newest
    first. Two queries, whatever the number of stories."""
    if not getattr(user, "is_authenticated", False):
        return []
    managed = challenge_managed_by(user, via="challenge__")
    waiting = (
        OwnerSignOffTaskState.objects.filter(
            managed,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("challenge")
        .distinct()
    )
    challenge_of = {
        int(state.workflow_state.object_id): state.challenge for state in waiting.select_related("workflow_state")
    }
    stories = list(StoryPage.objects.filter(pk__in=challenge_of).order_by("-latest_revision_created_at", "pk"))
    for story in stories:
        story.sign_off_challenge = challenge_of[story.pk]
    return stories
