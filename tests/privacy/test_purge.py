"""Retention: ``manage.py purge_expired_data`` removes what is past the periods the privacy
statement names (settings.PRIVACY_RETENTION_DAYS); a second run removes nothing; --dry-run only
counts."""

import datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Notification, User
from marketplace.choices import AttachmentKind, ProjectStatus
from marketplace.models import Attachment, LogEntry, LogHours, Project, TeamInvitation
from marketplace.services.teams import team_invite_email
from privacy.services import account_erase
from tests.factories import NotificationFactory, StoryIndexPageFactory, StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "unverified_accounts", "read_notifications", "task_results", "expired_invitations", "hours_of_deleted_accounts",
    "project_files",
]


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def photo(project, entry, uploader):
    return Attachment.objects.create(
        project=project, entry=entry, kind=AttachmentKind.PHOTO, uploaded_by=uploader, content_type="image/jpeg",
        file=SimpleUploadedFile("tuin.jpg", b"\xff\xd8 een foto"), original_name="tuin.jpg", size=12,
    )


def purge(*args) -> dict[str, str]:
    out = StringIO()
    call_command("purge_expired_data", *args, stdout=out)
    return {line.split(":")[0]: line.split(":", 1)[1].split("(")[0].strip() for line in out.getvalue().splitlines()}


@pytest.fixture
def old_data(busy_student, home_page, django_capture_on_commit_callbacks):
    """Something of every kind on both sides of its retention period."""
    people, project = busy_student["people"], busy_student["project"]
    never_confirmed = UserFactory(verified=False)
    User.objects.filter(pk=never_confirmed.pk).update(date_joined=ago(31))
    UserFactory(verified=False)  # signed up today: may still confirm
    confirmed = UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=ago(400))
    User.objects.create_user(email="beheer@example.org", display_name="Beheer", is_staff=True)  # no address at all

    NotificationFactory(recipient=confirmed, read_at=ago(181))
    NotificationFactory(recipient=confirmed, read_at=ago(10))
    NotificationFactory(recipient=confirmed, read_at=None)

    expired = team_invite_email(team=busy_student["team"], actor=people["lead"], email="weg@example.org")
    TeamInvitation.objects.filter(pk=expired.pk).update(expires_at=ago(31))
    team_invite_email(team=busy_student["team"], actor=people["lead"], email="nog-geldig@example.org")

    # The project ended three years ago. Daan left then; his approved hours were kept for grading.
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.COMPLETED, completed_at=ago(3 * 365))
    daan = people["member"]
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=daan, actor=daan)
    # Sanne's photos stay until now; one of them is shown in a live story.
    first, second = busy_student["entries"]
    LogEntry.objects.filter(pk=first.pk).update(shareable=True, consent_at=ago(3 * 365))
    shown, gone = (photo(project, LogEntry.objects.get(pk=entry.pk), people["lead"]) for entry in (first, second))
    StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home_page), project=project, body=[("shared_photo", {"photo": shown})]
    )
    return {**busy_student, "never_confirmed": never_confirmed, "shown": shown, "gone": gone, "daan": daan}


def test_a_dry_run_counts_each_kind_and_changes_nothing(old_data):
    before = (User.objects.count(), Notification.objects.count(), TeamInvitation.objects.count(),
              Attachment.objects.count(), LogHours.objects.count())

    counts = purge("--dry-run")

    assert counts == {
        "unverified_accounts": "would remove 1",
        "read_notifications": "would remove 1",
        "task_results": "would remove 0",
        "expired_invitations": "would remove 1",
        "hours_of_deleted_accounts": "would remove 1",
        "project_files": "would remove 1",
    }
    assert (User.objects.count(), Notification.objects.count(), TeamInvitation.objects.count(),
            Attachment.objects.count(), LogHours.objects.count()) == before


def test_the_purge_removes_what_is_past_its_period_and_a_second_run_nothing(
    old_data, django_capture_on_commit_callbacks
):
    gone, shown = old_data["gone"], old_data["shown"]

    with django_capture_on_commit_callbacks(execute=True):
        first = purge()
    second = purge()

    assert first == {kind: "removed 1" for kind in KINDS if kind != "task_results"} | {"task_results": "removed 0"}
    assert second == {kind: "removed 0" for kind in KINDS}
    assert not User.objects.filter(pk=old_data["never_confirmed"].pk).exists()
    assert User.objects.filter(email="beheer@example.org").exists()
    assert EmailAddress.objects.filter(verified=False).count() == 1
    assert Notification.objects.filter(read_at__isnull=False).count() == 1
    assert not TeamInvitation.objects.filter(email="weg@example.org").exists()
    assert TeamInvitation.objects.filter(email="nog-geldig@example.org").exists()
    assert not LogHours.objects.filter(person=old_data["daan"]).exists()
    assert not Attachment.objects.filter(pk=gone.pk).exists()
    assert not gone.file.storage.exists(gone.file.name)
    assert Attachment.objects.filter(pk=shown.pk).exists()
    assert shown.file.storage.exists(shown.file.name)
