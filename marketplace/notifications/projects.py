"""Who hears what happens in a project: new log entries and comments, milestones coming up, the
delivery, feedback, the review of hours and the end of the project."""

from django.contrib.auth import get_user_model
from django.utils.formats import date_format

from accounts.choices import NotificationKind
from accounts.defaults import EDITORS_GROUP
from accounts.notifications.centre import notify, notify_each
from accounts.notifications.kinds import written_in
from marketplace.selectors.challenges import challenge_owners


def _project_params(project) -> dict[str, str]:
    # The team's name is a name; the title is in the challenge's language.
    return written_in("project", f"{project.team.name} – {project.challenge.title}", project.challenge.language)


def _challenge_params(project) -> dict[str, str]:
    return written_in("challenge", project.challenge.title, project.challenge.language)


def _project_people(project, *, members=True, supervisor=True, owners=True) -> list:
    people = []
    if members:
        people += [m.user for m in project.team.memberships.select_related("user")]
    if supervisor and project.supervisor_id is not None:
        people.append(project.supervisor)
    if owners:
        people += challenge_owners(project.challenge)
    return people


def log_entry_created(*, entry, project, actor) -> None:
    """The owners and the supervisor follow the log; by default in their daily summary."""
    notify_each(
        recipients=_project_people(project, members=False),
        kind=NotificationKind.LOG_ENTRY,
        actor=actor,
        params=_project_params(project),
        url=entry.get_absolute_url(),
    )


def log_comment_added(*, comment, entry, project, actor) -> None:
    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.LOG_COMMENT,
        actor=actor,
        params={**_project_params(project), "message": comment.text},
        url=entry.get_absolute_url(),
    )


def milestone_due(*, milestone, project) -> None:
    notify_each(
        recipients=_project_people(project, owners=False),
        kind=NotificationKind.MILESTONE_DUE,
        params={**_project_params(project), "milestone": milestone.title, "date": date_format(milestone.due_date,
                                                                                             "Y-m-d")},
        url=project.get_absolute_url() + "#milestones",
    )


def project_delivered(*, project, actor) -> None:
    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.DELIVERABLE_SUBMITTED,
        actor=actor,
        params={"team": project.team.name, **_challenge_params(project)},
        url=project.get_absolute_url() + "#result",
    )


def project_feedback_given(*, project, actor) -> None:
    notify_each(
        recipients=_project_people(project, owners=False),
        kind=NotificationKind.FEEDBACK_GIVEN,
        actor=actor,
        params={**_challenge_params(project), "message": project.feedback_text},
        url=project.get_absolute_url() + "#result",
    )


def hours_reviewed(*, project, person, approved: bool, note: str, actor) -> None:
    params = {**_project_params(project), "outcome": "approved" if approved else "disputed"}
    if note:
        params["message"] = note
    notify(
        recipient=person,
        kind=NotificationKind.HOURS_REVIEWED,
        actor=actor,
        params=params,
        url=project.get_absolute_url() + "#hours",
    )


def project_closed(*, project, actor, completed: bool) -> None:
    """Everyone in the project hears it ended; when it is completed, the editors hear there is
    a story waiting to be told."""
    params = {**_project_params(project), "outcome": "completed" if completed else "cancelled"}
    if not completed and project.cancel_reason:
        params["message"] = project.cancel_reason
    notify_each(
        recipients=_project_people(project),
        kind=NotificationKind.PROJECT_CLOSED,
        actor=actor,
        params=params,
        url=project.get_absolute_url(),
    )
    if completed:
        editors = get_user_model().objects.filter(groups__name=EDITORS_GROUP, is_active=True).distinct()
        notify_each(
            recipients=editors,
            kind=NotificationKind.STORY_WAITING,
            actor=actor,
            params=_project_params(project),
            url=project.get_absolute_url(),
        )

