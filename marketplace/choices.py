from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class OrganisationKind(models.TextChoices):
    NEIGHBOURHOOD_ASSOCIATION = "neighbourhood_association", _("Neighbourhood association")
    COMMUNITY_CENTRE = "community_centre", _("Community centre")
    LIBRARY = "library", _("Library")
    FOUNDATION = "foundation", _("Foundation")
    MUSEUM = "museum", _("Museum or collection")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed without result")


class ContentLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class ChallengeSort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    DEADLINE = "deadline", _("Deadline soonest")


# The review's workflow and task, created by a migration; their names are stored as these
# message ids and shown in the reader's language (core.translation.StoredName).
REVIEW_WORKFLOW = gettext_noop("Challenge review")
REVIEW_TASK = gettext_noop("Editors review the challenge")


class PublicationState(models.TextChoices):
    """Where a poster's challenge stands on its way to the public site."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    PUBLISHED_CHANGES_IN_REVIEW = "published_changes_in_review", _("Published; your changes are in review")


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class SupervisionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Supervising")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


class ApplicationStatus(models.TextChoices):
    AWAITING_ENDORSEMENT = "awaiting_endorsement", _("Waiting for the supervisor")
    RETURNED = "returned", _("Sent back by the supervisor")
    SUBMITTED = "submitted", _("With the challenge owner")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not chosen")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DELIVERED = "delivered", _("Delivered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the supervisor")
    APPROVED = "approved", _("Approved")
    DISPUTED = "disputed", _("Disputed")


# What a supervisor's decision on a student's hours covers: approving takes what waits and what
# was disputed; disputing takes what waits, so hours approved before stay approved.
HOURS_APPROVE_COVERS = (HoursStatus.PENDING, HoursStatus.DISPUTED)
HOURS_DISPUTE_COVERS = (HoursStatus.PENDING,)


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    FILE = "file", _("File")
    DELIVERABLE = "deliverable", _("Deliverable")


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    PERSONAL_DATA = "personal_data", _("Personal data that should not be here")
    OFFENSIVE = "offensive", _("Offensive, hurtful or discriminating")
    OTHER = "other", _("Something else")


class ModerationStatus(models.TextChoices):
    REPORTED = "reported", _("Reported, still shown")
    HIDDEN_PENDING = "hidden_pending", _("Hidden by reports, waiting for an editor")
    HIDDEN = "hidden", _("Hidden by an editor")
    RESTORED = "restored", _("Shown again by an editor")
    DISMISSED = "dismissed", _("Reports dismissed")
