from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    MBO = "mbo", _("MBO (vocational)")
    HBO = "hbo", _("HBO (applied sciences)")
    WO = "wo", _("WO (university)")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class LecturerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class DomainKind(models.TextChoices):
    STUDENT = "student", _("Student")
    STAFF = "staff", _("Staff")


class NotificationKind(models.TextChoices):
    """What a notification is about. The label names the kind on the e-mail settings page; the
    text of each notification and its e-mail live in ``accounts.notifications.kinds.KINDS``."""

    TEAM_INVITATION = "team_invitation", _("Invitations to join a team")
    TEAM_JOINED = "team_joined", _("New members of your team")
    SUPERVISION_REQUEST = "supervision_request", _("Requests to supervise a team")
    SUPERVISION_ANSWER = "supervision_answer", _("Answers from lecturers about supervising your team")
    ENDORSEMENT_REQUEST = "endorsement_request", _("Applications waiting for your endorsement")
    APPLICATION_NEW = "application_new", _("New applications for your challenges")
    APPLICATION_DECISION = "application_decision", _("News about your team’s applications")
    CHALLENGE_FILLED = "challenge_filled", _("Challenges that found all their teams")
    CHALLENGE_REVIEW = "challenge_review", _("The editors’ review of your challenges")
    ORGANISATION_INVITATION = "organisation_invitation", _("Invitations to join an organisation")
    ORGANISATION_JOINED = "organisation_joined", _("New colleagues in your organisation")
    LOG_ENTRY = "log_entry", _("New log entries in projects you follow")
    LOG_COMMENT = "log_comment", _("Comments on project log entries")
    MILESTONE_DUE = "milestone_due", _("Milestones that are almost due")
    DELIVERABLE_SUBMITTED = "deliverable_submitted", _("Results delivered by a team")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback on your project")
    HOURS_REVIEWED = "hours_reviewed", _("Your hours approved or disputed")
    PROJECT_CLOSED = "project_closed", _("Projects completed or stopped")
    STORY_WAITING = "story_waiting", _("Completed projects with a story to tell")
    CHALLENGE_FOLLOWED = "challenge_followed", _("New challenges in themes and neighbourhoods you follow")
    INTRODUCTION = "introduction", _("Introductions by a knowledge broker")
    STORY_SIGN_OFF = "story_sign_off", _("Stories about your challenges to confirm")
    STORY_REVIEWED = "story_reviewed", _("Answers from owners about your stories")
    MESSAGE = "message", _("Messages about applications and projects")
    CONTENT_MODERATED = "content_moderated", _("What you wrote, hidden or shown again after reports")


def notification_kind_choices():
    """The kinds as model field choices. A callable, so that a new kind needs no migration."""
    return NotificationKind.choices


class NotificationEmail(models.TextChoices):
    """When a person is e-mailed about a kind of notification; without a stored choice, the kind's
    default (``KindSpec.default_email``: right away, or for log entries the daily summary)."""

    IMMEDIATELY = "immediately", _("Right away")
    DIGEST = "digest", _("Daily summary")
    OFF = "off", _("No e-mail")
