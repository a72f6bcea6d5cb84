"""The marketplace's models, one module per area; everything is importable from here."""

from .applications import Application, Project
from .challenges import ChallengeIndexPage, ChallengePage, ChallengePageImage
from .organisations import Organisation, OrganisationInvitation, OrganisationMembership
from .places import Neighbourhood, Theme
from .teams import Supervision, Team, TeamInvitation, TeamMembership

__all__ = [
    "Application",
    "ChallengeIndexPage",
    "ChallengePage",
    "ChallengePageImage",
    "Neighbourhood",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "Project",
    "Supervision",
    "Team",
    "TeamInvitation",
    "TeamMembership",
    "Theme",
]
