"""The one place where a challenge's marketplace status changes (PRODUCT.md: open → in progress →
completed, or closed). Whether a change may happen is a predicate on ChallengePage (``takes_teams``,
``can_complete``, ``can_reopen``, ``can_close``); the services of applications, projects and
challenges decide when, and call ``challenge_status_change`` inside their transaction, with the
challenge's row locked."""

from wagtail.log_actions import log

from core import page_cache
from marketplace.choices import ChallengeStatus
from marketplace.models import ChallengePage

# To where a status may go, and the audit action that records it.
TRANSITIONS = {
    ChallengeStatus.OPEN: {ChallengeStatus.IN_PROGRESS, ChallengeStatus.COMPLETED, ChallengeStatus.CLOSED},
    ChallengeStatus.IN_PROGRESS: {ChallengeStatus.OPEN, ChallengeStatus.COMPLETED, ChallengeStatus.CLOSED},
    ChallengeStatus.COMPLETED: set(),
    ChallengeStatus.CLOSED: set(),
}
ACTIONS = {
    ChallengeStatus.IN_PROGRESS: "marketplace.challenge.filled",
    ChallengeStatus.OPEN: "marketplace.challenge.reopened",
    ChallengeStatus.COMPLETED: "marketplace.challenge.completed",
    ChallengeStatus.CLOSED: "marketplace.challenge.closed",
}


def challenge_status_change(
    *, challenge: ChallengePage, status: str, actor, closed_reason: str = "", log_data: dict | None = None
) -> ChallengePage:
    if status not in TRANSITIONS[challenge.status]:
        raise ValueError(f"A challenge cannot go from {challenge.status} to {status}.")
    fields = {"status": status}
    if status == ChallengeStatus.CLOSED:
        fields["closed_reason"] = closed_reason
    # The live row only: the status is the marketplace's, not content to review, and
    # ChallengePage.with_content_json keeps it when a revision is published later.
    ChallengePage.objects.filter(pk=challenge.pk).update(**fields)
    page_cache.invalidate()  # an update sends no signal
    for name, value in fields.items():
        setattr(challenge, name, value)
    log(challenge, ACTIONS[status], user=actor, data=log_data)
    return challenge
