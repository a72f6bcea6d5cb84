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
