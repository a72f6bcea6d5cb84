"""The challenge owner decides: accepting an application makes a project, declining tells the
team. Accepting is where double-booking could happen, so it locks the challenge row first
(and every change of an application that affects capacity locks in the same order: the
challenge, then its applications)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log

from .. import notifications
from ..choices import ApplicationStatus, ChallengeStatus
from ..models import Application, ChallengePage, Project
from ..models.applications import OPEN_STATUSES
from ..permissions import can_manage_challenge
from ..selectors import challenge_taken_places
from .errors import MarketplaceError

# Stored as it is in ``decision_message`` of the applications declined because the challenge
# filled up, and translated when shown (``marketplace_tags.decision_message``): the row says why
# on its own, in words any reader of a raw export understands, and each team reads it in its
# own language. The teams are also told through the CHALLENGE_FILLED notification.
FILLED_MESSAGE = gettext_noop(
    "Thank you for your application. This challenge has found all the teams it can take, so we could not "
    "choose yours this time. Have a look at the other challenges: there may well be one waiting for your team."
)


def _lock(application: Application, actor) -> tuple[ChallengePage, Application]:
    """The challenge and the application, locked in that order, after checking that ``actor``
    may decide on them. Call inside ``transaction.atomic()``."""
    challenge = ChallengePage.objects.select_for_update().get(pk=application.challenge_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not can_manage_challenge(actor, challenge):
        raise MarketplaceError(_("Only the people who manage this challenge can decide on its applications."))
    if not application.can_decide():
        raise MarketplaceError(_not_decidable_reason(application))
    return challenge, application


def _not_decidable_reason(application: Application) -> str:
    return {
        ApplicationStatus.ACCEPTED: _("This application has already been accepted."),
        ApplicationStatus.DECLINED: _("This application has already been declined."),
        ApplicationStatus.WITHDRAWN: _("The team has withdrawn this application."),
    }.get(application.status, _("This application is still with the team and its supervisor."))


def _decide(application: Application, actor, status: str, message: str) -> None:
    application.status = status
    application.decision_message = message
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.save(update_fields=["status", "decision_message", "decided_at", "decided_by"])


def application_accept(*, application: Application, actor, message: str = "") -> Project:
    """Choose the team: a project starts, the team and its supervisor are told and may see the
    owner's contact details. The last free place puts the challenge in progress and declines
    the applications still open, with a kind standard message."""
    with transaction.atomic():
        challenge, application = _lock(application, actor)
        if not challenge.live or challenge.status != ChallengeStatus.OPEN:
            raise MarketplaceError(_("This challenge is no longer open, so no more teams can be chosen."))
        # Counted after the lock: whoever held it before us has committed their project.
        taken = challenge_taken_places(challenge)
        if taken >= challenge.team_capacity:
            raise MarketplaceError(_("This challenge already has all the teams it can take."))
        _decide(application, actor, ApplicationStatus.ACCEPTED, message)
        project = Project.objects.create(
            challenge=challenge,
            team_id=application.team_id,
            application=application,
            supervisor_id=application.supervisor_id,
        )
        log(application, "marketplace.application.accepted", user=actor)
        log(project, "marketplace.project.created", user=actor)
        notifications.application_decided(application=application, challenge=challenge, project=project, actor=actor)
        if taken + 1 >= challenge.team_capacity:
            _fill(challenge, actor, accepted=application)
    return project


def _fill(challenge: ChallengePage, actor, *, accepted: Application) -> None:
    # The live row only: the status is the marketplace's, not content to review, and
    # ChallengePage.with_content_json keeps it when a revision is published later.
    ChallengePage.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.IN_PROGRESS)
    challenge.status = ChallengeStatus.IN_PROGRESS
    log(challenge, "marketplace.challenge.filled", user=actor, data={"teams": challenge.team_capacity})
    still_open = list(
        Application.objects.select_for_update(of=("self",))
        .filter(challenge_id=challenge.pk, status__in=OPEN_STATUSES)
        .exclude(pk=accepted.pk)
        .select_related("team", "supervisor")
    )
    for other in still_open:
        _decide(other, actor, ApplicationStatus.DECLINED, FILLED_MESSAGE)
        log(other, "marketplace.application.declined", user=actor, data={"reason": "challenge_filled"})
    notifications.challenge_filled(challenge=challenge, applications=still_open, actor=actor)


def application_decline(*, application: Application, actor, message: str = "") -> Application:
    """Not this team: it is told, with the owner's message, and may apply elsewhere."""
    with transaction.atomic():
        challenge, application = _lock(application, actor)
        _decide(application, actor, ApplicationStatus.DECLINED, message)
        log(application, "marketplace.application.declined", user=actor)
        notifications.application_decided(application=application, challenge=challenge, project=None, actor=actor)
    return application
