"""A knowledge broker brings a challenge's owners together with a team or a lecturer.

Nobody's private contact details change hands: each side learns the other's name, the broker's
message and a link, and they find each other through the site. The owners are sent to the
challenge's applications page (a team's page opens to them only once it applied); the team or
lecturer is sent to the public challenge page."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.choices import LecturerStatus, NotificationKind
from accounts.models import LecturerApproval, Notification
from accounts.notifications.centre import notify_each
from accounts.notifications.kinds import written_in
from marketplace.choices import ApplicationStatus
from marketplace.models import Application, ChallengePage, Team, TeamMembership
from marketplace.permissions import can_use_broker_desk
from marketplace.selectors.broker import INTRODUCED_ACTION
from marketplace.selectors.challenges import challenge_owners
from marketplace.services.errors import MarketplaceError


def _owner_name(challenge: ChallengePage) -> str:
    """Whom the team or lecturer is introduced to: the organisation, or else the poster."""
    if challenge.organisation is not None:
        return challenge.organisation.name
    return challenge.posted_by.display_name if challenge.posted_by is not None else ""


def introduction_send(
    *, broker, challenge: ChallengePage, team: Team | None = None, lecturer=None, message: str
) -> list[Notification]:
    """Tell the owners of ``challenge`` about ``team`` (its members) or ``lecturer``, and them
    about the challenge, with the broker's ``message``; logged on the challenge. Returns the
    notifications made."""
    if not can_use_broker_desk(broker):
        raise MarketplaceError(_("Only knowledge brokers can introduce people to each other."))
    if (team is None) == (lecturer is None):
        raise MarketplaceError(_("Introduce either a team or a lecturer to the challenge."))
    message = (message or "").strip()
    if not message:
        raise MarketplaceError(_("Write a few words about why they should meet."))

    with transaction.atomic():
        # Read afresh, not locked: an introduction changes no row of the challenge, and one that
        # crosses a closing of the challenge only tells people about a page that says it closed.
        challenge = ChallengePage.objects.select_related("organisation", "posted_by").get(pk=challenge.pk)
        if not challenge.takes_teams():
            raise MarketplaceError(
                _("“%(challenge)s” is not open for applications, so there is nobody to introduce to it.")
                % {"challenge": challenge.title}
            )
        owners = challenge_owners(challenge)
        if not owners:
            raise MarketplaceError(
                _("Nobody manages “%(challenge)s” any more, so there is nobody to introduce.")
                % {"challenge": challenge.title}
            )
        if team is not None:
            people = [m.user for m in TeamMembership.objects.filter(team_id=team.pk).select_related("user")]
            if not people:
                raise MarketplaceError(_("The team “%(team)s” has no members to tell.") % {"team": team.name})
            applied = Application.objects.filter(team_id=team.pk, challenge_id=challenge.pk).exclude(
                status=ApplicationStatus.WITHDRAWN
            )
            if applied.exists():
                raise MarketplaceError(
                    _("The team “%(team)s” has already applied to “%(challenge)s”.")
                    % {"team": team.name, "challenge": challenge.title}
                )
            other_name, owner_outcome, outcome = team.name, "owner_team", "team"
            data = {"team_id": team.pk, "team": team.name}
        else:
            if not LecturerApproval.objects.filter(user_id=lecturer.pk, status=LecturerStatus.APPROVED).exists():
                raise MarketplaceError(
                    _("%(name)s is not an approved lecturer.") % {"name": lecturer.display_name}
                )
            people = [lecturer]
            other_name, owner_outcome, outcome = lecturer.display_name, "owner_lecturer", "lecturer"
            data = {"lecturer_id": lecturer.pk, "lecturer": lecturer.display_name}

        title = written_in("challenge", challenge.title, challenge.language)
        told = notify_each(
            recipients=owners,
            kind=NotificationKind.INTRODUCTION,
            actor=broker,
            params={**title, "other": other_name, "outcome": owner_outcome, "message": message},
            url=reverse("marketplace:challenge_manage", args=[challenge.pk]),
        )
        told += notify_each(
            recipients=people,
            kind=NotificationKind.INTRODUCTION,
            actor=broker,
            params={**title, "other": _owner_name(challenge), "outcome": outcome, "message": message},
            url=challenge.get_url(),
        )
        # The message stays with the people it was written for; the log says who met whom.
        log(challenge, INTRODUCED_ACTION, user=broker, data={**data, "told": len(told)})
    return told

