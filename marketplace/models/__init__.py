"""The marketplace's models, one module per area; everything is importable from here."""

from .challenges import ChallengeIndexPage, ChallengePage, ChallengePageImage
from .organisations import Organisation, OrganisationInvitation, OrganisationMembership
from .places import Neighbourhood, Theme
from .teams import Supervision, Team, TeamInvitation, TeamMembership

__all__ = [
    "ChallengeIndexPage",
    "ChallengePage",
    "ChallengePageImage",
    "Neighbourhood",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "Supervision",
    "Team",
    "TeamInvitation",
    "TeamMembership",
    "Theme",
]
