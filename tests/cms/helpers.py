"""Helpers the story tests share (the browser's story journey too): writing a story and taking
it through the workflow "Story sign-off"."""

from wagtail.models import Workflow

from cms.models import STORY_WORKFLOW, StoryPage
from cms.services import story_sign_off


def make_story(story_index, *, project=None, challenge=None, body=(), editor=None):
    story = StoryPage(
        title="Een binnentuin vol leven",
        title_en="A courtyard full of life",
        intro="Hoe studenten en bewoners samen een tuin maakten.",
        authors="Tekst: Eva Redactie",
        project=project,
        challenge=challenge,
        body=list(body),
        live=False,
    )
    story_index.add_child(instance=story)
    story.save_revision(user=editor)
    return story


def submit(story, editor):
    """What the editor's "Submit to Story sign-off" in the admin does."""
    story.save_revision(user=editor)
    return Workflow.objects.get(name=STORY_WORKFLOW).start(story, editor)


def current_task(story):
    state = StoryPage.objects.get(pk=story.pk).current_workflow_task_state
    return state.task.specific if state else None


def confirm(story, actor, **kwargs):
    story = StoryPage.objects.get(pk=story.pk)
    return story_sign_off(
        story=story,
        actor=actor,
        confirm=kwargs.pop("confirm", True),
        comment=kwargs.pop("comment", ""),
        revision_id=kwargs.pop("revision_id", story.latest_revision_id),
    )


def publish(story, people):
    confirm(story, people["poster"])
    story = StoryPage.objects.get(pk=story.pk)
    current_task(story).on_action(story.current_workflow_task_state, people["editor"], "approve")
    return StoryPage.objects.get(pk=story.pk)
