"""The names of the workflows and tasks our migrations create are stored once, as the English
message id, and shown in the reader's language in Wagtail's admin: a Dutch editor reads
"Stuur door naar Akkoord op het verhaal", not "Stuur door naar Story sign-off"."""

from html.parser import HTMLParser

import pytest
from django.utils import translation
from wagtail.models import Task, Workflow
from wagtail.users.models import UserProfile

from cms.models import STORY_WORKFLOW
from marketplace.choices import REVIEW_TASK, REVIEW_WORKFLOW
from tests.cms.helpers import make_story
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "nl": {
        STORY_WORKFLOW: "Akkoord op het verhaal",
        "The challenge's owner confirms the story": "De eigenaar van de uitdaging bevestigt het verhaal",
        "Editors publish the story": "De redactie publiceert het verhaal",
        REVIEW_WORKFLOW: "Beoordeling door de redactie",
        REVIEW_TASK: "De redactie beoordeelt de uitdaging",
    },
}


def _admin_language(user, code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def _stored(model, pk):
    return model.objects.filter(pk=pk).values_list("name", flat=True).get()


@pytest.mark.parametrize("key", list(NAMES["nl"]))
def test_each_name_is_stored_in_english_and_shown_in_the_readers_language(story_index, key):
    named = Workflow.objects.filter(name=key).first() or Task.objects.get(name=key)
    assert _stored(type(named), named.pk) == key
    with translation.override("nl"):
        # Wagtail's own strings fill in a name with %: "Submit to %(workflow_name)s".
        wagtails_way = "%(workflow_name)s" % {"workflow_name": named.name}  # noqa: UP031
        assert str(named.name) == f"{named.name}" == wagtails_way == NAMES["nl"][key]
    with translation.override("en"):
        assert str(named.name) == key
    assert named.name == key  # a lookup by name works in every language


def test_the_dutch_editor_submits_to_the_dutch_workflow_name(client, story_index, people):
    story = make_story(story_index, editor=people["editor"])
    client.force_login(people["editor"])
    html = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Stuur door naar Akkoord op het verhaal" in html
    assert "Story sign-off" not in html


def test_the_english_editor_submits_to_story_sign_off(client, story_index, people):
    story = make_story(story_index, editor=people["editor"])
    _admin_language(people["editor"], "en")
    client.force_login(people["editor"])
    html = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Submit to Story sign-off" in html
    assert "Akkoord op het verhaal" not in html


def test_the_dashboard_names_the_task_a_story_waits_for_in_dutch(client, waiting_story, people):
    client.force_login(people["editor"])
    html = client.get("/admin/").content.decode()
    assert "De eigenaar van de uitdaging bevestigt het verhaal" in html
    assert "The challenge&#x27;s owner confirms the story" not in html
    assert "The challenge's owner confirms the story" not in html


def test_a_name_sent_back_in_the_editors_language_is_stored_as_its_key(story_index):
    workflow = Workflow.objects.get(name=STORY_WORKFLOW)
    with translation.override("nl"):
        workflow.name = str(workflow.name)  # what the admin's edit form posts back unchanged
        workflow.save()
        assert str(workflow.name) == "Akkoord op het verhaal"
    assert _stored(Workflow, workflow.pk) == STORY_WORKFLOW
    with translation.override("en"):
        assert str(Workflow.objects.get(pk=workflow.pk).name) == STORY_WORKFLOW


def test_a_name_an_editor_types_is_stored_and_shown_as_typed(story_index):
    workflow = Workflow.objects.get(name=STORY_WORKFLOW)
    workflow.name = "Verhalen van de wijkteams"
    workflow.save()
    assert _stored(Workflow, workflow.pk) == "Verhalen van de wijkteams"
    for code in ("nl", "en"):
        with translation.override(code):
            assert str(Workflow.objects.get(pk=workflow.pk).name) == "Verhalen van de wijkteams"


def test_the_workflow_edit_form_keeps_the_key_when_posted_back_in_dutch(client, story_index):
    workflow = Workflow.objects.get(name=STORY_WORKFLOW)
    client.force_login(UserFactory(is_superuser=True, mfa=True))
    url = f"/admin/workflows/edit/{workflow.pk}/"
    form = _inputs(client.get(url).content.decode())
    assert form["name"] == "Akkoord op het verhaal"
    assert client.post(url, form).status_code == 302
    assert _stored(Workflow, workflow.pk) == STORY_WORKFLOW
    assert list(workflow.tasks.values_list("name", flat=True)) == [
        "The challenge's owner confirms the story",
        "Editors publish the story",
    ]


def _inputs(html):
    """The name and value of each input of the page, as the browser would send them."""

    class Inputs(HTMLParser):
        def __init__(self):
            super().__init__()
            self.values = {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and "__prefix__" not in attrs.get("name", "__prefix__"):
                self.values[attrs["name"]] = attrs.get("value") or ""

    parser = Inputs()
    parser.feed(html)
    return parser.values
