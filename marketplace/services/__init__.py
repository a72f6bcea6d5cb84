"""Writes of the marketplace, one module per area. Views, the demo seeder and the admin call
these; everything is importable from here."""

from .applications import (
    application_endorse,
    application_resubmit,
    application_send_back,
    application_submit,
    application_withdraw,
)
from .challenges import (
    CHALLENGE_FIELDS,
    challenge_draft,
    challenge_save_draft,
    challenge_submit,
)
from .decisions import FILLED_MESSAGE, application_accept, application_decline
from .errors import MarketplaceError
from .organisations import (
    organisation_invitation_accept,
    organisation_invitation_accept_for,
    organisation_invitation_for_token,
    organisation_invitation_revoke,
    organisation_invite,
    organisation_member_remove,
    organisation_member_set_role,
)
from .teams import (
    supervision_accept,
    supervision_decline,
    supervision_end,
    supervision_request,
    supervision_withdraw,
    team_create,
    team_invitation_accept,
    team_invitation_for_token,
    team_invitation_revoke,
    team_invite_email,
    team_join,
    team_lead_hand_over,
    team_link_create,
    team_member_remove,
    team_member_set_role,
    team_update,
)

__all__ = [
    "application_endorse",
    "application_resubmit",
    "application_send_back",
    "application_submit",
    "application_withdraw",
    "CHALLENGE_FIELDS",
    "FILLED_MESSAGE",
    "application_accept",
    "application_decline",
    "MarketplaceError",
    "challenge_draft",
    "challenge_save_draft",
    "challenge_submit",
    "organisation_invitation_accept",
    "organisation_invitation_accept_for",
    "organisation_invitation_for_token",
    "organisation_invitation_revoke",
    "organisation_invite",
    "organisation_member_remove",
    "organisation_member_set_role",
    "supervision_accept",
    "supervision_decline",
    "supervision_end",
    "supervision_request",
    "supervision_withdraw",
    "team_create",
    "team_invitation_accept",
    "team_invitation_for_token",
    "team_invitation_revoke",
    "team_invite_email",
    "team_join",
    "team_lead_hand_over",
    "team_link_create",
    "team_member_remove",
    "team_member_set_role",
    "team_update",
]
