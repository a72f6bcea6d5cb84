"""A team applies to a challenge; its supervisor endorses it or sends it back; the team can
withdraw until the owner decides (the owner's side is in decisions.py)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import notifications
from ..choices import ApplicationStatus, TeamRole
from ..models import Application, ChallengePage, Team
from ..permissions import application_blockers
from ..selectors import team_supervisor
from .errors import MarketplaceError

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
            notifications.application_endorsement_requested(application=application)
        else:
            notifications.application_new(application=application)
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
    if not application.team.memberships.filter(user=actor, role=TeamRole.LEAD).exists():
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
        notifications.application_endorsement_requested(application=application)
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
            notifications.application_endorsed(application=application)
            notifications.application_new(application=application)
        else:
            application.status = ApplicationStatus.RETURNED
            application.save(update_fields=["status", "endorsement_note"])
            log(application, "marketplace.application.returned", user=actor)
            notifications.application_returned(application=application)
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
        notifications.application_withdrawn(application=application, actor=actor)
    return application
