""""For you" on My page and on its own page, as a student, a resident and a visitor meet it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.choices import ApplicationStatus
from marketplace.models import ChallengePage
from marketplace.services.follows import follow_create
from tests.factories import ApplicationFactory, ChallengePageFactory, ThemeFactory, UserFactory
from tests.marketplace.helpers import team_with_skills

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def team_world(challenge_index, institutions):
    green = ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="duurzaamheid")
    team = team_with_skills("De Luisteraars", "interviews", "sanne@umail.leidenuniv.nl", "daan@student.hsleiden.nl")
    team.themes.set([green])
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    fitting = [
        ChallengePageFactory(parent=challenge_index, title=f"Groen plan {number}", themes=[green], level_mbo=False,
                             application_deadline=deadline + datetime.timedelta(days=number))
        for number in range(4)
    ]
    too_small = ChallengePageFactory(parent=challenge_index, title="Groen schoolplein", themes=[green],
                                     team_size_min=3)
    applied = ChallengePageFactory(parent=challenge_index, title="Regenwater opvangen", themes=[green])
    ApplicationFactory(challenge=applied, team=team, status=ApplicationStatus.SUBMITTED)
    lead = team.memberships.get(role="lead").user
    return {"team": team, "lead": lead, "fitting": fitting, "too_small": too_small, "applied": applied}


def test_my_page_shows_a_team_the_three_best_fits_with_why_and_links_on(client, team_world):
    client.force_login(team_world["lead"])
    html = client.get(url("dashboard:my_page")).content.decode()
    assert '<h2 id="for-you-heading">Voor jou</h2>' in html
    assert "Voor jullie team De Luisteraars" in html
    for challenge in team_world["fitting"][:3]:
        assert f'href="{challenge.url}"' in html
    assert f'href="{team_world["fitting"][3].url}"' not in html
    assert "past bij jullie thema Duurzaamheid" in html
    for_you = url("dashboard:for_you")
    team = team_world["team"].pk
    assert f'href="{for_you}#team-{team}">Alle 4 uitdagingen die passen' in html
    why = "2 uitdagingen over jullie onderwerpen staan er niet bij: waarom?"
    assert f'href="{for_you}#team-{team}-left-out">{why}' in html


def test_the_page_lists_every_fit_and_why_the_others_are_left_out(client, team_world):
    client.force_login(team_world["lead"])
    html = client.get(url("dashboard:for_you")).content.decode()
    for challenge in team_world["fitting"]:
        assert f'href="{challenge.url}"' in html
    team = team_world["team"].pk
    assert f'id="team-{team}-left-out"' in html
    left_out = html.split(f'id="team-{team}-left-out"')[1]
    assert "Groen schoolplein" in left_out and "Je team heeft 2 leden; deze uitdaging vraagt 3–5." in left_out
    assert "Regenwater opvangen" in left_out and "Je team heeft zich al aangemeld voor deze uitdaging." in left_out


def test_the_page_in_english(client, team_world):
    client.force_login(team_world["lead"])
    html = client.get(url("dashboard:for_you", "en")).content.decode()
    assert "<h1>For you</h1>" in html
    assert "For your team De Luisteraars" in html
    assert "fits your theme Sustainability" in html
    assert "Your team has already applied to this challenge." in html


def test_a_student_without_a_team_is_told_to_form_one(client, challenge_index, institutions):
    green = ThemeFactory(name="Duurzaamheid", slug="duurzaamheid")
    ChallengePageFactory(parent=challenge_index, title="Geveltuinen", themes=[green])
    student = UserFactory(email="mo@student.mborijnland.nl")
    follow_create(user=student, theme=green)
    client.force_login(student)
    html = client.get(url("dashboard:my_page")).content.decode()
    assert "past bij je thema Duurzaamheid" in html
    assert "Om je aan te melden heb je een team nodig." in html


def test_residents_do_not_see_it_and_the_page_says_who_it_is_for(client, team_world):
    client.force_login(UserFactory(email="anneke@example.org"))
    assert 'id="for-you-heading"' not in client.get(url("dashboard:my_page")).content.decode()
    html = client.get(url("dashboard:for_you")).content.decode()
    assert "“Voor jou” is er voor studenten" in html
    assert "Groen plan" not in html


def test_the_page_needs_a_login(client):
    response = client.get(url("dashboard:for_you"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["dashboard:my_page", "dashboard:for_you"])
def test_the_pages_query_count_does_not_grow_with_ten_times_the_challenges(client, team_world, name):
    client.force_login(team_world["lead"])
    green = team_world["team"].themes.get()
    counts = []
    for size in (6, 60):
        while ChallengePage.objects.count() < size:
            ChallengePageFactory(parent=team_world["applied"].get_parent(), themes=[green], level_mbo=False,
                                 team_size_min=2 + ChallengePage.objects.count() % 2)
        client.get(url(name))
        client.get(url(name))  # the institutions and the site's settings are cached by now
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(name))
        counts.append(len(captured.captured_queries))
        assert response.status_code == 200
    assert counts[0] == counts[1], counts
