"""The cms app's models, one module per area; everything is importable from here."""

from cms.models.pages import FooterSettings, HomePage, NavigationSettings, StandardPage
from cms.models.stories import (
    STORY_WORKFLOW,
    OwnerSignOffTask,
    OwnerSignOffTaskState,
    StoryIndexPage,
    StoryPage,
    StoryPublishTask,
)

__all__ = [
    "STORY_WORKFLOW",
    "FooterSettings",
    "HomePage",
    "NavigationSettings",
    "OwnerSignOffTask",
    "OwnerSignOffTaskState",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPublishTask",
]
