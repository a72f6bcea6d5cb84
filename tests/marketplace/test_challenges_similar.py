"""While a title is typed, live challenges that look alike are shown, to avoid duplicates."""

import pytest

from marketplace.selectors.challenges import similar_challenges
from tests.factories import ChallengePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenges(challenge_index):
    return {
        "tuin": ChallengePageFactory(parent=challenge_index, title="Een groene binnentuin voor de Merenwijk",
                                     summary="Tegels eruit, planten erin."),
        "ouderen": ChallengePageFactory(parent=challenge_index, title="Valpreventie voor thuiswonende ouderen",
                                        summary="Ouderen vallen thuis; hoe voorkomen we dat?"),
        "concept": ChallengePageFactory(parent=challenge_index, title="Binnentuin in de Stevenshof",
                                        summary="Nog een concept.", live=False),
    }


def test_alike_titles_are_found_and_drafts_never(challenges):
    found = similar_challenges("Binnentuin vol tegels")
    assert [c.pk for c in found] == [challenges["tuin"].pk]
    assert [c.pk for c in similar_challenges("Hoe helpen we ouderen?")] == [challenges["ouderen"].pk]
    assert similar_challenges("de het een van") == []  # only common words: nothing to compare
    assert similar_challenges("") == []
    assert similar_challenges("binnentuin", exclude_pk=challenges["tuin"].pk) == []


def test_fragment_for_the_posting_form(client, challenges):
    url = "/mijn-uitdagingen/vergelijkbaar/"
    assert client.get(url, {"title": "binnentuin"}).status_code == 302  # log in first
    client.force_login(UserFactory(verified=False))
    assert client.get(url, {"title": "binnentuin"}).status_code == 404  # may not post yet
    client.force_login(UserFactory())
    html = client.get(url, {"title": "Een binnentuin <script>alert(1)</script>"}).content.decode()
    assert "Een groene binnentuin voor de Merenwijk" in html
    assert "Binnentuin in de Stevenshof" not in html
    assert "<script>" not in html
    assert client.get(url, {"title": "iets heel anders"}).content.decode().strip() == ""
    assert client.get(url, {"title": "binnentuin", "exclude": "nope"}).status_code == 200


def test_without_javascript_the_preview_shows_them(client, challenges):
    poster = UserFactory()
    draft = ChallengePageFactory(parent=challenges["tuin"].get_parent(), title="Binnentuin met bankjes",
                                 posted_by=poster, live=False)
    client.force_login(poster)
    html = client.get(f"/mijn-uitdagingen/{draft.pk}/voorbeeld/").content.decode()
    assert "staat je vraag hier al tussen?" in html
    assert "Een groene binnentuin voor de Merenwijk" in html
