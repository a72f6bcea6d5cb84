"""Which pages everyone may see (core.pages.public): the same pages as Wagtail's ``public()``,
with the restricted sections read once per page-cache generation instead of on every call."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.pages import public
from tests.factories import ChallengePageFactory

pytestmark = pytest.mark.django_db


def _restriction_queries(captured) -> int:
    return sum("wagtailcore_pageviewrestriction" in query["sql"] for query in captured.captured_queries)


def test_public_leaves_out_restricted_sections_as_wagtail_does(challenge_index):
    open_one, hidden, under_hidden = (ChallengePageFactory(parent=challenge_index) for _ in range(3))
    under_hidden.move(hidden, pos="last-child")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    ours = set(public(Page.objects.live()).values_list("pk", flat=True))
    assert ours == set(Page.objects.live().public().values_list("pk", flat=True))
    assert open_one.pk in ours and hidden.pk not in ours and under_hidden.pk not in ours


def test_the_restrictions_are_read_once_until_one_changes(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    assert challenge.pk in set(public(Page.objects.all()).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        list(public(Page.objects.all()))
        list(public(Page.objects.all()))
    assert _restriction_queries(captured) == 0

    restriction = PageViewRestriction.objects.create(
        page=challenge, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert challenge.pk not in set(public(Page.objects.all()).values_list("pk", flat=True))  # at once

    restriction.delete()
    assert challenge.pk in set(public(Page.objects.all()).values_list("pk", flat=True))
