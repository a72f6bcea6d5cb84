"""A project and its working life: log entries with hours, photos and files, comments,
milestones, the deliverable and the owner's feedback.

Everything here is private to the project's people (PRODUCT.md rule 4). Photos and files live
in the "private" storage, never under the public media URL, and are served by a view that
checks who asks."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Moderated
from marketplace.choices import AttachmentKind, ContentLanguage, HoursStatus, ProjectStatus
from marketplace.models.applications import Application
from marketplace.models.challenges import ChallengePage
from marketplace.models.teams import Team

MAX_HOURS_A_DAY = 24
# A project that still holds its team's work: logging, delivering and reviewing go on.
RUNNING_PROJECT_STATUSES = (ProjectStatus.ACTIVE, ProjectStatus.DELIVERED)


def private_storage():
    """Storage outside the public media path (``STORAGES["private"]``)."""
    return storages["private"]


def private_upload_path(instance, filename: str) -> str:
    """Files are stored under a generated name; the name the person gave is kept in the row."""
    return f"projects/{instance.project_id}/{filename}"


class Project(models.Model):
    """What an accepted application becomes: the challenge, the team and its supervisor.

    active → delivered (the team handed in its deliverable) → completed (the owner confirmed
    receipt with feedback, the supervisor signed off); or cancelled, with a reason."""

    challenge = models.ForeignKey(
        ChallengePage, on_delete=models.PROTECT, related_name="projects", verbose_name=_("challenge")
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="projects", verbose_name=_("team"))
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="project", verbose_name=_("application")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_projects",
        verbose_name=_("supervisor"),
    )
    status = models.CharField(_("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    deliverable_summary = models.TextField(_("summary of the result"), max_length=4000, blank=True)
    deliverable_link = models.URLField(_("link to the result"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("delivered by"),
    )
    feedback_rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    feedback_text = models.TextField(_("feedback"), max_length=4000, blank=True)
    feedback_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("feedback by"),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("completed by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "team"], name="project_one_per_team_and_challenge"),
            models.CheckConstraint(
                condition=models.Q(feedback_rating__isnull=True)
                | models.Q(feedback_rating__gte=1, feedback_rating__lte=5),
                name="project_feedback_rating_1_to_5",
                violation_error_message=_("Choose a rating from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.team} – {self.challenge}"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    def is_running(self) -> bool:
        return self.status in RUNNING_PROJECT_STATUSES

    def can_log(self) -> bool:
        """Work is logged until the project is completed or cancelled."""
        return self.is_running()

    def can_deliver(self) -> bool:
        """The team hands in its result, and may hand in a better one until the owner confirms receipt."""
        return self.status == ProjectStatus.ACTIVE or (
            self.status == ProjectStatus.DELIVERED and self.feedback_at is None
        )

    def can_give_feedback(self) -> bool:
        return self.status == ProjectStatus.DELIVERED and self.feedback_at is None

    def can_complete(self) -> bool:
        return self.status == ProjectStatus.DELIVERED and self.feedback_at is not None

    def can_cancel(self) -> bool:
        return self.is_running()

    def can_review_hours(self) -> bool:
        return self.is_running()


class LogEntry(Moderated, models.Model):
    """What the team did on a day, with the hours each person spent."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("project")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("what was done"), max_length=5000)
    language = models.CharField(
        _("written in"), max_length=2, choices=ContentLanguage.choices, default=ContentLanguage.DUTCH
    )
    # Shareable entries may be used in stories; whoever marks one confirms that the people
    # shown agreed, and that consent is recorded here.
    shareable = models.BooleanField(_("may be used in stories"), default=False)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("consent confirmed by"),
    )
    consent_at = models.DateTimeField(_("consent confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["-date", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shareable=False) | models.Q(consent_at__isnull=False),
                name="log_entry_shareable_needs_consent",
                violation_error_message=_("Confirm that the people shown agreed before you share this entry."),
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.date}"

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.project_id]) + f"#entry-{self.pk}"


class LogHours(models.Model):
    """One person's hours in one entry. The supervisor approves or disputes them; an edit of
    the entry sends them back to pending."""

    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="hours", verbose_name=_("log entry"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logged_hours", verbose_name=_("student")
    )
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("note from the supervisor"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        constraints = [
            models.UniqueConstraint(fields=["entry", "person"], name="log_hours_one_row_per_person"),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=MAX_HOURS_A_DAY),
                name="log_hours_between_0_and_24",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.hours}"


class Attachment(models.Model):
    """A photo or file of a log entry, or the project's deliverable. Served only through
    ``projects:file`` after a permission check; the id is random so it tells nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("project")
    )
    entry = models.ForeignKey(
        LogEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments",
        verbose_name=_("log entry"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_path, max_length=255)
    thumbnail = models.FileField(
        _("thumbnail"), storage=private_storage, upload_to=private_upload_path, max_length=255, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    description = models.CharField(
        _("description"), max_length=250, blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("projects:file", args=[self.pk])

    def get_thumbnail_url(self):
        """Only photos and images have one; check ``thumbnail`` first."""
        return reverse("projects:thumbnail", args=[self.pk])

    @property
    def is_photo(self) -> bool:
        return self.kind == AttachmentKind.PHOTO

    @classmethod
    def shared_photos(cls):
        """Photos of log entries the team marked shareable for stories, with consent recorded."""
        return cls.objects.filter(
            kind=AttachmentKind.PHOTO, entry__shareable=True, entry__consent_at__isnull=False
        )

    @property
    def is_shared(self) -> bool:
        entry = self.entry
        return self.is_photo and entry is not None and entry.shareable and entry.consent_at is not None


class LogComment(Moderated, models.Model):
    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="comments", verbose_name=_("log entry"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("done by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    # The reminder goes out once per due date; moving the date sends a new one.
    reminded_for = models.DateField(_("reminder sent for"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today) -> bool:
        return not self.is_done and self.due_date < today

    def is_upcoming(self, today, days: int = 7) -> bool:
        return not self.is_done and 0 <= (self.due_date - today).days <= days
