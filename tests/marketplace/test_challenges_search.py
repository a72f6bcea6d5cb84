"""Search on the challenge index: every word must match, only live challenges, and whatever
someone types, the page answers (marketplace/search.py; on SQLite it queries the full-text
index itself)."""

from urllib.parse import urlencode

import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from marketplace.models import ChallengePage
from marketplace.selectors.challenges import _fts5_all_words, live_challenge_ids_matching
from tests.factories import ChallengePageFactory

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True) for a in soup.select(".challenge-card__title a")}


@pytest.fixture
def challenges(challenge_index):
    return {
        "vlinders": ChallengePageFactory(parent=challenge_index, title="Vlinders tellen in de Merenwijk"),
        "hofjes": ChallengePageFactory(
            parent=challenge_index,
            title="Verhalen van de hofjes",
            description="<p>Bewoners vertellen over de regenwaterput in het hofje.</p>",
        ),
        "cafe": ChallengePageFactory(parent=challenge_index, title="Een café als huiskamer van de wijk"),
        "draft": ChallengePageFactory(parent=challenge_index, live=False, title="Vlinders in het geheim"),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("vlinders", {"Vlinders tellen in de Merenwijk"}),
        ("VLINDERS merenwijk", {"Vlinders tellen in de Merenwijk"}),
        ("vlinders hofjes", set()),  # every word must match, not any
        ("regenwaterput", {"Verhalen van de hofjes"}),  # a word from the description
        ("café", {"Een café als huiskamer van de wijk"}),
        ("geheim", set()),  # drafts never match
    ],
)
def test_search_matches_every_word_of_live_challenges(client, challenge_index, challenges, q, expected):
    assert titles(client, f"{challenge_index.url}?q={q}") == expected


@pytest.mark.parametrize(
    "q",
    ['"', '"vlinders', "vlinders*", "(", ")", "-", "-vlinders", "NEAR", "AND", "OR", "NOT", "vlinders OR hofjes",
     "title:vlinders", "{title}", "^", "één", "!!!", "it's", "a\\b", "%", "_"],
)
def test_search_answers_whatever_is_typed(client, challenge_index, challenges, q):
    assert "Vlinders in het geheim" not in titles(client, f"{challenge_index.url}?{urlencode({'q': q})}")


@pytest.mark.parametrize("q", ["vlinders", "Vlinders tellen", "de", "van de wijk", "hofje", "café", "tellen hofjes"])
def test_search_finds_what_wagtail_search_finds(challenges, q):
    expected = ChallengePage.objects.live().search(q, operator="and", order_by_relevance=False)
    assert set(live_challenge_ids_matching(q)) == {page.pk for page in expected}


def test_search_ignores_other_indexed_objects_with_the_same_id(client, challenge_index, challenges):
    """Index entries of images (or other pages) share the object_id column with challenges."""
    challenge = challenges["vlinders"]
    wagtail_factories.ImageFactory(pk=challenge.pk, title="Zeldzaamwoord")
    assert live_challenge_ids_matching("zeldzaamwoord") == []


def test_fts5_query_quotes_every_word():
    assert _fts5_all_words("vlinders  Merenwijk") == '{title body} : ("vlinders" AND "Merenwijk")'
    assert _fts5_all_words('a"b NEAR (x*') == '{title body} : ("a""b" AND "NEAR" AND "(x*")'
    assert _fts5_all_words("   ") is None
