"""A challenge's marketplace status: the predicates on ChallengePage (pure, no queries) and the one
service that changes it (marketplace.services.challenge_status)."""

import datetime
from types import SimpleNamespace

import pytest
from wagtail.models import PageLogEntry

from marketplace.choices import ChallengeStatus
from marketplace.models import ChallengePage
from marketplace.selectors.matching import team_eligibility
from marketplace.services.challenge_status import challenge_status_change
from tests.factories import ChallengePageFactory, UserFactory

TODAY = datetime.date(2026, 12, 2)
DEADLINE = datetime.date(2026, 12, 10)

# A new page looks up its content type (cached, but emptied when a test before it flushed the database).
pytestmark = pytest.mark.django_db


def page(status=ChallengeStatus.OPEN, *, live=True, deadline=DEADLINE, **fields) -> ChallengePage:
    """An unsaved challenge: the predicates read only its own fields."""
    values = {"team_size_min": 2, "team_size_max": 4, "team_capacity": 2, "mixed_institutions_required": False}
    values.update(fields)
    return ChallengePage(title="Uitdaging", status=status, live=live, application_deadline=deadline, **values)


@pytest.mark.parametrize(
    ("status", "live", "takes_teams"),
    [
        (ChallengeStatus.OPEN, True, True),
        (ChallengeStatus.OPEN, False, False),
        (ChallengeStatus.IN_PROGRESS, True, False),
        (ChallengeStatus.COMPLETED, True, False),
        (ChallengeStatus.CLOSED, True, False),
    ],
)
def test_only_a_live_open_challenge_takes_teams(status, live, takes_teams):
    assert page(status, live=live).takes_teams() is takes_teams


def test_applications_stop_after_the_deadline_but_the_owner_may_still_choose():
    challenge = page()
    assert challenge.is_open_for_applications(DEADLINE) is True
    assert challenge.is_open_for_applications(DEADLINE + datetime.timedelta(days=1)) is False
    assert challenge.can_accept_team(taken=1) is True  # the deadline does not stop the owner's choice
    assert challenge.can_accept_team(taken=2) is False  # both places taken


def test_free_places_never_go_below_zero():
    assert page(team_capacity=2).free_places(0) == 2
    assert page(team_capacity=2).free_places(3) == 0


@pytest.mark.parametrize(
    ("status", "today", "can_complete", "can_reopen"),
    [
        (ChallengeStatus.IN_PROGRESS, TODAY, True, True),
        (ChallengeStatus.IN_PROGRESS, DEADLINE + datetime.timedelta(days=1), True, False),
        (ChallengeStatus.OPEN, TODAY, False, False),
        (ChallengeStatus.OPEN, DEADLINE + datetime.timedelta(days=1), True, False),
        (ChallengeStatus.COMPLETED, TODAY, False, False),
        (ChallengeStatus.CLOSED, TODAY, False, False),
    ],
)
def test_when_a_challenge_may_complete_or_open_again(status, today, can_complete, can_reopen):
    challenge = page(status)
    assert challenge.can_complete(today) is can_complete
    assert challenge.can_reopen(today) is can_reopen


def test_team_size_and_mix():
    challenge = page(team_size_min=2, team_size_max=3, mixed_institutions_required=True)
    assert [challenge.team_size_fits(size) for size in (1, 2, 3, 4)] == [False, True, True, False]
    assert challenge.mix_is_enough(["Universiteit Leiden"]) is False
    assert challenge.mix_is_enough(["Universiteit Leiden", "Hogeschool Leiden"]) is True
    assert page(mixed_institutions_required=False).mix_is_enough(["Universiteit Leiden"]) is True


def _member(name, *institutions):
    return SimpleNamespace(display_name=name, institutions=list(institutions))


@pytest.mark.django_db
def test_eligibility_gives_every_reason_at_once_without_queries(django_assert_num_queries):
    challenge = page(team_size_min=3, team_size_max=4, mixed_institutions_required=True)
    leiden = SimpleNamespace(pk=1, display_name="Universiteit Leiden")
    members = [_member("Sanne de Vries", leiden), _member("Daan Bakker")]
    with django_assert_num_queries(0):
        reasons = team_eligibility(
            challenge=challenge, members=members, is_lead=False, already_applied=True, today=TODAY
        )
    assert reasons == [
        "Alleen een lead van het team kan het team aanmelden.",
        "Je team heeft 2 leden; deze uitdaging vraagt 3–4.",
        "Elk lid heeft een bevestigd studentadres nodig; nog niet: Daan Bakker.",
        "Deze uitdaging vraagt om een team met studenten van verschillende onderwijsinstellingen; al je leden "
        "studeren aan Universiteit Leiden.",
        "Je team heeft zich al aangemeld voor deze uitdaging.",
    ]


def test_a_team_that_meets_every_rule_may_apply():
    challenge = page(team_size_min=2, team_size_max=4, mixed_institutions_required=True)
    leiden = SimpleNamespace(pk=1, display_name="Universiteit Leiden")
    hogeschool = SimpleNamespace(pk=2, display_name="Hogeschool Leiden")
    members = [_member("Sanne de Vries", leiden), _member("Daan Bakker", hogeschool)]
    reasons = team_eligibility(challenge=challenge, members=members, is_lead=True, already_applied=False, today=TODAY)
    assert reasons == []


@pytest.mark.parametrize(
    ("start", "to", "action"),
    [
        (ChallengeStatus.OPEN, ChallengeStatus.IN_PROGRESS, "marketplace.challenge.filled"),
        (ChallengeStatus.IN_PROGRESS, ChallengeStatus.OPEN, "marketplace.challenge.reopened"),
        (ChallengeStatus.IN_PROGRESS, ChallengeStatus.COMPLETED, "marketplace.challenge.completed"),
        (ChallengeStatus.OPEN, ChallengeStatus.CLOSED, "marketplace.challenge.closed"),
    ],
)
@pytest.mark.django_db
def test_each_allowed_change_is_saved_on_the_live_row_and_recorded(challenge_index, start, to, action):
    challenge = ChallengePageFactory(parent=challenge_index, status=start)
    actor = UserFactory()
    challenge_status_change(challenge=challenge, status=to, actor=actor, closed_reason="Geen teams meer")
    challenge.refresh_from_db()
    assert challenge.status == to
    entry = PageLogEntry.objects.get(page=challenge, action=action)
    assert entry.user == actor
    assert challenge.closed_reason == ("Geen teams meer" if to == ChallengeStatus.CLOSED else "")


@pytest.mark.django_db
@pytest.mark.parametrize("start", [ChallengeStatus.COMPLETED, ChallengeStatus.CLOSED])
def test_a_finished_challenge_never_changes_status_again(challenge_index, start):
    challenge = ChallengePageFactory(parent=challenge_index, status=start)
    with pytest.raises(ValueError, match="cannot go from"):
        challenge_status_change(challenge=challenge, status=ChallengeStatus.OPEN, actor=UserFactory())
    challenge.refresh_from_db()
    assert challenge.status == start
    assert not PageLogEntry.objects.filter(page=challenge, action__startswith="marketplace.challenge.").exists()
