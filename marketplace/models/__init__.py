"""The marketplace's models, one module per area; everything is importable from here."""

from .applications import Application
from .challenges import ChallengeIndexPage, ChallengePage, ChallengePageImage
from .follows import Follow
from .organisations import Organisation, OrganisationInvitation, OrganisationMembership
from .places import Neighbourhood, Theme
from .projects import Attachment, LogComment, LogEntry, LogHours, Milestone, Project
from .teams import Supervision, Team, TeamInvitation, TeamMembership

__all__ = [
    "Application",
    "Attachment",
    "ChallengeIndexPage",
    "ChallengePage",
    "ChallengePageImage",
    "Follow",
    "LogComment",
    "LogEntry",
    "LogHours",
    "Milestone",
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
