"""Accepting is atomic (PRODUCT.md rule 3): owners in several tabs accepting applications of one
challenge at the same moment never book more teams than it can take. Only PostgreSQL shows
this: accepting locks the challenge row with SELECT … FOR UPDATE, which SQLite does not have."""

import threading

import pytest
from django.db import connection

from marketplace.choices import ApplicationStatus, ChallengeStatus
from marketplace.models import Application, ChallengePage, Project
from marketplace.services.applications import application_accept
from marketplace.services.errors import MarketplaceError
from tests.factories import ApplicationFactory, ChallengePageFactory, UserFactory

RUNS = 50
THREADS = 4
CAPACITY = 2

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        reason = (
            "Skipped on SQLite: accepting at the same moment relies on row locks (SELECT … FOR UPDATE), and row "
            "locks need PostgreSQL. Run with DATABASE_URL=postgres://… to see it."
        )
        print(reason)
        pytest.skip(reason)


def _at_once(calls) -> tuple[list, list]:
    """Run each call in its own thread and database connection, all released together; the
    outcomes ("accepted" or the refusal) and any unexpected errors."""
    barrier = threading.Barrier(len(calls))
    outcomes, errors = [], []

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
            outcomes.append("accepted")
        except MarketplaceError as error:
            outcomes.append(str(error))
        except Exception as error:  # reported by the test, with the others
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes, errors


def test_owners_accepting_different_applications_at_once_never_exceed_the_capacity(challenge_index, capsys):
    owner = UserFactory(email="anneke@example.org")
    double_bookings = 0
    for _run in range(RUNS):
        challenge = ChallengePageFactory(parent=challenge_index, posted_by=owner, team_capacity=CAPACITY)
        applications = [ApplicationFactory(challenge=challenge) for _ in range(THREADS)]
        outcomes, errors = _at_once(
            [lambda a=application: application_accept(application=a, actor=owner) for application in applications]
        )
        assert errors == []
        projects = Project.objects.filter(challenge=challenge).count()
        double_bookings += projects > CAPACITY
        assert projects == CAPACITY
        assert outcomes.count("accepted") == CAPACITY
        assert ChallengePage.objects.get(pk=challenge.pk).status == ChallengeStatus.IN_PROGRESS
        statuses = sorted(Application.objects.filter(challenge=challenge).values_list("status", flat=True))
        assert statuses == sorted([ApplicationStatus.ACCEPTED] * CAPACITY
                                  + [ApplicationStatus.DECLINED] * (THREADS - CAPACITY))
    with capsys.disabled():
        print(f"\n{RUNS} runs × {THREADS} threads, capacity {CAPACITY}: double bookings: {double_bookings}")
    assert double_bookings == 0


def test_two_tabs_accepting_the_same_application_make_one_project(challenge_index):
    owner = UserFactory(email="anneke@example.org")
    for _run in range(10):
        challenge = ChallengePageFactory(parent=challenge_index, posted_by=owner, team_capacity=CAPACITY)
        application = ApplicationFactory(challenge=challenge)
        outcomes, errors = _at_once([lambda a=application: application_accept(application=a, actor=owner)] * THREADS)
        assert errors == []
        assert outcomes.count("accepted") == 1
        assert Project.objects.filter(application=application).count() == 1
