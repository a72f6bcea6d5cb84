import datetime

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.timezone import localdate

from cms.models import HomePage
from marketplace.choices import ChallengeStatus
from marketplace.models import ChallengeIndexPage, ChallengePage
from marketplace.permissions import apply_blockers
from marketplace.services.applications import application_accept
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    ChallengePageImageFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    TeamMembershipFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert ChallengeIndexPage.allowed_parent_page_models() == [HomePage]
    assert ChallengePage.allowed_parent_page_models() == [ChallengeIndexPage]
    assert ChallengePage.allowed_subpage_models() == []
    assert ChallengeIndexPage.max_count == 1


@pytest.mark.parametrize(
    "change",
    [
        {"team_size_min": 5, "team_size_max": 3},
        {"team_size_min": 0},
        {"team_capacity": 0},
        {"level_mbo": False, "level_hbo": False, "level_wo": False},
    ],
)
def test_database_refuses_impossible_challenges(challenge_index, change):
    challenge = ChallengePageFactory(parent=challenge_index)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChallengePage.objects.filter(pk=challenge.pk).update(**change)


def test_model_validation_explains_impossible_team_sizes(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    challenge.team_size_min, challenge.team_size_max = 5, 3
    with pytest.raises(ValidationError, match="kleinste team"):
        challenge.full_clean()


def test_publishing_an_older_draft_keeps_the_marketplace_status(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    draft = challenge.save_revision()
    ChallengePage.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.IN_PROGRESS)
    draft = type(draft).objects.get(pk=draft.pk)  # as an editor opening it later would
    draft.publish()
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.IN_PROGRESS


def test_contact_details_never_reach_public_pages(client, challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index, title="Groene binnentuin")
    for url in [challenge.url, challenge_index.url, f"{challenge_index.url}?q=binnentuin", "/en" + challenge.url]:
        html = client.get(url).content.decode()
        assert "Groene binnentuin" in html, url
        assert "anneke.prive@example.org" not in html, url
        assert "06 12 34 56 78" not in html, url


@pytest.mark.parametrize(("prefix", "shown"), [("", "Anneke uit Stevenshof"), ("/en", "Anneke from Stevenshof")])
def test_a_resident_shows_as_first_name_and_neighbourhood_on_the_public_page(client, challenge_index, prefix, shown):
    challenge = ChallengePageFactory(
        parent=challenge_index,
        posted_by=UserFactory(display_name="Anneke van der Berg-Vos"),
        neighbourhood=NeighbourhoodFactory(name="Stevenshof"),
    )
    html = client.get(prefix + challenge.url).content.decode()
    poster = BeautifulSoup(html, "html.parser").select_one(".challenge__poster").get_text(" ", strip=True)
    assert poster.endswith(shown)
    assert "Berg-Vos" not in html


def test_an_organisation_shows_by_its_name_and_a_deleted_poster_by_neighbourhood(challenge_index):
    wijk = NeighbourhoodFactory(name="Merenwijk")
    by_organisation = ChallengePageFactory(
        parent=challenge_index,
        neighbourhood=wijk,
        posted_by=UserFactory(display_name="Sanne de Vries"),
        organisation=OrganisationFactory(name="Buurthuis De Merenwijk"),
    )
    former = ChallengePageFactory(
        parent=challenge_index, neighbourhood=wijk, posted_by=UserFactory(display_name="Sanne", is_active=False)
    )
    with translation.override("nl"):
        assert by_organisation.public_poster == "Buurthuis De Merenwijk"
        assert former.public_poster == "een bewoner van Merenwijk"


def test_contact_details_are_not_searchable(challenge_index):
    ChallengePageFactory(parent=challenge_index)
    assert list(ChallengePage.objects.live().search("anneke.prive")) == []


def test_drafts_are_not_public(client, challenge_index):
    draft = ChallengePageFactory(parent=challenge_index, live=False, title="Geheim concept")
    assert client.get(f"{challenge_index.url}{draft.slug}/").status_code == 404
    assert "Geheim concept" not in client.get(challenge_index.url).content.decode()


@pytest.fixture
def catalogue(challenge_index):
    green = ThemeFactory(name="Groen", slug="groen")
    heritage = ThemeFactory(name="Erfgoed", slug="erfgoed")
    noord = NeighbourhoodFactory(name="Leiden-Noord", slug="leiden-noord")
    return {
        "vlinders": ChallengePageFactory(
            parent=challenge_index,
            title="Vlinders tellen",
            themes=[green],
            neighbourhood=noord,
            level_wo=False,
            can_be_done_in_english=True,
            application_deadline=localdate() + datetime.timedelta(days=5),
        ),
        "hofjes": ChallengePageFactory(
            parent=challenge_index,
            title="Verhalen van de hofjes",
            themes=[heritage],
            mixed_institutions_required=True,
            status=ChallengeStatus.COMPLETED,
        ),
        "tuin": ChallengePageFactory(
            parent=challenge_index, title="Een groene binnentuin", themes=[green, heritage], level_mbo=False
        ),
    }


def titles(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".challenge-card__title a")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Vlinders tellen", "Verhalen van de hofjes", "Een groene binnentuin"}),
        ("theme=groen", {"Vlinders tellen", "Een groene binnentuin"}),
        ("neighbourhood=leiden-noord", {"Vlinders tellen"}),
        ("level=wo", {"Verhalen van de hofjes", "Een groene binnentuin"}),
        ("level=mbo", {"Vlinders tellen", "Verhalen van de hofjes"}),
        ("status=completed", {"Verhalen van de hofjes"}),
        ("language=en", {"Vlinders tellen"}),
        ("mixed=on", {"Verhalen van de hofjes"}),
        ("q=hofjes", {"Verhalen van de hofjes"}),
        ("q=binnentuin&theme=erfgoed", {"Een groene binnentuin"}),
        ("theme=bestaat-niet", {"Vlinders tellen", "Verhalen van de hofjes", "Een groene binnentuin"}),
    ],
)
def test_index_filters_live_in_the_url(client, catalogue, challenge_index, query, expected):
    assert set(titles(client, f"{challenge_index.url}?{query}")) == expected


def test_index_sorts_by_deadline(client, catalogue, challenge_index):
    assert titles(client, f"{challenge_index.url}?sort=deadline")[0] == "Vlinders tellen"


def test_index_paginates_and_keeps_filters(client, challenge_index):
    theme = ThemeFactory(slug="groen")
    for _ in range(ChallengeIndexPage.PAGE_SIZE + 1):
        ChallengePageFactory(parent=challenge_index, themes=[theme])
    html = client.get(f"{challenge_index.url}?theme=groen").content.decode()
    assert "?theme=groen&amp;pagina=2" in html
    assert len(titles(client, f"{challenge_index.url}?theme=groen&pagina=2")) == 1


def _fill(index, count, image):
    theme = ThemeFactory(slug="groen")
    for _ in range(count):
        challenge = ChallengePageFactory(parent=index, themes=[theme])
        ChallengePageImageFactory(page=challenge, image=image)


@pytest.mark.parametrize("url_suffix", ["", "?theme=groen&level=hbo&sort=deadline", "?q=uitdaging"])
def test_index_query_count_does_not_grow(client, challenge_index, django_assert_num_queries, url_suffix):
    """Site and page routing, the index page, the filter form's theme and neighbourhood
    choices, the search (when searching), the count, the page of challenges, and one query
    each for their themes, images and renditions: the same at 10 and at 200 challenges."""
    image = wagtail_factories.ImageFactory()
    _fill(challenge_index, 10, image)
    url = challenge_index.url + url_suffix
    client.get(url)  # renditions are made on the first visit

    with CaptureQueriesContext(connection) as small:
        client.get(url)

    small_count = len(small.captured_queries)  # read now: the next request clears the log
    _fill(challenge_index, 190, image)
    client.get(url)
    with django_assert_num_queries(small_count):
        client.get(url)


@pytest.mark.parametrize("who", ["anonymous", "member of the chosen team"])
def test_detail_query_count_does_not_grow(client, challenge_index, django_assert_num_queries, who):
    """Routing, the page, its images with their renditions, its themes, neighbourhood and
    poster, and the places taken; for someone logged in also the session, the user, their
    roles, the header's unread notifications and one query for what they may see (manage it,
    or the contact details as a member or supervisor of a chosen team): the same with one
    theme and image as with ten."""
    challenge = ChallengePageFactory(parent=challenge_index, team_capacity=2)
    ChallengePageImageFactory(page=challenge)
    if who != "anonymous":

        member = TeamMembershipFactory().user
        application = ApplicationFactory(challenge=challenge, team=member.team_memberships.get().team)
        application_accept(application=application, actor=challenge.posted_by)
        client.force_login(member)
    client.get(challenge.url)
    with CaptureQueriesContext(connection) as small:
        client.get(challenge.url)
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    challenge.themes.set([ThemeFactory() for _ in range(10)])
    challenge.save()
    for _ in range(9):
        ChallengePageImageFactory(page=challenge)
    if who != "anonymous":
        for _ in range(5):
            TeamMembershipFactory(team=application.team)
        application_accept(application=ApplicationFactory(challenge=challenge), actor=challenge.posted_by)
    client.get(challenge.url)
    with django_assert_num_queries(small_count):
        html = client.get(challenge.url).content.decode()
    assert ("anneke.prive@example.org" in html) is (who != "anonymous")


def test_apply_blockers_explain_why(challenge_index):
    challenge = ChallengePageFactory(parent=challenge_index)
    student = UserFactory(email="sanne@umail.leidenuniv.nl")
    resident = UserFactory(email="anneke@example.org")

    assert apply_blockers(student, challenge, localdate()) == []
    assert apply_blockers(AnonymousUser(), challenge, localdate()) == [
        "Log in met je studentenaccount om je aan te melden."
    ]
    assert "Alleen studenten" in apply_blockers(resident, challenge, localdate())[0]
    late = challenge.application_deadline + datetime.timedelta(days=1)
    assert "deadline" in apply_blockers(student, challenge, late)[0]
    with translation.override("en"):
        assert apply_blockers(AnonymousUser(), challenge, localdate()) == ["Log in with your student account to apply."]
    challenge.status = ChallengeStatus.IN_PROGRESS
    assert "niet open" in apply_blockers(student, challenge, localdate())[0]
