"""The home page's live sections: the newest challenges teams can apply to, the latest stories
and the impact counters, each left out while empty; and the number of queries the page needs,
the same with few and with many challenges and stories."""

import datetime
import re
from decimal import Decimal

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import FooterSettings, NavigationSettings
from marketplace.choices import ApplicationStatus, ChallengeStatus, HoursStatus, ProjectStatus
from marketplace.models import ChallengePage, LogEntry, LogHours, Project
from marketplace.selectors.impact import ImpactHeadline, impact_figures, impact_headline
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    ChallengePageImageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def section(html: str, heading_id: str) -> str:
    """The markup of the section labelled by ``heading_id``, or "" when there is none."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def card_titles(html: str, kind: str) -> list[str]:
    return re.findall(rf'class="{kind}-card__title"><a href="[^"]+" lang="\w+">([^<]+)</a>', html)


def published(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def challenge(parent, title, *, days_ago=1, status=ChallengeStatus.OPEN, deadline_in=30, live=True):
    page = ChallengePageFactory(parent=parent, title=title)
    ChallengePage.objects.filter(pk=page.pk).update(
        first_published_at=published(days_ago),
        status=status,
        live=live,
        application_deadline=timezone.localdate() + datetime.timedelta(days=deadline_in),
    )
    return page


# Open challenges ---------------------------------------------------------------------------


@pytest.fixture
def challenges(challenge_index):
    return {
        "open": challenge(challenge_index, "Open en nieuw", days_ago=1),
        "last_day": challenge(challenge_index, "Vandaag de laatste dag", days_ago=2, deadline_in=0),
        "older": challenge(challenge_index, "Open maar ouder", days_ago=3),
        "oldest": challenge(challenge_index, "Open en het oudst", days_ago=9),
        "closed": challenge(challenge_index, "Gesloten", days_ago=1, status=ChallengeStatus.CLOSED),
        "busy": challenge(challenge_index, "Team aan het werk", days_ago=1, status=ChallengeStatus.IN_PROGRESS),
        "too_late": challenge(challenge_index, "Deadline voorbij", days_ago=1, deadline_in=-1),
        "draft": challenge(challenge_index, "Nog niet gepubliceerd", days_ago=1, live=False),
    }


def test_home_shows_the_three_newest_challenges_open_for_applications(client, home_page, challenges, challenge_index):
    html = client.get("/").content.decode()
    shown = section(html, "open-challenges-heading")
    assert card_titles(shown, "challenge") == ["Open en nieuw", "Vandaag de laatste dag", "Open maar ouder"]
    assert f'href="{challenge_index.url}"' in shown  # to the whole list


def test_open_means_the_same_as_on_the_challenge_itself(challenges):
    """The home page's filter and the challenge's own predicate, on every kind of challenge."""
    today = timezone.localdate()
    in_sql = set(
        ChallengePage.objects.live().filter(ChallengePage.open_for_applications_q(today)).values_list("pk", flat=True)
    )
    in_python = {page.pk for page in ChallengePage.objects.all() if page.is_open_for_applications(today)}
    assert in_sql == in_python == {challenges[key].pk for key in ("open", "last_day", "older", "oldest")}


def test_home_leaves_out_the_challenges_section_when_none_is_open(client, home_page, challenge_index):
    challenge(challenge_index, "Gesloten", status=ChallengeStatus.CLOSED)
    html = client.get("/").content.decode()
    assert 'id="open-challenges-heading"' not in html
    assert 'id="hero-heading"' in html  # the rest of the page is still there


# Latest stories ----------------------------------------------------------------------------


def test_home_shows_the_three_latest_live_public_stories(client, home_page):
    index = StoryIndexPageFactory(parent=home_page)
    for day, title in ((1, "Eerste"), (2, "Tweede"), (3, "Derde"), (4, "Vierde")):
        StoryPageFactory(parent=index, title=title, date=datetime.date(2025, 5, day))
    StoryPageFactory(parent=index, title="Concept", date=datetime.date(2025, 6, 1), live=False)
    html = client.get("/").content.decode()
    shown = section(html, "latest-stories-heading")
    assert card_titles(shown, "story") == ["Vierde", "Derde", "Tweede"]
    assert f'href="{index.url}"' in shown


def test_home_shows_stories_in_english_with_dutch_fallback_marked(client, home_page):
    index = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=index, title="Regen", title_en="Rain", intro="Over regen.", intro_en="")
    shown = section(client.get("/en/").content.decode(), "latest-stories-heading")
    assert 'lang="en">Rain</a>' in shown
    assert '<p class="story-card__intro" lang="nl">Over regen.</p>' in shown


def test_home_leaves_out_the_stories_section_without_stories_or_index(client, home_page):
    assert 'id="latest-stories-heading"' not in client.get("/").content.decode()
    StoryIndexPageFactory(parent=home_page)
    assert 'id="latest-stories-heading"' not in client.get("/").content.decode()


# Impact counters ---------------------------------------------------------------------------


def make_project(challenge_page, *members, status=ProjectStatus.ACTIVE):
    team = TeamFactory()
    for member in members:
        TeamMembershipFactory(team=team, user=member)
    application = ApplicationFactory(challenge=challenge_page, team=team, status=ApplicationStatus.ACCEPTED)
    return Project.objects.create(challenge=challenge_page, team=team, application=application, status=status)


def log_hours(project, person, amount, status=HoursStatus.APPROVED):
    entry = LogEntry.objects.create(project=project, author=person, date=timezone.localdate(), text="Interviews.")
    LogHours.objects.create(entry=entry, person=person, hours=Decimal(amount), status=status)


@pytest.fixture
def impact_world(challenge_index):
    """Three live challenges (one completed) and one taken down; three students in projects
    that count, one only in a cancelled project, one only in the taken-down challenge.

    Approved hours that count: 3.5 + 2 + 1.25 (cancelled later: the work was done) = 6.75;
    left out: 4 pending hours and 10 in the taken-down challenge."""
    c1 = challenge(challenge_index, "Afgerond", status=ChallengeStatus.COMPLETED)
    c2 = challenge(challenge_index, "Bezig", status=ChallengeStatus.IN_PROGRESS)
    c3 = challenge(challenge_index, "Open")
    c4 = challenge(challenge_index, "Offline", status=ChallengeStatus.COMPLETED, live=False)
    s1, s2, s3, s4, s5 = (UserFactory() for _ in range(5))
    p1 = make_project(c2, s1, s2)
    p2 = make_project(c1, s2, s3, status=ProjectStatus.COMPLETED)
    p3 = make_project(c3, s4, status=ProjectStatus.CANCELLED)
    p4 = make_project(c4, s5)
    log_hours(p1, s1, "3.5")
    log_hours(p1, s2, "4", status=HoursStatus.PENDING)
    log_hours(p2, s3, "2")
    log_hours(p3, s4, "1.25")
    log_hours(p4, s5, "10")


def test_home_counters_show_the_impact_totals(client, home_page, impact_world):
    nl = section(client.get("/").content.decode(), "impact-heading")
    assert 'data-measure="challenges_posted">3</dd>' in nl
    assert 'data-measure="challenges_completed">1</dd>' in nl
    assert 'data-measure="students">3</dd>' in nl
    assert 'data-measure="approved_hours">6,75</dd>' in nl
    assert 'href="/impact/"' in nl
    en = section(client.get("/en/").content.decode(), "impact-heading")
    assert 'data-measure="approved_hours">6.75</dd>' in en
    assert "Students taking part" in en


def test_home_counters_are_kept_until_approved_hours_or_a_project_change_them(
    client, home_page, impact_world, settings
):
    """Even with the page cache off the counters are counted once per generation of it; what
    changes them starts a new one, so the next visitor sees the new figures at once."""
    settings.PAGE_CACHE_SECONDS = 0
    NavigationSettings.load(), FooterSettings.load()  # made by the first page otherwise: a change
    assert 'data-measure="approved_hours">6,75</dd>' in section(client.get("/").content.decode(), "impact-heading")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any("marketplace_loghours" in query["sql"] for query in captured.captured_queries)

    project = Project.objects.get(challenge__title="Bezig")
    log_hours(project, project.team.memberships.first().user, "1")
    nl = section(client.get("/").content.decode(), "impact-heading")
    assert 'data-measure="approved_hours">7,75</dd>' in nl


def test_headline_counts_as_the_impact_page_in_three_queries(impact_world, django_assert_num_queries):
    # 1. posted and completed challenges; 2. different students taking part; 3. approved hours.
    with django_assert_num_queries(3):
        headline = impact_headline()
    totals = impact_figures().totals
    assert headline == ImpactHeadline(
        challenges_posted=totals.challenges_posted,
        challenges_completed=totals.challenges_completed,
        students=totals.students,
        approved_hours=totals.approved_hours,
    )
    assert headline == ImpactHeadline(3, 1, 3, Decimal("6.75"))


def test_home_leaves_out_the_counters_while_nothing_is_posted(client, home_page, challenge_index):
    assert impact_headline() == ImpactHeadline()
    html = client.get("/").content.decode()
    assert 'id="impact-heading"' not in html
    assert 'class="hero__heading"' in html  # the page itself is fine


# Query count -------------------------------------------------------------------------------


def test_home_query_count_does_not_grow_with_challenges_and_stories(client, home_page, challenge_index):
    """Counted per request after a warm-up (renditions, settings rows). Twenty-three: the site,
    the home page, the alias check and the view restrictions of the page served; the challenge
    index (with the view restrictions of ``public()``), its open challenges (with them again,
    cached outside the tests), their themes,
    images and renditions; the story index (view restrictions), its latest stories (view
    restrictions) and their renditions; three for the counters; the menu settings and the
    built-in menu's page; the themes; the footer settings."""
    story_index = StoryIndexPageFactory(parent=home_page)
    made = {"n": 0}

    def add(n):
        for _ in range(n):
            made["n"] += 1
            page = challenge(challenge_index, f"Uitdaging {made['n']}", days_ago=made["n"])
            ChallengePageImageFactory(page=page)
            StoryPageFactory(parent=story_index, hero_image=wagtail_factories.ImageFactory(), hero_alt="Een foto")

    def count():
        client.get("/")  # warm-up
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/").content.decode()
        assert len(card_titles(section(html, "open-challenges-heading"), "challenge")) == min(made["n"], 3)
        assert len(card_titles(section(html, "latest-stories-heading"), "story")) == min(made["n"], 3)
        return len(queries)

    add(2)
    small = count()
    add(10)
    large = count()
    assert small == large
    assert large <= 23, large
