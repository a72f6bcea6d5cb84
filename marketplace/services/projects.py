"""A project's working life: log entries with hours, photos and files, comments, milestones,
the deliverable, the owner's feedback, the supervisor's sign-off of hours and completion.

Photos and files reach these functions already checked and cleaned (``marketplace.uploads``):
forms turn a bad file into a message on the field, services only store what passed."""

from collections.abc import Iterable, Mapping
from datetime import date as date_type
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from marketplace.choices import (
    HOURS_APPROVE_COVERS,
    HOURS_DISPUTE_COVERS,
    AttachmentKind,
    ChallengeStatus,
    ContentLanguage,
    HoursStatus,
    ProjectStatus,
)
from marketplace.models import Attachment, ChallengePage, LogComment, LogEntry, LogHours, Milestone, Project
from marketplace.models.projects import MAX_HOURS_A_DAY, RUNNING_PROJECT_STATUSES
from marketplace.notifications.projects import (
    hours_reviewed,
    log_comment_added,
    log_entry_created,
    milestone_due,
    project_closed,
    project_delivered,
    project_feedback_given,
)
from marketplace.permissions import can_complete_project, can_edit_log_entry, project_access
from marketplace.selectors.challenges import challenge_taken_places
from marketplace.services.challenge_status import challenge_status_change
from marketplace.services.errors import MarketplaceError
from marketplace.services.files import files_removed_on_failure, store_upload

HOURS_STEP = Decimal("0.01")


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update(of=("self",)).select_related("challenge", "team").get(pk=project.pk)


def _running(project: Project) -> None:
    if not project.is_running():
        raise MarketplaceError(_("This project has ended; nothing can be added to it any more."))


# Log entries


def _check_hours(
    *, project: Project, day: date_type, hours: Mapping[int, Decimal], entry: LogEntry | None = None
) -> dict[int, Decimal]:
    """The hours worth storing (more than 0), after checking the rules: only the team's
    members, at most 24 a person a day counting every entry of that day in any project."""
    # Rounded as the column stores them, so what is checked is what is kept (0.001 is nothing).
    rounded = {person_id: Decimal(str(value or 0)).quantize(HOURS_STEP) for person_id, value in hours.items()}
    given = {person_id: value for person_id, value in rounded.items() if value}
    members = set(project.team.memberships.values_list("user_id", flat=True))
    if set(given) - members:
        raise MarketplaceError(_("Hours can only be logged for members of the team."))
    for value in given.values():
        if value < 0 or value > MAX_HOURS_A_DAY:
            raise MarketplaceError(_("Hours must be between 0 and 24."))
    if not given:
        return given
    already = (
        LogHours.objects.filter(person_id__in=given, entry__date=day)
        .exclude(entry=entry)
        .values("person_id", "person__display_name")
        .annotate(total=Sum("hours"))
    )
    for row in already:
        if row["total"] + given[row["person_id"]] > MAX_HOURS_A_DAY:
            raise MarketplaceError(
                _("%(name)s already has %(hours)s hours logged on %(date)s; a day has at most 24.")
                % {
                    "name": row["person__display_name"],
                    "hours": number_format(row["total"].normalize()),
                    "date": date_format(day),
                }
            )
    return given


def _language(language: str) -> str:
    if language not in ContentLanguage.values:
        raise MarketplaceError(_("Choose the language you write in."))
    return language


def _check_date(project: Project, day: date_type) -> None:
    today = timezone.localdate()
    if day > today:
        raise MarketplaceError(_("The date cannot be in the future."))
    started = timezone.localtime(project.created_at).date()
    if day < started:
        raise MarketplaceError(
            _("The project started on %(date)s; log work from that day on.") % {"date": date_format(started)}
        )


def _store_uploads(
    *, project: Project, entry: LogEntry | None, uploads: Iterable, actor, stored: list, description: str = ""
):
    """A file without an entry is the project's deliverable, whatever kind of file it is."""
    for upload in uploads:
        attachment = Attachment(
            project=project,
            entry=entry,
            kind=upload.kind if entry is not None else AttachmentKind.DELIVERABLE,
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
            description=description[:250] if upload.thumbnail is not None else "",
            uploaded_by=actor,
        )
        store_upload(attachment, upload, stored=stored)
        attachment.save()


def _set_sharing(entry: LogEntry, actor, shareable: bool, consent: bool) -> None:
    if shareable and not consent:
        raise MarketplaceError(_("Confirm that the people shown agreed before you share this entry."))
    if shareable and not entry.shareable:
        entry.consent_by, entry.consent_at = actor, timezone.now()
    if not shareable:
        entry.consent_by, entry.consent_at = None, None
    entry.shareable = shareable


def log_entry_create(
    *,
    project: Project,
    actor,
    date: date_type,
    text: str,
    hours: Mapping[int, Decimal],
    language: str = ContentLanguage.DUTCH,
    uploads: Iterable = (),
    photo_description: str = "",
    shareable: bool = False,
    consent: bool = False,
) -> LogEntry:
    """A team member logs what was done and the hours each person spent (keyed by user id).
    The project's owners and supervisor hear of it in their daily summary."""
    with files_removed_on_failure() as stored, transaction.atomic():
        project = _locked(project)
        if not project_access(actor, project).can_log:
            raise MarketplaceError(_("Only members of the team can log work in this project."))
        _running(project)
        _check_date(project, date)
        given = _check_hours(project=project, day=date, hours=hours)
        if not text.strip():
            raise MarketplaceError(_("Write what was done."))
        entry = LogEntry(project=project, author=actor, date=date, text=text.strip(), language=_language(language))
        _set_sharing(entry, actor, shareable, consent)
        entry.save()
        LogHours.objects.bulk_create([LogHours(entry=entry, person_id=pk, hours=h) for pk, h in given.items()])
        _store_uploads(
            project=project, entry=entry, uploads=uploads, actor=actor, stored=stored, description=photo_description
        )
        log(project, "marketplace.log_entry.created", user=actor, data={"entry": entry.pk, "date": str(date)})
        log_entry_created(entry=entry, project=project, actor=actor)
    return entry


def log_entry_update(
    *,
    entry: LogEntry,
    actor,
    date: date_type,
    text: str,
    hours: Mapping[int, Decimal],
    language: str = ContentLanguage.DUTCH,
    uploads: Iterable = (),
    photo_description: str = "",
    remove: Iterable = (),
    shareable: bool = False,
    consent: bool = False,
) -> LogEntry:
    """The author corrects their entry. Every person's hours in it go back to waiting for the
    supervisor: what was approved was the entry as it was."""
    with files_removed_on_failure() as stored, transaction.atomic():
        project = _locked(entry.project)
        entry = LogEntry.objects.select_for_update().get(pk=entry.pk)
        entry.project = project
        if not can_edit_log_entry(actor, entry):
            raise MarketplaceError(_("Only the author can change this entry, until the project ends."))
        _check_date(project, date)
        given = _check_hours(project=project, day=date, hours=hours, entry=entry)
        reviewed = entry.hours.exclude(status=HoursStatus.PENDING).count()
        if not text.strip():
            raise MarketplaceError(_("Write what was done."))
        entry.date, entry.text, entry.edited_at = date, text.strip(), timezone.now()
        entry.language = _language(language)
        _set_sharing(entry, actor, shareable, consent)
        entry.save()
        entry.hours.all().delete()
        LogHours.objects.bulk_create([LogHours(entry=entry, person_id=pk, hours=h) for pk, h in given.items()])
        removed = list(entry.attachments.filter(pk__in=list(remove)))
        for attachment in removed:
            _delete_files(attachment)
            attachment.delete()
        _store_uploads(
            project=project, entry=entry, uploads=uploads, actor=actor, stored=stored, description=photo_description
        )
        log(
            project,
            "marketplace.log_entry.edited",
            user=actor,
            data={"entry": entry.pk, "hours_back_to_pending": reviewed, "files_removed": len(removed)},
        )
    return entry


def _delete_files(attachment: Attachment) -> None:
    """After the transaction commits, so a rolled-back change keeps its files."""
    names = [field.name for field in (attachment.file, attachment.thumbnail) if field]
    storage = attachment.file.storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def log_comment_add(*, entry: LogEntry, actor, text: str) -> LogComment:
    project = entry.project
    access = project_access(actor, project)
    if not access.can_comment:
        raise MarketplaceError(_("Only the project's people can comment on its log."))
    if not text.strip():
        raise MarketplaceError(_("Write a comment first."))
    with transaction.atomic():
        comment = LogComment.objects.create(entry=entry, author=actor, text=text.strip())
        log(project, "marketplace.log_comment.created", user=actor, data={"entry": entry.pk, "comment": comment.pk})
        log_comment_added(comment=comment, entry=entry, project=project, actor=actor)
    return comment


# Milestones


def milestone_add(*, project: Project, actor, title: str, due_date: date_type) -> Milestone:
    with transaction.atomic():
        project = _locked(project)
        if not project_access(actor, project).can_plan:
            raise MarketplaceError(_("Only the team and its supervisor can plan milestones."))
        _running(project)
        if not title.strip():
            raise MarketplaceError(_("Name the milestone."))
        milestone = Milestone.objects.create(project=project, title=title.strip(), due_date=due_date, created_by=actor)
        log(project, "marketplace.milestone.created", user=actor, data={"milestone": milestone.pk})
    return milestone


def milestone_set_done(*, milestone: Milestone, actor, done: bool = True) -> Milestone:
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update(of=("self",)).select_related("project__challenge").get(pk=milestone.pk)
        )
        project = milestone.project
        if not project_access(actor, project).can_plan:
            raise MarketplaceError(_("Only the team and its supervisor can plan milestones."))
        _running(project)
        milestone.done_at, milestone.done_by = (timezone.now(), actor) if done else (None, None)
        milestone.save(update_fields=["done_at", "done_by"])
        log(project, "marketplace.milestone." + ("done" if done else "reopened"), user=actor,
            data={"milestone": milestone.pk})
    return milestone


def milestone_delete(*, milestone: Milestone, actor) -> None:
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update(of=("self",)).select_related("project__challenge").get(pk=milestone.pk)
        )
        project = milestone.project
        if not project_access(actor, project).can_plan:
            raise MarketplaceError(_("Only the team and its supervisor can plan milestones."))
        _running(project)
        log(project, "marketplace.milestone.deleted", user=actor, data={"milestone": milestone.pk,
                                                                          "title": milestone.title})
        milestone.delete()


def milestone_reminders_send(*, today: date_type, days: int = 3) -> int:
    """Tell the team and the supervisor about milestones due within ``days``, once per due
    date. Returns the number of milestones reminded; a second run the same day sends nothing."""
    due = (
        Milestone.objects.filter(
            done_at__isnull=True,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=days),
            project__status__in=RUNNING_PROJECT_STATUSES,
        )
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("due_date")))
        .select_related("project__challenge", "project__team", "project__supervisor")
    )
    count = 0
    for milestone in due:
        with transaction.atomic():
            claimed = Milestone.objects.filter(pk=milestone.pk).exclude(reminded_for=milestone.due_date).update(
                reminded_for=milestone.due_date
            )
            if not claimed:
                continue
            milestone_due(milestone=milestone, project=milestone.project)
            count += 1
    return count


# Delivering, feedback, hours and completion


def project_deliver(*, project: Project, actor, summary: str, link: str = "", upload=None) -> Project:
    """The team hands in its result: a summary plus a file or a link. Until the owner confirms
    receipt, a better version may replace it."""
    with files_removed_on_failure() as stored, transaction.atomic():
        project = _locked(project)
        if not project_access(actor, project).can_deliver:
            raise MarketplaceError(_("Only members of the team can deliver its result."))
        if not project.can_deliver():
            raise MarketplaceError(_("The result can no longer be changed: the owner has confirmed receiving it."))
        if not summary.strip():
            raise MarketplaceError(_("Write a short summary of the result."))
        previous = list(project.attachments.filter(kind=AttachmentKind.DELIVERABLE))
        if not link and upload is None and not previous:
            raise MarketplaceError(_("Add the result as a file or a link."))
        if upload is not None:
            for attachment in previous:
                _delete_files(attachment)
                attachment.delete()
            _store_uploads(project=project, entry=None, uploads=[upload], actor=actor, stored=stored)
        first_time = project.status == ProjectStatus.ACTIVE
        project.deliverable_summary = summary.strip()
        project.deliverable_link = link
        project.status = ProjectStatus.DELIVERED
        project.delivered_at, project.delivered_by = timezone.now(), actor
        project.save(update_fields=["deliverable_summary", "deliverable_link", "status", "delivered_at",
                                    "delivered_by"])
        log(project, "marketplace.project.delivered", user=actor, data={"again": not first_time})
        project_delivered(project=project, actor=actor)
    return project


def project_feedback(*, project: Project, actor, rating: int, text: str) -> Project:
    """The owner confirms receiving the result and says thank you: a rating of 1–5 and words
    for the team and its supervisor."""
    with transaction.atomic():
        project = _locked(project)
        if not project_access(actor, project).can_give_feedback:
            raise MarketplaceError(_("Only the people who manage the challenge can give feedback."))
        if not project.can_give_feedback():
            raise MarketplaceError(_("Feedback can be given once the team has delivered, and only once."))
        if rating not in range(1, 6):
            raise MarketplaceError(_("Choose a rating from 1 to 5."))
        if not text.strip():
            raise MarketplaceError(_("Write a few words of feedback for the team."))
        project.feedback_rating, project.feedback_text = rating, text.strip()
        project.feedback_at, project.feedback_by = timezone.now(), actor
        project.save(update_fields=["feedback_rating", "feedback_text", "feedback_at", "feedback_by"])
        log(project, "marketplace.project.feedback_given", user=actor, data={"rating": rating})
        project_feedback_given(project=project, actor=actor)
    return project


def hours_review(*, project: Project, actor, person, approve: bool, note: str = "") -> int:
    """The supervisor approves or disputes one student's hours in the project: approving covers
    what waits or was disputed; disputing (with a note) covers what waits, so hours approved
    before stay approved. The student corrects disputed entries, which sends them back to wait.
    Returns the number of entries changed."""
    with transaction.atomic():
        project = _locked(project)
        if not project_access(actor, project).can_review_hours:
            raise MarketplaceError(_("Only the supervisor can approve hours."))
        if not project.can_review_hours():
            raise MarketplaceError(_("This project has ended; its hours can no longer be changed."))
        if not approve and not note.strip():
            raise MarketplaceError(_("Say what is unclear about the hours, so the student can correct them."))
        status = HoursStatus.APPROVED if approve else HoursStatus.DISPUTED
        under_review = HOURS_APPROVE_COVERS if approve else HOURS_DISPUTE_COVERS
        rows = LogHours.objects.filter(entry__project=project, person=person, status__in=under_review)
        changed = rows.update(status=status, reviewed_by=actor, reviewed_at=timezone.now(), review_note=note.strip())
        if not changed:
            raise MarketplaceError(_("There are no hours of this student to review."))
        page_cache.invalidate()  # approved hours count in the public impact figures
        log(project, "marketplace.hours." + status, user=actor,
            data={"student": person.pk, "entries": changed, "note": note.strip()})
        hours_reviewed(project=project, person=person, approved=approve, note=note.strip(),
                                     actor=actor)
    return changed


def project_complete(*, project: Project, actor) -> Project:
    """The supervisor signs the project off once the owner confirmed receipt and every hour is
    approved or disputed. The challenge is completed when all its projects are."""
    with transaction.atomic():
        challenge = ChallengePage.objects.select_for_update().get(pk=project.challenge_id)
        project = _locked(project)
        if not can_complete_project(project_access(actor, project), project):
            raise MarketplaceError(_("Only the supervisor can mark this project completed."))
        if not project.can_complete():
            raise MarketplaceError(
                _("A project is completed after the team delivered and the owner confirmed receiving the result.")
            )
        # Without a supervisor nobody can review hours, so none are waiting for review.
        if (
            project.supervisor_id is not None
            and LogHours.objects.filter(entry__project=project, status=HoursStatus.PENDING).exists()
        ):
            raise MarketplaceError(_("Approve or dispute every student's hours first."))
        project.status = ProjectStatus.COMPLETED
        project.completed_at, project.completed_by = timezone.now(), actor
        project.save(update_fields=["status", "completed_at", "completed_by"])
        log(project, "marketplace.project.completed", user=actor)
        project_closed(project=project, actor=actor, completed=True)
        _complete_challenge_when_done(challenge, actor)
    return project


def project_cancel(*, project: Project, actor, reason: str) -> Project:
    """The owner or the supervisor stops a project, saying why; the reason is kept and shown."""
    with transaction.atomic():
        challenge = ChallengePage.objects.select_for_update().get(pk=project.challenge_id)
        project = _locked(project)
        if not project_access(actor, project).can_cancel:
            raise MarketplaceError(_("Only the challenge's owner or the supervisor can stop this project."))
        if not project.can_cancel():
            raise MarketplaceError(_("This project has already ended."))
        if not reason.strip():
            raise MarketplaceError(_("Say why the project stops."))
        _cancel(project, actor, reason)
        _complete_challenge_when_done(challenge, actor)
        _reopen_when_room(challenge, actor)
    return project


def _cancel(project: Project, actor, reason: str) -> None:
    project.status = ProjectStatus.CANCELLED
    project.cancelled_at, project.cancelled_by, project.cancel_reason = timezone.now(), actor, reason.strip()
    project.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    log(project, "marketplace.project.cancelled", user=actor)
    project_closed(project=project, actor=actor, completed=False)


def _complete_challenge_when_done(challenge: ChallengePage, actor) -> None:
    """A challenge that took its teams is completed when every project that did not stop is
    completed (and at least one is)."""
    if not challenge.can_complete(timezone.localdate()):
        return
    statuses = set(challenge.projects.exclude(status=ProjectStatus.CANCELLED).values_list("status", flat=True))
    if statuses != {ProjectStatus.COMPLETED}:
        return
    challenge_status_change(challenge=challenge, status=ChallengeStatus.COMPLETED, actor=actor)


def _reopen_when_room(challenge: ChallengePage, actor) -> None:
    """A challenge that was full opens again when a project stops before its deadline: the
    place is free for another team. After the deadline the owner decides (close it, or wait
    for the other projects)."""
    if not challenge.can_reopen(timezone.localdate()):
        return
    if challenge.free_places(challenge_taken_places(challenge)) == 0:
        return
    challenge_status_change(challenge=challenge, status=ChallengeStatus.OPEN, actor=actor)
