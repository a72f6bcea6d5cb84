from django.db import migrations

REVIEW_WORKFLOW = "Challenge review"
REVIEW_TASK = "Editors review the challenge"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name="Editors")
    # Editors approve challenges, and approving publishes: they need to publish pages.
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)

    if Workflow.objects.filter(name=REVIEW_WORKFLOW).exists():
        return
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name=REVIEW_TASK, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow = Workflow.objects.create(name=REVIEW_WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0002_challenges"),
        ("accounts", "0002_institutions_and_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
