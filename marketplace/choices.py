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
