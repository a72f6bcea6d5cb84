from django.db import migrations

STORY_WORKFLOW = "Story sign-off"
OWNER_TASK = "The challenge's owner confirms the story"
PUBLISH_TASK = "Editors publish the story"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    OwnerSignOffTask = apps.get_model("cms", "OwnerSignOffTask")
    StoryPublishTask = apps.get_model("cms", "StoryPublishTask")
    StoryIndexPage = apps.get_model("cms", "StoryIndexPage")

    if Workflow.objects.filter(name=STORY_WORKFLOW).exists():
        return
    editors, _ = Group.objects.get_or_create(name="Editors")
    owner_type, _ = ContentType.objects.get_or_create(app_label="cms", model="ownersignofftask")
    publish_type, _ = ContentType.objects.get_or_create(app_label="cms", model="storypublishtask")
    owner_task = OwnerSignOffTask.objects.create(name=OWNER_TASK, content_type=owner_type, active=True)
    publish_task = StoryPublishTask.objects.create(name=PUBLISH_TASK, content_type=publish_type, active=True)
    publish_task.groups.add(editors)
    workflow = Workflow.objects.create(name=STORY_WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=owner_task, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=publish_task, sort_order=1)
    for index_page in StoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index_page.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_stories"),
        ("accounts", "0002_institutions_and_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
