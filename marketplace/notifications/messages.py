"""Who hears of a new message: everyone else who reads its conversation, in their own language
and as their e-mail setting for messages says (right away unless they chose otherwise)."""

from accounts.choices import NotificationKind
from accounts.notifications.centre import notify_each
from accounts.notifications.kinds import written_in
from marketplace.models import Project
from marketplace.selectors.challenges import challenge_owners


def conversation_people(subject) -> list:
    """The people who read the conversation about ``subject`` (an application or a project,
    with its challenge, team and supervisor loaded): the team, the supervisor, the owners."""
    people = [membership.user for membership in subject.team.memberships.select_related("user")]
    if subject.supervisor_id is not None:
        people.append(subject.supervisor)
    return people + challenge_owners(subject.challenge)


def message_sent(*, message, conversation, subject, actor) -> None:
    challenge = subject.challenge
    params = {
        "outcome": "project" if isinstance(subject, Project) else "question",
        "team": subject.team.name,
        **written_in("challenge", challenge.title, challenge.language),
        **written_in("message", message.text, message.language),
    }
    notify_each(
        recipients=conversation_people(subject),
        kind=NotificationKind.MESSAGE,
        actor=actor,
        params=params,
        url=message.get_absolute_url(),
    )
