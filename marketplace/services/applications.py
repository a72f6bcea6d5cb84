"""A team applies to a challenge; its supervisor endorses it or sends it back; the team can
withdraw until the owner decides (the owner's side is in decisions.py)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.log_actions import log

from marketplace.choices import ApplicationStatus, ChallengeStatus
from marketplace.models import Application, ChallengePage, Project, Team
from marketplace.models.applications import OPEN_STATUSES
from marketplace.notifications.applications import (
    application_decided,
    application_endorsed,
    application_endorsement_requested,
    application_new,
    application_returned,
    application_withdrawn,
    challenge_filled,
)
from marketplace.permissions import application_blockers, can_lead_team, can_manage_challenge
from marketplace.selectors.challenges import challenge_taken_places
from marketplace.selectors.teams import team_supervisor
from marketplace.services.challenge_status import challenge_status_change
from marketplace.services.errors import MarketplaceError

APPLICATION_FIELDS = ("motivation", "approach", "period_start", "period_end", "course_name", "course_code", "ects")


def application_submit(*, challenge: ChallengePage, team: Team, actor, data: dict) -> Application:
    """Apply with the team. With a supervisor it first waits for their endorsement; without, it
    goes straight to the owner, marked "no supervisor yet"."""
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        challenge = ChallengePage.objects.get(pk=challenge.pk)
        reasons = application_blockers(actor, challenge, team, timezone.localdate())
        if reasons:
            raise MarketplaceError(" ".join(reasons))
        supervision = team_supervisor(team)
        now = timezone.now()
        values = {name: data.get(name) for name in APPLICATION_FIELDS}
        values["course_name"] = values["course_name"] or ""
        values["course_code"] = values["course_code"] or ""
        application = Application(
            challenge=challenge,
            team=team,
            submitted_by=actor,
            supervisor=supervision.lecturer if supervision else None,
            status=ApplicationStatus.AWAITING_ENDORSEMENT if supervision else ApplicationStatus.SUBMITTED,
            submitted_at=None if supervision else now,
            **values,
        )
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError as error:
            raise MarketplaceError(_("Your team has already applied to this challenge.")) from error
        log(application, "marketplace.application.submitted", user=actor)
        if supervision:
            application_endorsement_requested(application=application)
        else:
            application_new(application=application)
    return application


def _locked(application: Application) -> Application:
    """The application, locked on its own row: the owner's decisions lock the challenge first
    and then the application, so locking the challenge here too could deadlock."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("team", "challenge", "supervisor")
        .get(pk=application.pk)
    )


def _lead_of(application: Application, actor) -> None:
    if not can_lead_team(actor, application.team):
        raise MarketplaceError(_("Only the team's leads can do this."))


def application_resubmit(*, application: Application, actor, data: dict) -> Application:
    """After the supervisor sent it back, the team changes it and asks again."""
    with transaction.atomic():
        application = _locked(application)
        _lead_of(application, actor)
        if not application.can_resubmit():
            raise MarketplaceError(_("This application cannot be changed now."))
        for name in APPLICATION_FIELDS:
            value = data.get(name)
            setattr(application, name, "" if value is None and name in ("course_name", "course_code") else value)
        application.status = ApplicationStatus.AWAITING_ENDORSEMENT
        application.save(update_fields=[*APPLICATION_FIELDS, "status"])
        log(application, "marketplace.application.resubmitted", user=actor)
        application_endorsement_requested(application=application)
    return application


def _supervisor_decides(application: Application, actor, note: str, endorse: bool) -> Application:
    with transaction.atomic():
        application = _locked(application)
        if application.supervisor_id != actor.pk:
            raise MarketplaceError(_("Only the team's supervisor can endorse its application."))
        if not application.can_endorse():
            raise MarketplaceError(_("This application is not waiting for your endorsement."))
        application.endorsement_note = note
        if endorse:
            now = timezone.now()
            application.status = ApplicationStatus.SUBMITTED
            application.endorsed_at = now
            application.submitted_at = now
            application.save(update_fields=["status", "endorsement_note", "endorsed_at", "submitted_at"])
            log(application, "marketplace.application.endorsed", user=actor)
            application_endorsed(application=application)
            application_new(application=application)
        else:
            application.status = ApplicationStatus.RETURNED
            application.save(update_fields=["status", "endorsement_note"])
            log(application, "marketplace.application.returned", user=actor)
            application_returned(application=application)
    return application


def application_endorse(*, application: Application, actor, note: str = "") -> Application:
    return _supervisor_decides(application, actor, note, endorse=True)


def application_send_back(*, application: Application, actor, note: str) -> Application:
    if not note.strip():
        raise MarketplaceError(_("Tell the team what to change."))
    return _supervisor_decides(application, actor, note, endorse=False)


def application_withdraw(*, application: Application, actor) -> Application:
    with transaction.atomic():
        application = _locked(application)
        _lead_of(application, actor)
        if not application.can_withdraw():
            raise MarketplaceError(_("The owner has already decided; the application can no longer be withdrawn."))
        application.status = ApplicationStatus.WITHDRAWN
        application.withdrawn_at = timezone.now()
        application.save(update_fields=["status", "withdrawn_at"])
        log(application, "marketplace.application.withdrawn", user=actor)
        application_withdrawn(application=application, actor=actor)
    return application


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
        if not challenge.takes_teams():
            raise MarketplaceError(_("This challenge is no longer open, so no more teams can be chosen."))
        # Counted after the lock: whoever held it before us has committed their project.
        taken = challenge_taken_places(challenge)
        if not challenge.can_accept_team(taken):
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
        application_decided(application=application, challenge=challenge, project=project, actor=actor)
        if challenge.free_places(taken + 1) == 0:
            _fill(challenge, actor, accepted=application)
    return project


def _fill(challenge: ChallengePage, actor, *, accepted: Application) -> None:
    challenge_status_change(
        challenge=challenge,
        status=ChallengeStatus.IN_PROGRESS,
        actor=actor,
        log_data={"teams": challenge.team_capacity},
    )
    still_open = list(
        Application.objects.select_for_update(of=("self",))
        .filter(challenge_id=challenge.pk, status__in=OPEN_STATUSES)
        .exclude(pk=accepted.pk)
        .select_related("team", "supervisor")
    )
    for other in still_open:
        _decide(other, actor, ApplicationStatus.DECLINED, FILLED_MESSAGE)
        log(other, "marketplace.application.declined", user=actor, data={"reason": "challenge_filled"})
    challenge_filled(challenge=challenge, applications=still_open, actor=actor)


def application_decline(*, application: Application, actor, message: str = "") -> Application:
    """Not this team: it is told, with the owner's message, and may apply elsewhere."""
    with transaction.atomic():
        challenge, application = _lock(application, actor)
        _decide(application, actor, ApplicationStatus.DECLINED, message)
        log(application, "marketplace.application.declined", user=actor)
        application_decided(application=application, challenge=challenge, project=None, actor=actor)
    return application

