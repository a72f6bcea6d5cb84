from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP, INSTITUTIONS

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "view_lecturerapproval"),
    ("accounts", "change_lecturerapproval"),
    ("accounts", "view_institution"),
    ("marketplace", "add_theme"),
    ("marketplace", "change_theme"),
    ("marketplace", "view_theme"),
    ("marketplace", "add_neighbourhood"),
    ("marketplace", "change_neighbourhood"),
    ("marketplace", "view_neighbourhood"),
    ("marketplace", "view_organisation"),
    ("marketplace", "change_organisation"),
]
BROKER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("accounts", "view_institution"),
    ("accounts", "view_lecturerapproval"),
    ("marketplace", "view_theme"),
    ("marketplace", "view_neighbourhood"),
    ("marketplace", "view_organisation"),
]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def forwards(apps, schema_editor):
    Institution = apps.get_model("accounts", "Institution")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    for data in INSTITUTIONS:
        Institution.objects.get_or_create(short_name=data["short_name"], defaults=data)

    ensure_permissions(apps)
    for name, wanted in ((EDITORS_GROUP, EDITOR_PERMISSIONS), (BROKERS_GROUP, BROKER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("marketplace", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
