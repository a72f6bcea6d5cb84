from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.utils import timezone
from PIL import ExifTags, Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, TaskState, WorkflowState

from accounts.choices import NotificationKind
from accounts.models import Institution, LecturerApproval, Notification, User
from accounts.selectors import has_mfa, user_roles
from cms.models import NavigationSettings, StoryIndexPage, StoryPage
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.projects import Photo, _photo_upload
from marketplace.choices import ApplicationStatus, AttachmentKind, ChallengeStatus, HoursStatus, ProjectStatus
from marketplace.models import (
    Application,
    Attachment,
    ChallengePage,
    LogComment,
    LogEntry,
    LogHours,
    Milestone,
    Neighbourhood,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Project,
    Supervision,
    Team,
    TeamInvitation,
    TeamMembership,
    Theme,
)
from marketplace.services.projects import milestone_reminders_send
from tests.accounts.helpers import totp_code

pytestmark = pytest.mark.django_db

MODELS = [User, EmailAddress, Institution, LecturerApproval, Neighbourhood, Theme, Organisation,
          OrganisationMembership, OrganisationInvitation, Page, Revision, Team, TeamMembership, TeamInvitation,
          Supervision, Application, Project, Notification, LogEntry, Attachment, LogComment, Milestone, LogHours,
          WagtailImage, WorkflowState, TaskState, PageLogEntry]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    passwords = dict(User.objects.values_list("email", "password"))
    projects = dict(Project.objects.values_list("pk", "status"))
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first
    assert dict(User.objects.values_list("email", "password")) == passwords
    assert dict(Project.objects.values_list("pk", "status")) == projects


def test_seed_demo_gives_every_role_a_verified_login():
    call_command("seed_demo", stdout=StringIO())
    assert Neighbourhood.objects.count() == 10
    assert Theme.objects.count() == 3
    users = {account.key: User.objects.get(email=account.email) for account in DEMO_ACCOUNTS}
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
    assert [i.short_name for i in user_roles(users["student_ul"]).student_of] == ["UL"]
    assert [i.short_name for i in user_roles(users["student_hsl"]).student_of] == ["HSL"]
    assert [i.short_name for i in user_roles(users["student_mbo"]).student_of] == ["mboRijnland"]
    assert [i.short_name for i in user_roles(users["lecturer"]).lecturer_of] == ["HSL"]
    assert user_roles(users["editor"]).is_editor
    assert user_roles(users["broker"]).is_broker
    assert OrganisationMembership.objects.filter(user=users["organisation"]).exists()


def test_seed_demo_turns_two_step_login_on_for_those_who_need_it_and_prints_the_key():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    with_mfa = {
        account.key for account in DEMO_ACCOUNTS if has_mfa(User.objects.get(email=account.email))
    }
    assert with_mfa == {"lecturer", "editor", "broker", "admin"}
    lecturer = Authenticator.objects.get(user__email="demo.docent@hsleiden.nl", type=Authenticator.Type.TOTP)
    assert lecturer.wrap().validate_code(totp_code(DEMO_TOTP_SECRET))
    assert DEMO_TOTP_SECRET in out.getvalue()
    assert "demo.docent@hsleiden.nl  (two-step login)" in out.getvalue()


def test_seed_demo_has_applications_in_every_state():
    call_command("seed_demo", stdout=StringIO())
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert Project.objects.count() == 4
    assert not user_roles(User.objects.get(email="demo.student@umail.leidenuniv.nl")).lecturer_candidate_of


def test_seed_demo_has_projects_in_every_state_with_their_work():
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    projects = {project.status: project for project in Project.objects.select_related("challenge", "supervisor")}
    assert set(projects) == set(ProjectStatus.values)
    for project in projects.values():
        assert project.log_entries.exists()
        start = timezone.localtime(project.created_at).date()
        assert all(start <= entry.date <= today for entry in project.log_entries.all())

    active = projects[ProjectStatus.ACTIVE]
    assert active.challenge.slug == "speeltuin-morsdistrict"
    assert active.log_entries.values("author").distinct().count() == 2
    assert LogHours.objects.filter(entry__project=active).values("person").distinct().count() == 2
    assert active.attachments.filter(kind=AttachmentKind.PHOTO).count() == 2
    assert active.attachments.filter(kind=AttachmentKind.FILE, content_type="application/pdf").exists()
    assert LogComment.objects.filter(entry__project=active, author=active.challenge.posted_by).exists()
    assert active.log_entries.filter(shareable=True, consent_at__isnull=False).exists()
    milestones = list(active.milestones.all())
    assert any(m.is_done for m in milestones)
    assert any(m.is_overdue(today) for m in milestones)
    assert any(m.is_upcoming(today, days=3) for m in milestones)
    assert milestone_reminders_send(today=today) >= 1

    delivered = projects[ProjectStatus.DELIVERED]
    assert delivered.deliverable_summary and delivered.deliverable_link
    assert delivered.feedback_at is None
    assert LogComment.objects.filter(entry__project=delivered, author=delivered.supervisor).exists()

    completed = projects[ProjectStatus.COMPLETED]
    assert completed.feedback_rating == 5 and completed.feedback_text
    assert completed.attachments.filter(kind=AttachmentKind.DELIVERABLE).exists()
    assert set(LogHours.objects.filter(entry__project=completed).values_list("status", flat=True)) == {
        HoursStatus.APPROVED
    }
    assert ModelLogEntry.objects.filter(action="marketplace.hours.disputed", object_id=str(completed.pk)).exists()
    assert completed.log_entries.filter(edited_at__isnull=False).exists()
    assert ChallengePage.objects.get(pk=completed.challenge_id).status == ChallengeStatus.COMPLETED

    cancelled = projects[ProjectStatus.CANCELLED]
    assert cancelled.cancel_reason and cancelled.cancelled_by == cancelled.supervisor
    closed = ChallengePage.objects.filter(status=ChallengeStatus.CLOSED)
    assert closed.exists() and all(challenge.closed_reason for challenge in closed)

    # The demo's photos arrive with a phone's camera and location data; none of it is stored.
    with Image.open(_photo_upload(Photo("playground", 1, "test.jpg"), days_ago=1)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photos = Attachment.objects.filter(kind=AttachmentKind.PHOTO)
    assert photos.count() >= 4
    for photo in photos:
        for stored in (photo.file, photo.thumbnail):
            with stored.open("rb") as handle, Image.open(handle) as image:
                assert not image.getexif() and "exif" not in image.info


def test_seed_demo_has_stories_through_the_sign_off_workflow():
    call_command("seed_demo", stdout=StringIO())
    index = StoryIndexPage.objects.get()
    assert index.live and index.slug == "verhalen" and index.title_en == "Stories" and index.intro_en
    menu = [link.value for link in NavigationSettings.load().links]
    assert [(link["label"], link["label_en"]) for link in menu if link["page"] and link["page"].pk == index.pk] == [
        ("Verhalen", "Stories")
    ]

    stories = {story.slug: story for story in StoryPage.objects.child_of(index).specific()}
    assert len(stories) == 3
    for story in stories.values():
        assert story.body and story.body_en and story.title_en and story.intro_en
        assert story.hero_image.width == 1600 and story.hero_alt and story.hero_alt_en
        assert story.authors.startswith("Tekst: ")
    live = {slug for slug, story in stories.items() if story.live}
    assert len(live) == 2

    # The project story was confirmed by the challenge's owner, then published by an editor.
    rain = stories["regen-in-de-straat"]
    assert rain.live and rain.project.status == ProjectStatus.COMPLETED
    assert rain.challenge_id == rain.project.challenge_id and rain.neighbourhood_id
    states = TaskState.objects.filter(workflow_state__object_id=str(rain.pk)).order_by("started_at", "pk")
    assert [(state.status, state.finished_by) for state in states] == [
        (TaskState.STATUS_APPROVED, rain.challenge.posted_by),
        (TaskState.STATUS_APPROVED, User.objects.get(email="redactie@example.org")),
    ]
    photos = rain.shared_photos()
    assert photos and all(photo.project_id == rain.project_id and photo.is_shared for photo in photos)
    assert any(block.block_type == "quote" for block in rain.body)

    # The theme story is about no challenge: only the editors' task published it.
    heritage = stories["erfgoed-om-de-hoek"]
    assert heritage.live and heritage.project is None and heritage.challenge is None
    assert heritage.date < rain.date

    # The oral-history story waits for the organisation that posted the challenge.
    waiting = stories["draad-en-dekens"]
    assert not waiting.live and waiting.project.status == ProjectStatus.DELIVERED
    sign_off = waiting.get_owner_sign_off()
    assert sign_off is not None and sign_off.challenge_id == waiting.project.challenge_id
    owner = User.objects.get(email="wijkvereniging@example.org")
    asked = Notification.objects.filter(recipient=owner, kind=NotificationKind.STORY_SIGN_OFF, read_at__isnull=True)
    assert asked.exists()
