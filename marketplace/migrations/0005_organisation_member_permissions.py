"""Editors appoint an organisation's first administrator in the admin and can correct
memberships later; knowledge brokers see who belongs where."""

from importlib import import_module

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("marketplace", "view_organisationmembership"),
    ("marketplace", "add_organisationmembership"),
    ("marketplace", "change_organisationmembership"),
    ("marketplace", "delete_organisationmembership"),
    ("marketplace", "add_organisation"),
]
BROKER_PERMISSIONS = [("marketplace", "view_organisationmembership")]


def forwards(apps, schema_editor):
    import_module("accounts.migrations.0002_institutions_and_groups").ensure_permissions(apps)
    grant(apps)


def grant(apps):
    groups = import_module("accounts.migrations.0002_institutions_and_groups")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ((groups.EDITORS_GROUP, EDITOR_PERMISSIONS), (groups.BROKERS_GROUP, BROKER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0004_organisation_pages_and_invitations"),
        ("accounts", "0002_institutions_and_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
