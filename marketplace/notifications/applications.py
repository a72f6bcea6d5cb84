"""Who hears of an application: the supervisor asked to endorse it, the challenge's owners, the
team when it is endorsed, sent back, chosen or declined. Through the notification centre
(accounts.notifications.centre), in the site and by e-mail in each recipient's language."""

from django.urls import reverse

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify, notify_each
from accounts.notifications.kinds import written_in
from marketplace.models import TeamMembership
from marketplace.selectors.challenges import challenge_owners


def _application_params(application) -> dict:
    challenge = application.challenge
    return {"team": application.team.name, **written_in("challenge", challenge.title, challenge.language)}


def _team_and_supervisor(application) -> list:
    people = [m.user for m in application.team.memberships.select_related("user")]
    if application.supervisor is not None:
        people.append(application.supervisor)
    return people


def application_endorsement_requested(*, application) -> None:
    notify(
        recipient=application.supervisor,
        kind=NotificationKind.ENDORSEMENT_REQUEST,
        actor=application.submitted_by,
        params=_application_params(application),
        url=application.get_absolute_url(),
    )


def application_new(*, application) -> None:
    notify_each(
        recipients=challenge_owners(application.challenge),
        kind=NotificationKind.APPLICATION_NEW,
        actor=application.submitted_by,
        params=_application_params(application),
        url=application.get_absolute_url(),
    )


def tell_team(application, outcome: str, actor, message: str = "") -> None:
    params = {**_application_params(application), "outcome": outcome}
    if message:
        params["message"] = message
    notify_each(
        recipients=_team_and_supervisor(application),
        kind=NotificationKind.APPLICATION_DECISION,
        actor=actor,
        params=params,
        url=application.get_absolute_url(),
    )


def application_endorsed(*, application) -> None:
    tell_team(application, "endorsed", application.supervisor, application.endorsement_note)


def application_returned(*, application) -> None:
    tell_team(application, "returned", application.supervisor, application.endorsement_note)


def application_withdrawn(*, application, actor) -> None:
    tell_team(application, "withdrawn", actor)


def application_decided(*, application, challenge, project, actor) -> None:
    """The team and its supervisor hear the decision, with the owner's message. Accepted teams
    are sent to their project, where the owner's contact details are."""
    outcome = "accepted" if project is not None else "declined"
    params = {
        "team": application.team.name,
        **written_in("challenge", challenge.title, challenge.language),
        "outcome": outcome,
    }
    if application.decision_message:
        params["message"] = application.decision_message
    people = [m.user for m in application.team.memberships.select_related("user")]
    if application.supervisor is not None:
        people.append(application.supervisor)
    notify_each(
        recipients=people,
        kind=NotificationKind.APPLICATION_DECISION,
        actor=actor,
        params=params,
        url=reverse("projects:detail", args=[project.pk]) if project is not None else application.get_absolute_url(),
    )


def challenge_filled(*, challenge, applications, actor) -> None:
    """The teams whose applications were still open when the last place was taken: the kind's
    sentence is the standard message, in each reader's language."""
    members_by_team: dict[int, list] = {}
    for membership in TeamMembership.objects.filter(team__in={a.team_id for a in applications}).select_related(
        "user"
    ):
        members_by_team.setdefault(membership.team_id, []).append(membership.user)
    for application in applications:
        people = list(members_by_team.get(application.team_id, []))
        if application.supervisor is not None:
            people.append(application.supervisor)
        notify_each(
            recipients=people,
            kind=NotificationKind.CHALLENGE_FILLED,
            actor=actor,
            params=written_in("challenge", challenge.title, challenge.language),
            url=application.get_absolute_url(),
        )

