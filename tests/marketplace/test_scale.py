"""At the size a busy programme reaches: the challenge index (with a filter, with a search) and the
knowledge broker's desk cost the same number of queries with 10,000 live challenges and 1,000
teams as with twenty challenges and ten teams. The rows are made in bulk, as ``make bench`` makes
them, since publishing 10,000 pages one by one would take most of an hour."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.defaults import BROKERS_GROUP
from demo.bulk import WORDS, fill_challenges, fill_teams
from marketplace.selectors.broker import LIST_LIMIT
from marketplace.selectors.challenges import challenge_list
from tests.factories import NeighbourhoodFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)  # the first visit may make renditions or fill the caches of the process
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_index_and_the_desk_keep_their_query_count_at_10000_challenges_and_1000_teams(
    client, challenge_index, institutions, uncached_pages
):
    theme = ThemeFactory(slug="groen")
    NeighbourhoodFactory()
    broker = UserFactory(mfa=True)
    broker.groups.add(Group.objects.get_or_create(name=BROKERS_GROUP)[0])
    index = challenge_index.url
    index_urls = [index, f"{index}?theme={theme.slug}", f"{index}?q={WORDS[0]}"]
    desk_url = reverse("broker:desk")

    fill_challenges(20)
    fill_teams(10)
    small = [_queries(client, url) for url in index_urls]
    client.force_login(broker)
    small_desk = _queries(client, desk_url)
    client.logout()

    fill_challenges(10_000)
    fill_teams(1_000)
    assert challenge_list(parent=challenge_index).count() == 10_000
    assert [_queries(client, url) for url in index_urls] == small
    client.force_login(broker)
    assert _queries(client, desk_url) == small_desk
    desk = client.get(desk_url).context["desk"]
    assert desk.waiting.total + desk.new.total == 10_000  # nobody applied to any of them
    assert desk.matches.total == LIST_LIMIT and desk.matches.items[0].teams  # bulk teams fit bulk challenges
