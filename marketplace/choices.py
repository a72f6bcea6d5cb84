from django.db import models
from django.utils.translation import gettext_lazy as _


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
