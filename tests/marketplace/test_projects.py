"""A project's working life through its services: the log with its hours, comments and
milestones (and their reminders), delivering, the owner's feedback, the supervisor's review of
hours, completing and stopping; and closing or continuing a challenge. Each change on its
allowed path, from each starting state that forbids it, and by each person who may not make it
(the people of ``project_world``)."""

import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from PIL import Image
from wagtail.models import ModelLogEntry, PageLogEntry, WorkflowState

from accounts.choices import NotificationEmail, NotificationKind
from accounts.models import Notification, NotificationPreference
from marketplace.choices import (
    ApplicationStatus,
    AttachmentKind,
    ChallengeStatus,
    HoursStatus,
    ProjectStatus,
)
from marketplace.files.uploads import clean_upload
from marketplace.models import ChallengePage, Project
from marketplace.models.projects import Attachment, LogComment, LogEntry, LogHours, Milestone
from marketplace.services.applications import application_accept
from marketplace.services.challenges import challenge_close, challenge_draft, challenge_follow_up, challenge_submit
from marketplace.services.errors import MarketplaceError
from marketplace.services.projects import (
    hours_review,
    log_comment_add,
    log_entry_create,
    log_entry_update,
    milestone_add,
    milestone_delete,
    milestone_reminders_send,
    milestone_set_done,
    project_cancel,
    project_complete,
    project_deliver,
    project_feedback,
)
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    TeamFactory,
    TeamMembershipFactory,
    ThemeFactory,
    UserFactory,
)
from tests.marketplace.helpers import PROJECT_PEOPLE, cleaned_photo, fresh, second_project, today

pytestmark = pytest.mark.django_db

TEAM = {"lead", "member"}
OWNERS = {"poster", "organisation_member"}
INSIDERS = TEAM | OWNERS | {"supervisor"}


@pytest.fixture
def people(project_world):
    return {"anonymous": AnonymousUser(), **project_world["people"]}


@pytest.fixture
def project(project_world):
    return project_world["project"]


@pytest.fixture
def challenge(project_world):
    return project_world["challenge"]


@pytest.fixture(autouse=True)
def _private_files_removed(db):
    """Project files land in the private storage; those still listed are removed afterwards."""
    yield
    for attachment in Attachment.objects.all():
        for field in (attachment.file, attachment.thumbnail):
            if field:
                field.storage.delete(field.name)


def others_than(*allowed) -> list[str]:
    """Everyone but the ``allowed`` (keys, or sets of keys such as ``TEAM``)."""
    keep = set()
    for item in allowed:
        keep |= {item} if isinstance(item, str) else item
    return [key for key in PROJECT_PEOPLE if key not in keep]


def logged(obj, action: str):
    """The audit log entry of ``action`` on ``obj`` (the last, if there are several)."""
    if isinstance(obj, ChallengePage):
        return PageLogEntry.objects.filter(page=obj, action=action).order_by("pk").last()
    return ModelLogEntry.objects.for_instance(obj).filter(action=action).order_by("pk").last()


def told(people, kind) -> set[str]:
    """Who of ``people`` got a notification of ``kind``."""
    recipients = set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))
    return {key for key, person in people.items() if person.pk in recipients}


def mailed(people, mailoutbox) -> set[str]:
    addresses = {address for email in mailoutbox for address in email.to}
    return {key for key, person in people.items() if getattr(person, "email", None) in addresses}


def set_status(project, status):
    Project.objects.filter(pk=project.pk).update(status=status)
    project.status = status


def started_days_ago(project, days: int):
    Project.objects.filter(pk=project.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def write(project, actor, *, hours=None, day=None, text="Interviews met bewoners van de Merenwijk.", **kwargs):
    return log_entry_create(
        project=project,
        actor=actor,
        date=day or today(),
        text=text,
        hours={actor.pk: Decimal("3")} if hours is None else hours,
        **kwargs,
    )


def document(original_name="advies.pdf", kind=AttachmentKind.DELIVERABLE):
    upload = SimpleUploadedFile(original_name, b"%PDF-1.4\n% Advies voor de binnentuin\n%%EOF\n",
                                content_type="application/pdf")
    return clean_upload(upload, kind=kind)


def stored(field) -> bool:
    return bool(field) and field.storage.exists(field.name)


def delivered(project, actor) -> Project:
    return project_deliver(
        project=project, actor=actor, summary="Een ontwerp voor de binnentuin.", link="https://example.org/ontwerp"
    )


def with_feedback(project, people) -> Project:
    delivered(project, people["lead"])
    return project_feedback(project=project, actor=people["poster"], rating=5, text="Dank jullie wel!")


# Writing the log


def test_a_team_member_logs_work_with_everyones_hours(project, people):
    lead, member = people["lead"], people["member"]
    entry = write(project, lead, hours={lead.pk: Decimal("3.5"), member.pk: Decimal("2")})
    entry = fresh(entry)
    assert (entry.project, entry.author, entry.date) == (project, lead, today())
    assert entry.text == "Interviews met bewoners van de Merenwijk."
    assert not entry.shareable and entry.consent_at is None
    hours = {row.person: row for row in entry.hours.all()}
    assert {person: row.hours for person, row in hours.items()} == {lead: Decimal("3.5"), member: Decimal("2")}
    assert {row.status for row in hours.values()} == {HoursStatus.PENDING}
    audit = logged(project, "marketplace.log_entry.created")
    assert audit.user == lead and audit.data["entry"] == entry.pk


def test_zero_hours_are_not_stored(project, people):
    lead, member = people["lead"], people["member"]
    entry = write(project, member, hours={lead.pk: Decimal("0"), member.pk: Decimal("1.25"),
                                          people["outsider"].pk: 0})
    assert list(entry.hours.values_list("person", "hours")) == [(member.pk, Decimal("1.25"))]
    without = write(project, member, hours={lead.pk: 0, member.pk: 0})
    assert not without.hours.exists()


def test_only_members_of_the_team_log_work(project, people):
    for who in others_than(TEAM):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only members of the team can log"):
            write(project, people[who], hours={})
    assert not LogEntry.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.LOG_ENTRY).exists()
    assert logged(project, "marketplace.log_entry.created") is None


@pytest.mark.parametrize("who", ["supervisor", "other_student", "poster"])
def test_hours_are_only_for_members_of_the_team(project, people, who):
    lead = people["lead"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="only be logged for members of the team"):
        write(project, lead, hours={lead.pk: Decimal("2"), people[who].pk: Decimal("2")})
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("hours", [Decimal("-1"), Decimal("24.01"), Decimal("25"), Decimal("-0.5")])
def test_hours_are_more_than_0_and_at_most_24(project, people, hours):
    lead = people["lead"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="between 0 and 24"):
        write(project, lead, hours={lead.pk: hours})
    assert not LogEntry.objects.exists()


def test_a_whole_day_of_24_hours_can_be_logged(project, people):
    lead = people["lead"]
    assert write(project, lead, hours={lead.pk: Decimal("24")}).hours.get().hours == Decimal("24")


def test_hours_are_kept_to_the_hundredth_and_a_rounding_to_zero_is_not_stored(project, people):
    """The column keeps two decimals; more must not slip past the checks and hit the database's
    rule (hours > 0) as an error page."""
    lead, member = people["lead"], people["member"]
    entry = write(project, lead, hours={lead.pk: Decimal("0.001"), member.pk: 2.5})
    assert list(entry.hours.values_list("person", "hours")) == [(member.pk, Decimal("2.5"))]


def test_a_persons_hours_on_one_day_add_up_to_24_at_most_across_entries_and_projects(
    project, challenge, people
):
    lead, member = people["lead"], people["member"]
    elsewhere = application_accept(
        application=ApplicationFactory(
            challenge=ChallengePageFactory(parent=challenge.get_parent(), posted_by=people["poster"]),
            team=project.team,
            supervisor=people["supervisor"],
        ),
        actor=people["poster"],
    )
    write(project, lead, hours={lead.pk: Decimal("20")})
    write(elsewhere, member, hours={lead.pk: Decimal("3"), member.pk: Decimal("8")})
    with translation.override("en"), pytest.raises(MarketplaceError) as error:
        write(project, member, hours={lead.pk: Decimal("2"), member.pk: Decimal("1")})
    assert str(error.value).startswith("Sanne de Vries already has 23 hours logged on ")
    assert "a day has at most 24" in str(error.value)
    assert LogEntry.objects.count() == 2

    write(project, member, hours={lead.pk: Decimal("1"), member.pk: Decimal("16")})  # 24 and 24: full days
    started_days_ago(project, 5)
    # Another day is another 24 hours.
    assert write(project, lead, day=today() - datetime.timedelta(days=1), hours={lead.pk: Decimal("10")}).pk


def test_the_day_total_is_in_the_readers_language(project, people):
    lead = people["lead"]
    write(project, lead, hours={lead.pk: Decimal("20.5")})
    with translation.override("nl"), pytest.raises(MarketplaceError) as error:
        write(project, lead, hours={lead.pk: Decimal("4")})
    assert "20,5" in str(error.value)


def test_the_date_is_not_in_the_future_nor_before_the_project_started(project, people):
    lead = people["lead"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="cannot be in the future"):
        write(project, lead, day=today() + datetime.timedelta(days=1))
    with translation.override("en"), pytest.raises(MarketplaceError, match="The project started on"):
        write(project, lead, day=today() - datetime.timedelta(days=1))
    assert not LogEntry.objects.exists()
    started_days_ago(project, 10)
    assert write(project, lead, day=today() - datetime.timedelta(days=10)).date == today() - datetime.timedelta(
        days=10
    )


def test_sharing_an_entry_needs_consent_which_is_recorded(project, people):
    lead = people["lead"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="Confirm that the people shown agreed"):
        write(project, lead, shareable=True, consent=False)
    assert not LogEntry.objects.exists()
    entry = fresh(write(project, lead, shareable=True, consent=True))
    assert entry.shareable and entry.consent_by == lead and entry.consent_at is not None
    private = fresh(write(project, lead, shareable=False, consent=True))
    assert not private.shareable and private.consent_by is None and private.consent_at is None


def test_photos_are_stored_privately_with_their_description(project, people):
    entry = write(project, people["lead"], uploads=[cleaned_photo(), document("plan.pdf", AttachmentKind.FILE)],
                  photo_description="De binnentuin voor de werkdag")
    picture, plan = entry.attachments.order_by("original_name")
    assert (picture.kind, picture.original_name, picture.uploaded_by) == (
        AttachmentKind.PHOTO, "binnentuin.jpg", people["lead"]
    )
    assert picture.description == "De binnentuin voor de werkdag"
    assert plan.kind == AttachmentKind.FILE and plan.description == ""
    assert picture.file.name.startswith(f"projects/{project.pk}/") and "binnentuin" not in picture.file.name
    assert stored(picture.file) and stored(picture.thumbnail) and stored(plan.file)
    with picture.file.open() as kept:
        assert not Image.open(kept).getexif().get_ifd(0x8825)  # no GPS position
    # Outside the public media folder, so never under a public media URL.
    assert Path(picture.file.path).is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not Path(picture.file.path).is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_nothing_is_logged_once_the_project_ended(project, people, status):
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="This project has ended"):
        write(project, people["lead"])
    assert not LogEntry.objects.exists()


def test_a_delivered_project_still_takes_log_entries(project, people):
    delivered(project, people["lead"])
    assert write(project, people["member"]).pk


def test_owners_and_the_supervisor_hear_of_a_log_entry_in_their_daily_summary(
    project, people, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        entry = write(project, people["lead"])
    assert told(people, NotificationKind.LOG_ENTRY) == OWNERS | {"supervisor"}
    notification = Notification.objects.filter(kind=NotificationKind.LOG_ENTRY).first()
    assert notification.actor == people["lead"] and notification.url == entry.get_absolute_url()
    assert mailoutbox == []  # the daily summary, by default

    out = StringIO()
    call_command("send_notification_digests", stdout=out)
    assert "Sent 3 summaries" in out.getvalue()
    assert mailed(people, mailoutbox) == OWNERS | {"supervisor"}
    assert all("Sanne de Vries" in email.body and "De Groene Vleugel" in email.body for email in mailoutbox)


def test_someone_who_chose_right_away_is_mailed_at_once_and_not_again_in_the_summary(
    project, people, django_capture_on_commit_callbacks, mailoutbox
):
    NotificationPreference.objects.create(
        user=people["poster"], kind=NotificationKind.LOG_ENTRY, email=NotificationEmail.IMMEDIATELY
    )
    with django_capture_on_commit_callbacks(execute=True):
        write(project, people["lead"])
    assert mailed(people, mailoutbox) == {"poster"}
    mailoutbox.clear()
    call_command("send_notification_digests", stdout=StringIO())
    assert mailed(people, mailoutbox) == {"organisation_member", "supervisor"}


def test_a_refused_entry_tells_nobody(project, people, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(MarketplaceError):
            write(project, people["lead"], day=today() + datetime.timedelta(days=1))
    assert callbacks == []
    assert not Notification.objects.filter(kind=NotificationKind.LOG_ENTRY).exists()


# Correcting an entry


def test_the_author_corrects_an_entry_and_its_reviewed_hours_wait_for_the_supervisor_again(project, people):
    lead, member, supervisor = people["lead"], people["member"], people["supervisor"]
    entry = write(project, lead, hours={lead.pk: Decimal("3"), member.pk: Decimal("2")})
    hours_review(project=project, actor=supervisor, person=lead, approve=True)
    hours_review(project=project, actor=supervisor, person=member, approve=False, note="Twee uur voor één mail?")

    log_entry_update(entry=entry, actor=lead, date=today(), text="Interviews en een verslag.",
                     hours={lead.pk: Decimal("4"), member.pk: Decimal("1")})
    entry = fresh(entry)
    assert entry.text == "Interviews en een verslag." and entry.edited_at is not None
    assert {row.person_id: (row.hours, row.status, row.reviewed_by) for row in entry.hours.all()} == {
        lead.pk: (Decimal("4"), HoursStatus.PENDING, None),
        member.pk: (Decimal("1"), HoursStatus.PENDING, None),
    }
    audit = logged(project, "marketplace.log_entry.edited")
    assert audit.user == lead
    assert audit.data == {"entry": entry.pk, "hours_back_to_pending": 2, "files_removed": 0}


def test_an_edit_counts_the_entrys_own_hours_once(project, people):
    lead = people["lead"]
    entry = write(project, lead, hours={lead.pk: Decimal("23")})
    log_entry_update(entry=entry, actor=lead, date=today(), text="Een lange dag.", hours={lead.pk: Decimal("24")})
    assert fresh(entry).hours.get().hours == Decimal("24")


def test_only_the_author_changes_an_entry(project, people):
    entry = write(project, people["lead"])
    for who in others_than("lead"):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the author can change"):
            log_entry_update(entry=entry, actor=people[who], date=today(), text="Anders.", hours={})
    entry = fresh(entry)
    assert entry.text == "Interviews met bewoners van de Merenwijk." and entry.edited_at is None
    assert entry.hours.count() == 1
    assert logged(project, "marketplace.log_entry.edited") is None


def test_the_rules_of_writing_hold_for_corrections_too(project, people):
    lead = people["lead"]
    entry = write(project, lead)
    for change, message in [
        ({"date": today() + datetime.timedelta(days=1)}, "cannot be in the future"),
        ({"hours": {lead.pk: Decimal("25")}}, "between 0 and 24"),
        ({"hours": {people["supervisor"].pk: Decimal("1")}}, "only be logged for members"),
        ({"shareable": True}, "Confirm that the people shown agreed"),
    ]:
        arguments = {"entry": entry, "actor": lead, "date": today(), "text": "Anders.", "hours": {}, **change}
        with translation.override("en"), pytest.raises(MarketplaceError, match=message):
            log_entry_update(**arguments)
    assert fresh(entry).text == "Interviews met bewoners van de Merenwijk."
    assert entry.hours.get().hours == Decimal("3")


def test_sharing_consent_is_kept_while_the_entry_stays_shared_and_dropped_when_it_is_not(project, people):
    lead = people["lead"]
    entry = fresh(write(project, lead, shareable=True, consent=True))
    consent_at = entry.consent_at
    log_entry_update(entry=entry, actor=lead, date=today(), text="Anders.", hours={}, shareable=True, consent=True)
    assert fresh(entry).consent_at == consent_at
    log_entry_update(entry=entry, actor=lead, date=today(), text="Anders.", hours={})
    entry = fresh(entry)
    assert not entry.shareable and entry.consent_by is None and entry.consent_at is None


def test_removing_a_photo_deletes_its_files_after_commit(project, people, django_capture_on_commit_callbacks):
    lead = people["lead"]
    entry = write(project, lead, uploads=[cleaned_photo(), cleaned_photo("gevel.jpg")])
    gone, kept = entry.attachments.order_by("original_name")
    gone_file, gone_thumbnail = gone.file.name, gone.thumbnail.name
    storage = gone.file.storage

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        log_entry_update(entry=entry, actor=lead, date=today(), text="Zonder die foto.", hours={lead.pk: 3},
                         remove=[gone.pk])
        assert storage.exists(gone_file)  # nothing deleted before the change is committed
    for callback in callbacks:
        callback()
    assert list(entry.attachments.all()) == [kept]
    assert not storage.exists(gone_file) and not storage.exists(gone_thumbnail)
    assert stored(kept.file)
    assert logged(project, "marketplace.log_entry.edited").data["files_removed"] == 1


def test_a_refused_correction_keeps_the_photo(project, people, django_capture_on_commit_callbacks):
    lead = people["lead"]
    entry = write(project, lead, uploads=[cleaned_photo()])
    attachment = entry.attachments.get()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(MarketplaceError):
        log_entry_update(entry=entry, actor=lead, date=today(), text="x", hours={lead.pk: 30},
                         remove=[attachment.pk])
    assert stored(fresh(attachment).file)


def test_attachments_of_another_entry_cannot_be_removed_through_this_one(project, people):
    lead = people["lead"]
    other = write(project, people["member"], uploads=[cleaned_photo()])
    entry = write(project, lead)
    log_entry_update(entry=entry, actor=lead, date=today(), text="x", hours={},
                     remove=[other.attachments.get().pk])
    assert other.attachments.count() == 1


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_entries_cannot_be_changed_once_the_project_ended(project, people, status):
    lead = people["lead"]
    entry = write(project, lead)
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="until the project ends"):
        log_entry_update(entry=entry, actor=lead, date=today(), text="Te laat.", hours={})
    assert fresh(entry).text == "Interviews met bewoners van de Merenwijk."


# Comments


def test_the_projects_people_comment_and_the_others_in_it_hear_of_it(
    project, people, django_capture_on_commit_callbacks, mailoutbox
):
    entry = write(project, people["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        comment = log_comment_add(entry=entry, actor=people["supervisor"], text="  Mooi begin!  ")
    assert (comment.entry, comment.author, comment.text) == (entry, people["supervisor"], "Mooi begin!")
    assert told(people, NotificationKind.LOG_COMMENT) == TEAM | OWNERS
    assert mailed(people, mailoutbox) == TEAM | OWNERS
    notification = Notification.objects.filter(kind=NotificationKind.LOG_COMMENT).first()
    assert notification.params["message"] == "Mooi begin!"
    assert logged(project, "marketplace.log_comment.created").data == {"entry": entry.pk, "comment": comment.pk}
    for who in INSIDERS:
        log_comment_add(entry=entry, actor=people[who], text="Eens.")
    assert entry.comments.count() == 1 + len(INSIDERS)


def test_only_the_projects_people_comment_not_even_editors_on_a_shared_entry(project, people):
    entry = write(project, people["lead"], shareable=True, consent=True)
    for who in others_than(INSIDERS):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the project's people"):
            log_comment_add(entry=entry, actor=people[who], text="Hallo")
    assert not LogComment.objects.exists()


def test_an_empty_comment_is_refused(project, people):
    entry = write(project, people["lead"])
    with translation.override("en"), pytest.raises(MarketplaceError, match="Write a comment first"):
        log_comment_add(entry=entry, actor=people["member"], text="   ")
    assert not LogComment.objects.exists()


# Milestones


def test_the_team_and_the_supervisor_plan_milestones(project, people):
    due = today() + datetime.timedelta(days=14)
    milestone = milestone_add(project=project, actor=people["lead"], title=" Interviews klaar ", due_date=due)
    assert (milestone.title, milestone.due_date, milestone.created_by) == ("Interviews klaar", due, people["lead"])
    assert logged(project, "marketplace.milestone.created").user == people["lead"]

    milestone_set_done(milestone=milestone, actor=people["member"])
    milestone = fresh(milestone)
    assert milestone.is_done and milestone.done_by == people["member"]
    assert logged(project, "marketplace.milestone.done").user == people["member"]

    milestone_set_done(milestone=milestone, actor=people["supervisor"], done=False)
    milestone = fresh(milestone)
    assert not milestone.is_done and milestone.done_by is None
    assert logged(project, "marketplace.milestone.reopened").user == people["supervisor"]

    milestone_add(project=project, actor=people["supervisor"], title="Presentatie", due_date=due)
    milestone_delete(milestone=milestone, actor=people["supervisor"])
    assert list(project.milestones.values_list("title", flat=True)) == ["Presentatie"]
    audit = logged(project, "marketplace.milestone.deleted")
    assert audit.user == people["supervisor"] and audit.data["title"] == "Interviews klaar"


def test_owners_and_everyone_else_do_not_plan_milestones(project, people):
    milestone = milestone_add(project=project, actor=people["lead"], title="Ontwerp",
                              due_date=today() + datetime.timedelta(days=7))
    for who in others_than(TEAM, "supervisor"):
        person = people[who]
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the team and its supervisor"):
            milestone_add(project=project, actor=person, title="Van mij", due_date=today())
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the team and its supervisor"):
            milestone_set_done(milestone=milestone, actor=person)
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the team and its supervisor"):
            milestone_delete(milestone=milestone, actor=person)
    assert list(Milestone.objects.all()) == [milestone] and not fresh(milestone).is_done


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_milestones_stay_as_they_are_once_the_project_ended(project, people, status):
    milestone = milestone_add(project=project, actor=people["lead"], title="Ontwerp", due_date=today())
    set_status(project, status)
    for change in (
        lambda: milestone_add(project=project, actor=people["lead"], title="Nog één", due_date=today()),
        lambda: milestone_set_done(milestone=milestone, actor=people["lead"]),
        lambda: milestone_delete(milestone=milestone, actor=people["lead"]),
    ):
        with translation.override("en"), pytest.raises(MarketplaceError, match="This project has ended"):
            change()
    assert list(Milestone.objects.all()) == [milestone] and not fresh(milestone).is_done


def test_reminders_go_out_once_for_milestones_due_within_three_days(
    project, people, django_capture_on_commit_callbacks, mailoutbox
):
    day = today()

    def plan(title, days):
        return milestone_add(project=project, actor=people["lead"], title=title,
                             due_date=day + datetime.timedelta(days=days))

    due_today, in_three_days = plan("Vandaag", 0), plan("Over drie dagen", 3)
    plan("Over vier dagen", 4)
    plan("Gisteren", -1)
    milestone_set_done(milestone=plan("Al klaar", 1), actor=people["member"])

    with django_capture_on_commit_callbacks(execute=True):
        assert milestone_reminders_send(today=day, days=3) == 2
    reminders = Notification.objects.filter(kind=NotificationKind.MILESTONE_DUE)
    assert told(people, NotificationKind.MILESTONE_DUE) == TEAM | {"supervisor"}
    assert mailed(people, mailoutbox) == TEAM | {"supervisor"}
    assert sorted({n.params["milestone"] for n in reminders}) == ["Over drie dagen", "Vandaag"]
    assert fresh(due_today).reminded_for == due_today.due_date

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert milestone_reminders_send(today=day, days=3) == 0
    assert mailoutbox == []

    # Moved to another day: a reminder for the new date.
    Milestone.objects.filter(pk=in_three_days.pk).update(due_date=day + datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert milestone_reminders_send(today=day, days=3) == 1
    assert fresh(in_three_days).reminded_for == day + datetime.timedelta(days=2)
    assert milestone_reminders_send(today=day + datetime.timedelta(days=1), days=3) == 1  # "Over vier dagen"


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_no_reminders_for_a_project_that_ended(project, people, status):
    milestone_add(project=project, actor=people["lead"], title="Vandaag", due_date=today())
    set_status(project, status)
    assert milestone_reminders_send(today=today(), days=3) == 0
    assert not Notification.objects.filter(kind=NotificationKind.MILESTONE_DUE).exists()


def test_the_reminder_command_for_cron(project, people, django_capture_on_commit_callbacks, mailoutbox):
    milestone_add(project=project, actor=people["lead"], title="Interviews", due_date=today())
    milestone_add(project=project, actor=people["lead"], title="Ontwerp",
                  due_date=today() + datetime.timedelta(days=6))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_milestone_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent reminders for 1 milestone."
    assert mailed(people, mailoutbox) == TEAM | {"supervisor"}
    out = StringIO()
    call_command("send_milestone_reminders", "--days", "7", stdout=out)
    assert out.getvalue().strip() == "Sent reminders for 1 milestone."
    out = StringIO()
    call_command("send_milestone_reminders", "--days=7", stdout=out)
    assert out.getvalue().strip() == "Sent reminders for 0 milestones."
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("send_milestone_reminders", "--days=-1")


# Delivering


def test_the_team_delivers_and_the_others_hear_of_it(project, people, django_capture_on_commit_callbacks,
                                                      mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_deliver(project=project, actor=people["member"], summary=" Een ontwerp. ",
                                  link="https://example.org/ontwerp")
        assert mailoutbox == []  # nobody hears of it before it is committed
    project = fresh(project)
    assert project.status == ProjectStatus.DELIVERED
    assert (project.deliverable_summary, project.deliverable_link) == ("Een ontwerp.", "https://example.org/ontwerp")
    assert project.delivered_by == people["member"] and project.delivered_at is not None
    assert logged(project, "marketplace.project.delivered").data == {"again": False}
    assert told(people, NotificationKind.DELIVERABLE_SUBMITTED) == {"lead", "supervisor"} | OWNERS
    assert mailed(people, mailoutbox) == {"lead", "supervisor"} | OWNERS


def test_a_deliverable_file_is_stored_privately(project, people):
    project_deliver(project=project, actor=people["lead"], summary="Het advies.", upload=document())
    deliverable = project.attachments.get()
    assert deliverable.kind == AttachmentKind.DELIVERABLE and deliverable.entry is None
    assert deliverable.original_name == "advies.pdf" and stored(deliverable.file)
    assert fresh(project).deliverable_link == ""


@pytest.mark.parametrize(
    ("summary", "link", "message"),
    [("   ", "https://example.org/ontwerp", "Write a short summary"), ("Een ontwerp.", "", "as a file or a link")],
)
def test_delivering_needs_a_summary_and_a_file_or_a_link(project, people, summary, link, message):
    with translation.override("en"), pytest.raises(MarketplaceError, match=message):
        project_deliver(project=project, actor=people["lead"], summary=summary, link=link)
    assert fresh(project).status == ProjectStatus.ACTIVE
    assert logged(project, "marketplace.project.delivered") is None


def test_only_members_of_the_team_deliver(project, people):
    for who in others_than(TEAM):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only members of the team can deliver"):
            delivered(project, people[who])
    assert fresh(project).status == ProjectStatus.ACTIVE


def test_a_better_result_replaces_the_first_until_the_owner_confirmed_receipt(
    project, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project_deliver(project=project, actor=people["lead"], summary="Versie 1.", upload=document("v1.pdf"))
        first = project.attachments.get()
        # Only the summary changes: the file stays.
        project_deliver(project=project, actor=people["lead"], summary="Versie 1, beter uitgelegd.")
        assert list(project.attachments.all()) == [first]
        project_deliver(project=project, actor=people["member"], summary="Versie 2.", upload=document("v2.pdf"))
    second = project.attachments.get()
    assert second.original_name == "v2.pdf" and not first.file.storage.exists(first.file.name)
    project = fresh(project)
    assert project.deliverable_summary == "Versie 2." and project.delivered_by == people["member"]
    assert logged(project, "marketplace.project.delivered").data == {"again": True}

    project_feedback(project=project, actor=people["poster"], rating=4, text="Dank!")
    with translation.override("en"), pytest.raises(MarketplaceError, match="can no longer be changed"):
        project_deliver(project=project, actor=people["lead"], summary="Versie 3.", upload=document("v3.pdf"))
    assert list(project.attachments.values_list("original_name", flat=True)) == ["v2.pdf"]


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_an_ended_project_takes_no_result(project, people, status):
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="can no longer be changed"):
        delivered(project, people["lead"])
    assert fresh(project).status == status


# Feedback


def test_the_owner_confirms_receipt_with_a_rating_and_words(project, people, django_capture_on_commit_callbacks,
                                                            mailoutbox):
    delivered(project, people["lead"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_feedback(project=project, actor=people["organisation_member"], rating=5, text=" Geweldig werk! ")
    project = fresh(project)
    assert (project.feedback_rating, project.feedback_text) == (5, "Geweldig werk!")
    assert project.feedback_by == people["organisation_member"] and project.feedback_at is not None
    assert project.status == ProjectStatus.DELIVERED  # the supervisor still signs it off
    assert logged(project, "marketplace.project.feedback_given").data == {"rating": 5}
    assert told(people, NotificationKind.FEEDBACK_GIVEN) == TEAM | {"supervisor"}
    assert mailed(people, mailoutbox) == TEAM | {"supervisor"}
    assert Notification.objects.filter(kind=NotificationKind.FEEDBACK_GIVEN).first().params["message"] == (
        "Geweldig werk!"
    )


def test_feedback_is_given_once_and_only_after_delivery(project, people):
    with translation.override("en"), pytest.raises(MarketplaceError, match="once the team has delivered"):
        project_feedback(project=project, actor=people["poster"], rating=4, text="Alvast dank.")
    with_feedback(project, people)
    with translation.override("en"), pytest.raises(MarketplaceError, match="only once"):
        project_feedback(project=project, actor=people["organisation_member"], rating=1, text="Toch niet.")
    assert fresh(project).feedback_rating == 5


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_no_feedback_on_an_ended_project(project, people, status):
    delivered(project, people["lead"])
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="once the team has delivered"):
        project_feedback(project=project, actor=people["poster"], rating=4, text="Dank.")


@pytest.mark.parametrize(
    ("rating", "text", "message"),
    [(0, "Dank!", "rating from 1 to 5"), (6, "Dank!", "rating from 1 to 5"), (None, "Dank!", "rating from 1 to 5"),
     (3, "  ", "a few words of feedback")],
)
def test_feedback_needs_a_rating_from_1_to_5_and_words(project, people, rating, text, message):
    delivered(project, people["lead"])
    with translation.override("en"), pytest.raises(MarketplaceError, match=message):
        project_feedback(project=project, actor=people["poster"], rating=rating, text=text)
    assert fresh(project).feedback_at is None


def test_only_the_owners_give_feedback(project, people):
    delivered(project, people["lead"])
    for who in others_than(OWNERS):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the people who manage"):
            project_feedback(project=project, actor=people[who], rating=5, text="Top!")
    assert fresh(project).feedback_at is None


# Hours


def test_the_supervisor_approves_or_disputes_each_students_hours(
    project, people, django_capture_on_commit_callbacks, mailoutbox
):
    lead, member, supervisor = people["lead"], people["member"], people["supervisor"]
    write(project, lead, hours={lead.pk: Decimal("3"), member.pk: Decimal("2")})
    write(project, member, hours={member.pk: Decimal("4")})

    with django_capture_on_commit_callbacks(execute=True):
        assert hours_review(project=project, actor=supervisor, person=lead, approve=True) == 1
    rows = LogHours.objects.filter(person=lead)
    assert [(r.status, r.reviewed_by, r.review_note) for r in rows] == [(HoursStatus.APPROVED, supervisor, "")]
    assert logged(project, "marketplace.hours.approved").data == {"student": lead.pk, "entries": 1, "note": ""}
    assert told(people, NotificationKind.HOURS_REVIEWED) == {"lead"} and mailed(people, mailoutbox) == {"lead"}
    assert Notification.objects.get(kind=NotificationKind.HOURS_REVIEWED).params["outcome"] == "approved"

    with translation.override("en"), pytest.raises(MarketplaceError, match="Say what is unclear"):
        hours_review(project=project, actor=supervisor, person=member, approve=False, note="  ")
    assert set(LogHours.objects.filter(person=member).values_list("status", flat=True)) == {HoursStatus.PENDING}

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert hours_review(project=project, actor=supervisor, person=member, approve=False,
                            note="Vier uur voor één gesprek?") == 2
    assert set(LogHours.objects.filter(person=member).values_list("status", "review_note")) == {
        (HoursStatus.DISPUTED, "Vier uur voor één gesprek?")
    }
    assert logged(project, "marketplace.hours.disputed").data == {
        "student": member.pk, "entries": 2, "note": "Vier uur voor één gesprek?"
    }
    disputed = Notification.objects.get(kind=NotificationKind.HOURS_REVIEWED, recipient=member)
    assert (disputed.params["outcome"], disputed.params["message"]) == ("disputed", "Vier uur voor één gesprek?")
    assert mailed(people, mailoutbox) == {"member"}

    # Approving covers what was disputed; there is nothing left to approve after that.
    assert hours_review(project=project, actor=supervisor, person=member, approve=True) == 2
    with translation.override("en"), pytest.raises(MarketplaceError, match="no hours of this student"):
        hours_review(project=project, actor=supervisor, person=member, approve=True)
    # Disputing covers only what waits: hours approved before stay approved.
    with translation.override("en"), pytest.raises(MarketplaceError, match="no hours of this student"):
        hours_review(project=project, actor=supervisor, person=lead, approve=False, note="Toch even kijken.")
    write(project, lead, hours={lead.pk: Decimal("2")})
    assert hours_review(project=project, actor=supervisor, person=lead, approve=False, note="Welke dag?") == 1
    assert sorted(LogHours.objects.filter(person=lead).values_list("status", flat=True)) == [
        HoursStatus.APPROVED, HoursStatus.DISPUTED
    ]


def test_only_the_supervisor_reviews_hours(project, people):
    lead = people["lead"]
    write(project, lead)
    for who in others_than("supervisor"):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the supervisor can approve"):
            hours_review(project=project, actor=people[who], person=lead, approve=True)
    assert LogHours.objects.get().status == HoursStatus.PENDING


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_hours_of_an_ended_project_stay_as_they_are(project, people, status):
    write(project, people["lead"])
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="can no longer be changed"):
        hours_review(project=project, actor=people["supervisor"], person=people["lead"], approve=True)
    assert LogHours.objects.get().status == HoursStatus.PENDING


# Completing


def test_the_supervisor_completes_the_project_and_its_challenge_once_every_project_is_done(
    project, challenge, people, django_capture_on_commit_callbacks, mailoutbox
):
    write(project, people["lead"])
    with_feedback(project, people)
    hours_review(project=project, actor=people["supervisor"], person=people["lead"], approve=False, note="Welke?")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_complete(project=project, actor=people["supervisor"])  # disputed hours do not hold it up
    project = fresh(project)
    assert project.status == ProjectStatus.COMPLETED
    assert project.completed_by == people["supervisor"] and project.completed_at is not None
    assert logged(project, "marketplace.project.completed").user == people["supervisor"]
    assert told(people, NotificationKind.PROJECT_CLOSED) == TEAM | OWNERS
    assert {n.params["outcome"] for n in Notification.objects.filter(kind=NotificationKind.PROJECT_CLOSED)} == {
        "completed"
    }
    assert told(people, NotificationKind.STORY_WAITING) == {"editor"}
    assert mailed(people, mailoutbox) == TEAM | OWNERS | {"editor"}

    assert fresh(challenge).status == ChallengeStatus.COMPLETED
    assert logged(challenge, "marketplace.challenge.completed").user == people["supervisor"]


def test_a_second_running_project_keeps_the_challenge_in_progress(project, challenge, people):
    other = second_project(challenge)
    with_feedback(project, people)
    project_complete(project=project, actor=people["supervisor"])
    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS
    assert logged(challenge, "marketplace.challenge.completed") is None
    # The other team stops: what is left is completed, and so is the challenge.
    project_cancel(project=other, actor=people["poster"], reason="Het team is uit elkaar.")
    assert fresh(challenge).status == ChallengeStatus.COMPLETED


@pytest.mark.parametrize(("deadline_days", "expected"), [(-1, ChallengeStatus.COMPLETED), (0, ChallengeStatus.OPEN)])
def test_a_challenge_with_places_left_is_completed_only_after_its_deadline(
    project, challenge, people, deadline_days, expected
):
    """No more teams can come once the deadline passed: what was chosen is all there is."""
    ChallengePage.objects.filter(pk=challenge.pk).update(
        status=ChallengeStatus.OPEN, team_capacity=2,
        application_deadline=today() + datetime.timedelta(days=deadline_days),
    )
    with_feedback(project, people)
    project_complete(project=project, actor=people["supervisor"])
    assert fresh(challenge).status == expected


def test_completing_waits_for_delivery_feedback_and_every_hour_reviewed(project, people):
    supervisor = people["supervisor"]
    write(project, people["lead"], hours={people["lead"].pk: 2, people["member"].pk: 2})
    with translation.override("en"), pytest.raises(MarketplaceError, match="after the team delivered"):
        project_complete(project=project, actor=supervisor)
    delivered(project, people["lead"])
    with translation.override("en"), pytest.raises(MarketplaceError, match="after the team delivered"):
        project_complete(project=project, actor=supervisor)
    project_feedback(project=project, actor=people["poster"], rating=4, text="Dank.")
    hours_review(project=project, actor=supervisor, person=people["lead"], approve=True)
    with translation.override("en"), pytest.raises(MarketplaceError, match="Approve or dispute every student"):
        project_complete(project=project, actor=supervisor)
    assert fresh(project).status == ProjectStatus.DELIVERED
    hours_review(project=project, actor=supervisor, person=people["member"], approve=True)
    project_complete(project=project, actor=supervisor)
    assert fresh(project).status == ProjectStatus.COMPLETED


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_an_ended_project_is_not_completed_again(project, people, status):
    with_feedback(project, people)
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="after the team delivered"):
        project_complete(project=project, actor=people["supervisor"])
    assert logged(project, "marketplace.project.completed") is None


def test_only_the_supervisor_completes_a_supervised_project(project, people):
    with_feedback(project, people)
    for who in others_than("supervisor"):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the supervisor can mark"):
            project_complete(project=project, actor=people[who])
    assert fresh(project).status == ProjectStatus.DELIVERED


def test_without_a_supervisor_the_owner_completes_even_with_logged_hours(project, people):
    """Nobody can approve the hours of a project without a supervisor; they must not keep it
    from being completed."""
    Project.objects.filter(pk=project.pk).update(supervisor=None)
    project = fresh(project)
    write(project, people["lead"])
    with_feedback(project, people)
    with translation.override("en"), pytest.raises(MarketplaceError, match="Only the supervisor"):
        project_complete(project=project, actor=people["lead"])
    project_complete(project=project, actor=people["organisation_member"])
    assert fresh(project).status == ProjectStatus.COMPLETED


# Stopping


@pytest.mark.parametrize("who", ["poster", "organisation_member", "supervisor"])
def test_the_owner_or_the_supervisor_stops_a_project_saying_why(
    project, challenge, people, who, django_capture_on_commit_callbacks, mailoutbox
):
    delivered(project, people["lead"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_cancel(project=project, actor=people[who], reason=" De tuin wordt toch bestraat. ")
    project = fresh(project)
    assert project.status == ProjectStatus.CANCELLED
    assert project.cancel_reason == "De tuin wordt toch bestraat."
    assert project.cancelled_by == people[who] and project.cancelled_at is not None
    assert logged(project, "marketplace.project.cancelled").user == people[who]
    assert told(people, NotificationKind.PROJECT_CLOSED) == INSIDERS - {who}
    assert mailed(people, mailoutbox) == INSIDERS - {who}
    notification = Notification.objects.filter(kind=NotificationKind.PROJECT_CLOSED).first()
    assert (notification.params["outcome"], notification.params["message"]) == (
        "cancelled", "De tuin wordt toch bestraat."
    )
    assert not Notification.objects.filter(kind=NotificationKind.STORY_WAITING).exists()


def test_a_full_challenge_opens_again_when_its_project_stops_before_the_deadline(project, challenge, people):
    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS
    project_cancel(project=project, actor=people["poster"], reason="Het team valt uit elkaar.")
    assert fresh(challenge).status == ChallengeStatus.OPEN
    assert logged(challenge, "marketplace.challenge.reopened").user == people["poster"]


def test_after_the_deadline_a_stopped_project_leaves_the_challenge_to_its_owner(project, challenge, people):
    ChallengePage.objects.filter(pk=challenge.pk).update(application_deadline=today() - datetime.timedelta(days=1))
    project_cancel(project=project, actor=people["poster"], reason="Het team valt uit elkaar.")
    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS
    challenge_close(challenge=fresh(challenge), actor=people["poster"], reason="Geen nieuw team meer gevonden.")
    assert fresh(challenge).status == ChallengeStatus.CLOSED


def test_stopping_needs_a_reason(project, people):
    with translation.override("en"), pytest.raises(MarketplaceError, match="Say why the project stops"):
        project_cancel(project=project, actor=people["poster"], reason="  ")
    assert fresh(project).status == ProjectStatus.ACTIVE


def test_only_the_owner_or_the_supervisor_stops_a_project(project, people):
    for who in others_than(OWNERS, "supervisor"):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the challenge's owner"):
            project_cancel(project=project, actor=people[who], reason="Geen zin meer.")
    assert fresh(project).status == ProjectStatus.ACTIVE


@pytest.mark.parametrize("status", [ProjectStatus.COMPLETED, ProjectStatus.CANCELLED])
def test_an_ended_project_cannot_be_stopped(project, people, status):
    set_status(project, status)
    with translation.override("en"), pytest.raises(MarketplaceError, match="already ended"):
        project_cancel(project=project, actor=people["poster"], reason="Nogmaals.")
    assert fresh(project).cancel_reason == ""


# Closing a challenge


@pytest.fixture
def open_challenge(challenge, people):
    """The challenge with room for three teams: the project of ``project_world`` running, and
    two applications still open."""
    ChallengePage.objects.filter(pk=challenge.pk).update(team_capacity=3, status=ChallengeStatus.OPEN)
    submitted = ApplicationFactory(challenge=challenge, team=TeamFactory(name="Stille Tuinen"))
    TeamMembershipFactory(team=submitted.team, user=UserFactory(display_name="Yasmin Bouzid"))
    waiting = ApplicationFactory(
        challenge=challenge, team=TeamFactory(name="Groen Doen"), supervisor=people["other_lecturer"],
        status=ApplicationStatus.AWAITING_ENDORSEMENT, submitted_at=None,
    )
    TeamMembershipFactory(team=waiting.team, user=UserFactory(display_name="Tim de Wit"))
    withdrawn = ApplicationFactory(challenge=challenge, team=TeamFactory(), status=ApplicationStatus.WITHDRAWN)
    return {"challenge": fresh(challenge), "open": [submitted, waiting], "withdrawn": withdrawn}


def test_the_owner_closes_a_challenge_stopping_its_projects_and_declining_open_applications(
    project, people, open_challenge, django_capture_on_commit_callbacks, mailoutbox
):
    challenge = open_challenge["challenge"]
    reason = "De gemeente pakt de binnentuin zelf aan."
    last = Notification.objects.order_by("pk").last().pk
    with django_capture_on_commit_callbacks(execute=True):
        challenge_close(challenge=challenge, actor=people["organisation_member"], reason=f"  {reason} ")

    challenge = fresh(challenge)
    assert (challenge.status, challenge.closed_reason) == (ChallengeStatus.CLOSED, reason)
    assert logged(challenge, "marketplace.challenge.closed").user == people["organisation_member"]

    project = fresh(project)
    assert (project.status, project.cancel_reason) == (ProjectStatus.CANCELLED, reason)
    assert logged(project, "marketplace.project.cancelled").user == people["organisation_member"]
    assert told(people, NotificationKind.PROJECT_CLOSED) == TEAM | {"supervisor", "poster"}

    for application in open_challenge["open"]:
        application = fresh(application)
        assert (application.status, application.decision_message) == (ApplicationStatus.DECLINED, reason)
        assert application.decided_by == people["organisation_member"]
        assert logged(application, "marketplace.application.declined").data == {"reason": "challenge_closed"}
    assert fresh(open_challenge["withdrawn"]).status == ApplicationStatus.WITHDRAWN
    decisions = Notification.objects.filter(kind=NotificationKind.APPLICATION_DECISION, pk__gt=last)
    assert set(decisions.values_list("recipient__display_name", flat=True)) == {
        "Yasmin Bouzid", "Tim de Wit", "Jan Smit"
    }
    assert {(n.params["outcome"], n.params["message"]) for n in decisions} == {("declined", reason)}
    addresses = {address for email in mailoutbox for address in email.to}
    assert {m.user.email for a in open_challenge["open"] for m in a.team.memberships.all()} <= addresses


def test_a_filled_challenge_can_be_closed_too(project, challenge, people):
    assert fresh(challenge).status == ChallengeStatus.IN_PROGRESS
    challenge_close(challenge=challenge, actor=people["poster"], reason="Het budget is op.")
    assert fresh(challenge).status == ChallengeStatus.CLOSED
    assert fresh(project).status == ProjectStatus.CANCELLED


def test_a_completed_project_stays_completed_when_its_challenge_closes(project, challenge, people):
    second_project(challenge)
    with_feedback(project, people)
    project_complete(project=project, actor=people["supervisor"])
    challenge_close(challenge=challenge, actor=people["poster"], reason="Genoeg gedaan.")
    assert fresh(project).status == ProjectStatus.COMPLETED
    assert set(challenge.projects.values_list("status", flat=True)) == {ProjectStatus.COMPLETED,
                                                                        ProjectStatus.CANCELLED}


def test_closing_needs_a_reason(project, people, open_challenge):
    challenge = open_challenge["challenge"]
    with translation.override("en"), pytest.raises(MarketplaceError, match="Say why the challenge closes"):
        challenge_close(challenge=challenge, actor=people["poster"], reason=" ")
    assert fresh(challenge).status == ChallengeStatus.OPEN
    assert fresh(project).status == ProjectStatus.ACTIVE
    assert fresh(open_challenge["open"][0]).status == ApplicationStatus.SUBMITTED


def test_only_the_owners_close_a_challenge(project, people, open_challenge):
    challenge = open_challenge["challenge"]
    for who in others_than(OWNERS):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the people who manage"):
            challenge_close(challenge=challenge, actor=people[who], reason="Weg ermee.")
    assert fresh(challenge).status == ChallengeStatus.OPEN
    assert fresh(project).status == ProjectStatus.ACTIVE


@pytest.mark.parametrize("status", [ChallengeStatus.COMPLETED, ChallengeStatus.CLOSED])
def test_a_completed_or_closed_challenge_is_not_closed_again(challenge, people, status):
    ChallengePage.objects.filter(pk=challenge.pk).update(status=status, closed_reason="Eerder.")
    with translation.override("en"), pytest.raises(MarketplaceError, match="already been completed or closed"):
        challenge_close(challenge=challenge, actor=people["poster"], reason="Nogmaals.")
    assert fresh(challenge).closed_reason == "Eerder."


# Continuing a challenge in a next semester


def completed(challenge):
    ChallengePage.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.COMPLETED)
    return fresh(challenge)


def test_the_owner_continues_a_completed_challenge_as_a_draft_for_review(challenge, people):
    themes = [ThemeFactory(), ThemeFactory()]
    challenge.themes.set(themes)
    challenge.save()
    challenge = completed(challenge)

    draft = challenge_follow_up(challenge=challenge, actor=people["organisation_member"])
    draft = fresh(draft)
    assert not draft.live and draft.follows == challenge
    assert draft.get_parent() == challenge.get_parent() and draft.slug != challenge.slug
    for name in ["title", "summary", "description", "outcome", "neighbourhood", "organisation", "team_capacity",
                 "team_size_min", "team_size_max", "level_hbo"]:
        assert getattr(draft, name) == getattr(challenge, name), name
    # The colleague who carries it on is the contact now; the poster's details are not passed on.
    colleague = people["organisation_member"]
    assert (draft.contact_name, draft.contact_email, draft.contact_phone) == (
        colleague.display_name, colleague.email, ""
    )
    assert set(challenge_draft(draft).themes.all()) == set(themes)  # in the draft, as for any new challenge
    assert draft.posted_by == people["organisation_member"]
    assert draft.status == ChallengeStatus.OPEN and draft.closed_reason == ""
    assert today() < draft.application_deadline < draft.period_start < draft.period_end
    assert (draft.period_end - draft.period_start) == (challenge.period_end - challenge.period_start)
    assert logged(challenge, "marketplace.challenge.continued").data == {"follow_up": draft.pk}
    assert logged(draft, "marketplace.challenge.created").user == people["organisation_member"]

    # Like any challenge, it is public only after the editors approved it.
    assert draft not in ChallengePage.objects.live()
    state = challenge_submit(challenge=draft, actor=people["organisation_member"])
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not fresh(draft).live


def test_a_follow_up_by_the_poster_who_is_not_in_the_organisation_is_their_own(challenge, people):
    draft = challenge_follow_up(challenge=completed(challenge), actor=people["poster"])
    assert draft.organisation is None and draft.posted_by == people["poster"]
    assert (draft.contact_email, draft.contact_phone) == (challenge.contact_email, challenge.contact_phone)


@pytest.mark.parametrize("status", [ChallengeStatus.OPEN, ChallengeStatus.IN_PROGRESS, ChallengeStatus.CLOSED])
def test_only_a_completed_challenge_is_continued(challenge, people, status):
    ChallengePage.objects.filter(pk=challenge.pk).update(status=status)
    count = ChallengePage.objects.count()
    with translation.override("en"), pytest.raises(MarketplaceError, match="once it is completed"):
        challenge_follow_up(challenge=fresh(challenge), actor=people["poster"])
    assert ChallengePage.objects.count() == count


def test_only_the_owners_continue_a_challenge(challenge, people):
    challenge = completed(challenge)
    count = ChallengePage.objects.count()
    for who in others_than(OWNERS):
        with translation.override("en"), pytest.raises(MarketplaceError, match="Only the people who manage"):
            challenge_follow_up(challenge=challenge, actor=people[who])
    assert ChallengePage.objects.count() == count


# The database's own rules


def test_the_database_refuses_hours_outside_0_to_24(project, people):
    entry = write(project, people["lead"], hours={})
    for hours in (Decimal("24.5"), Decimal("0"), Decimal("-1")):
        with pytest.raises(IntegrityError), transaction.atomic():
            LogHours.objects.create(entry=entry, person=people["lead"], hours=hours)
    assert not LogHours.objects.exists()


def test_the_database_keeps_one_hours_row_per_person_per_entry(project, people):
    entry = write(project, people["lead"])
    with pytest.raises(IntegrityError), transaction.atomic():
        LogHours.objects.create(entry=entry, person=people["lead"], hours=Decimal("1"))
    LogHours.objects.create(entry=entry, person=people["member"], hours=Decimal("1"))


def test_the_database_refuses_a_shared_entry_without_consent(project, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        LogEntry.objects.create(project=project, author=people["lead"], date=today(), text="x", shareable=True)
    LogEntry.objects.create(project=project, author=people["lead"], date=today(), text="x", shareable=True,
                            consent_at=timezone.now())


def test_the_database_refuses_a_rating_outside_1_to_5(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(feedback_rating=6)

