"""The marketplace's models, one module per area; everything is importable from here."""

from marketplace.models.applications import Application
from marketplace.models.calendars import CalendarFeed
from marketplace.models.challenges import ChallengeIndexPage, ChallengePage, ChallengePageImage
from marketplace.models.follows import Follow
from marketplace.models.messages import Conversation, ConversationRead, Message, MessageFile
from marketplace.models.moderation import ModeratedItem, Report
from marketplace.models.organisations import Organisation, OrganisationInvitation, OrganisationMembership
from marketplace.models.places import Neighbourhood, Theme
from marketplace.models.projects import Attachment, LogComment, LogEntry, LogHours, Milestone, Project
from marketplace.models.teams import Supervision, Team, TeamInvitation, TeamMembership

__all__ = [
    "Application",
    "Attachment",
    "CalendarFeed",
    "ChallengeIndexPage",
    "ChallengePage",
    "ChallengePageImage",
    "Conversation",
    "ConversationRead",
    "Follow",
    "LogComment",
    "LogEntry",
    "LogHours",
    "Message",
    "MessageFile",
    "Milestone",
    "ModeratedItem",
    "Neighbourhood",
    "Organisation",
    "OrganisationInvitation",
    "OrganisationMembership",
    "Project",
    "Report",
    "Supervision",
    "Team",
    "TeamInvitation",
    "TeamMembership",
    "Theme",
]
