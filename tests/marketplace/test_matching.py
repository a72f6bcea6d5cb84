"""The one matching of teams and challenges: what "For you" on My page lists for a student's
team (or the student without one) and why, what it leaves out and why, that the knowledge
broker's desk proposes the same pairs, and that it costs the same queries at any size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from marketplace.choices import ApplicationStatus, ChallengeStatus, ProjectStatus
from marketplace.models import ChallengePage
from marketplace.selectors.broker import broker_desk
from marketplace.selectors.matching import for_you
from marketplace.services.follows import follow_create
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    UserFactory,
)
from tests.marketplace.helpers import accepted_project, approved_lecturer, team_with_skills

pytestmark = pytest.mark.django_db

SHOWN = 3


def today():
    return timezone.localdate()


@pytest.fixture
def world(challenge_index, institutions):
    """A team of a Leiden University and a Hogeschool Leiden student (so WO and HBO) that chose
    sustainability and can do interviews; a member follows the Merenwijk. Challenges that fit
    it on each ground, and ones it cannot apply to or that are not for it."""
    green = ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="duurzaamheid")
    care = ThemeFactory(name="Gezondheid & welzijn", name_en="Health & well-being", slug="gezondheid")
    culture = ThemeFactory(name="Cultuur", name_en="Culture", slug="cultuur")
    merenwijk = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    north = NeighbourhoodFactory(name="Leiden-Noord", slug="leiden-noord")
    team = team_with_skills("De Luisteraars", "interviews, ontwerp", "sanne@umail.leidenuniv.nl",
                            "daan@student.hsleiden.nl")
    team.themes.set([green])
    sanne, daan = (membership.user for membership in team.memberships.order_by("pk"))
    follow_create(user=daan, neighbourhood=merenwijk)

    def challenge(title, **fields):
        fields = {"neighbourhood": north, "themes": [culture], "level_mbo": False, **fields}
        return ChallengePageFactory(parent=challenge_index, title=title, **fields)

    return {
        "team": team, "sanne": sanne, "daan": daan, "green": green, "care": care, "culture": culture,
        "merenwijk": merenwijk, "north": north,
        # fit
        "theme": challenge("Groene daken", themes=[green], mixed_institutions_required=True,
                           application_deadline=today() + datetime.timedelta(days=20)),
        "place": challenge("Speeltuin aan de Merenwijk", neighbourhood=merenwijk,
                           application_deadline=today() + datetime.timedelta(days=10)),
        "words": challenge("Verhalen van ouderen", summary="Interviews met ouderen over vroeger.", themes=[care]),
        # share something, but the team cannot apply
        "too_small": challenge("Groen schoolplein", themes=[green], team_size_min=3, team_size_max=5),
        "applied": challenge("Regenwater opvangen", themes=[green]),
        # not for it at all
        "other_level": challenge("Moestuin", themes=[green], level_mbo=True, level_hbo=True, level_wo=False),
        "nothing_shared": challenge("Museumnacht"),
        "past_deadline": challenge("Bomen tellen", themes=[green],
                                   application_deadline=today() - datetime.timedelta(days=1)),
        "in_progress": challenge("Zonnepanelen", themes=[green], status=ChallengeStatus.IN_PROGRESS),
        "hidden": challenge("Verborgen groen", themes=[green], hidden_at=timezone.now()),
        "draft": challenge("Concept over groen", themes=[green], live=False),
    }


@pytest.fixture
def applied(world):
    ApplicationFactory(challenge=world["applied"], team=world["team"], status=ApplicationStatus.SUBMITTED)


def titles(matches):
    return [match.challenge.title for match in matches]


def test_a_team_sees_the_open_challenges_that_fit_it_the_best_first(world, applied):
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert part.candidate.team == world["team"]
    # A theme weighs more than a neighbourhood or a word; among equals the soonest deadline first.
    assert titles(part.fitting) == ["Groene daken", "Speeltuin aan de Merenwijk", "Verhalen van ouderen"]
    # The same deadline: in the order they were posted.
    assert titles(part.left_out) == ["Groen schoolplein", "Regenwater opvangen"]


def test_each_fit_says_why_to_the_team_in_its_language(world, applied):
    with translation.override("nl"):
        [part] = for_you(world["daan"], today(), shown=SHOWN)
        reasons = {match.challenge.title: match.reasons_for_students for match in part.fitting}
    assert reasons["Groene daken"] == [
        "past bij jullie thema Duurzaamheid",
        "voor studenten van hbo en wo, zoals jullie",
        "vraagt om een gemengd team, en jullie zijn UL + HSL",
        "voor teams van 2–5, en jullie zijn met 2",
    ]
    assert reasons["Speeltuin aan de Merenwijk"][0] == "in Merenwijk, een wijk die jullie volgen"
    assert reasons["Verhalen van ouderen"][0] == "vraagt wat jullie kunnen: interviews"
    with translation.override("en"):
        assert part.fitting[0].reasons_for_students[:2] == [
            "fits your theme Sustainability", "for HBO and WO students, like you",
        ]


def test_what_the_team_cannot_apply_to_is_left_out_with_the_rule_in_words(world, applied):
    with translation.override("nl"):
        [part] = for_you(world["sanne"], today(), shown=SHOWN)
        blockers = {match.challenge.title: match.blockers for match in part.left_out}
    assert blockers == {
        "Groen schoolplein": ["Je team heeft 2 leden; deze uitdaging vraagt 3–5."],
        "Regenwater opvangen": ["Je team heeft zich al aangemeld voor deze uitdaging."],
    }


def test_a_withdrawn_application_does_not_stand_in_the_way(world):
    ApplicationFactory(challenge=world["applied"], team=world["team"], status=ApplicationStatus.WITHDRAWN)
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert "Regenwater opvangen" in titles(part.fitting)


def test_what_is_not_open_visible_or_at_the_teams_level_is_not_listed_at_all(world):
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    listed = set(titles(part.fitting)) | set(titles(part.left_out))
    for key in ("other_level", "nothing_shared", "past_deadline", "in_progress", "hidden", "draft"):
        assert world[key].title not in listed, key


def test_the_shown_matches_have_their_page_for_the_address(world, applied):
    [part] = for_you(world["sanne"], today(), shown=1)
    assert part.fitting[0].challenge.page.url == world["theme"].url
    assert not hasattr(part.fitting[1].challenge, "page")
    assert part.left_out[0].challenge.page.url in {world["too_small"].url, world["applied"].url}


def test_a_student_without_a_team_is_matched_on_their_own(world, institutions):
    student = UserFactory(email="mo@student.mborijnland.nl")
    follow_create(user=student, theme=world["green"])
    for_mbo = ChallengePageFactory(parent=world["theme"].get_parent(), title="Geveltuinen", themes=[world["green"]],
                                   level_mbo=True, team_size_min=3, mixed_institutions_required=True)
    with translation.override("nl"):
        [part] = for_you(student, today(), shown=SHOWN)
        assert part.candidate.team is None
        # Only challenges for MBO; a team's size and mix are not asked of one student.
        assert titles(part.fitting) == ["Moestuin", "Geveltuinen"]
        assert part.fitting[1].challenge.pk == for_mbo.pk
        assert part.fitting[1].reasons_for_students == [
            "past bij je thema Duurzaamheid", "voor studenten van mbo, hbo en wo, zoals jij",
        ]
        assert part.left_out == []


def test_a_busy_team_still_sees_what_it_may_take_on_next(world, applied):
    accepted_project(world["theme"], world["team"], status=ProjectStatus.ACTIVE)
    ChallengePage.objects.filter(pk=world["theme"].pk).update(status=ChallengeStatus.IN_PROGRESS)
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert part.candidate.team == world["team"] and part.candidate.busy
    assert titles(part.fitting) == ["Speeltuin aan de Merenwijk", "Verhalen van ouderen"]
    # The desk does not propose a team that is busy.
    assert not any(match.teams for match in broker_desk().matches.items)


def test_a_member_without_a_confirmed_student_address_stands_in_the_way_everywhere(world):
    world["team"].memberships.create(user=UserFactory(email="joost@example.org", display_name="Joost"))
    with translation.override("nl"):
        [part] = for_you(world["sanne"], today(), shown=SHOWN)
        assert part.fitting == []
        # Still only what is at the level of the members who are students.
        assert set(titles(part.left_out)) == {
            "Groene daken", "Speeltuin aan de Merenwijk", "Verhalen van ouderen", "Groen schoolplein",
            "Regenwater opvangen",
        }
        assert "Elk lid heeft een bevestigd studentadres nodig; nog niet: Joost." in part.left_out[0].blockers


def test_a_view_restricted_challenge_is_not_listed(world):
    PageViewRestriction.objects.create(page=world["theme"], restriction_type=PageViewRestriction.PASSWORD,
                                       password="geheim")
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert "Groene daken" not in titles(part.fitting)


def test_a_long_skills_text_still_matches_on_each_word(world):
    """Hundreds of words (a pasted CV): the database is not asked about each of them."""
    words = " ".join(f"vaardigheid{chr(97 + n // 26)}{chr(97 + n % 26)}x" for n in range(500))
    daan = world["daan"]
    daan.skills = f"{words} fotografie"
    daan.save()
    ChallengePageFactory(parent=world["theme"].get_parent(), title="Fotografie in de wijk", level_mbo=False,
                         neighbourhood=world["north"], themes=[world["culture"]])
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert "Fotografie in de wijk" in titles(part.fitting)


def test_words_with_accented_capitals_match_too(world):
    daan = world["daan"]
    daan.skills = "éénpansgerechten koken"
    daan.save()
    ChallengePageFactory(parent=world["theme"].get_parent(), title="ÉÉNPANSGERECHTEN VOOR DE BUURT", level_mbo=False,
                         neighbourhood=world["north"], themes=[world["culture"]])
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert "ÉÉNPANSGERECHTEN VOOR DE BUURT" in titles(part.fitting)


def test_nothing_followed_or_written_matches_nothing(world, institutions):
    student = UserFactory(email="lisa@umail.leidenuniv.nl")
    [part] = for_you(student, today(), shown=SHOWN)
    assert part.fitting == [] and part.left_out == []


def test_the_broker_desk_proposes_the_same_pairs(world, applied):
    """One matching: the desk proposes the team for the challenges "For you" lists as fitting
    it, for the same reasons."""
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    desk = broker_desk()
    proposed = {
        match.challenge.pk: team_match
        for match in desk.matches.items
        for team_match in match.teams.items
        if team_match.team == world["team"]
    }
    # And one past its deadline, which students can no longer apply to but owners may still take.
    assert set(proposed) == {match.challenge.pk for match in part.fitting} | {world["past_deadline"].pk}
    for match in part.fitting:
        theirs = proposed[match.challenge.pk]
        assert (theirs.themes, theirs.neighbourhood, theirs.words) == (match.themes, match.neighbourhood, match.words)
    with translation.override("en"):
        assert proposed[world["place"].pk].reasons_for_broker == ["follows Merenwijk", "level HBO and WO"]


def test_the_desk_proposes_teams_after_the_deadline_too_and_never_for_a_hidden_challenge(
    world, applied, institutions
):
    """Owners may still choose a team after the deadline, so the desk keeps proposing one; a
    student cannot apply any more, so "For you" no longer lists it. A hidden challenge gets
    neither teams nor lecturers."""
    late = world["place"]
    ChallengePage.objects.filter(pk=late.pk).update(application_deadline=today() - datetime.timedelta(days=3))
    ChallengePage.objects.filter(pk=world["words"].pk).update(hidden_at=timezone.now())
    lecturer = approved_lecturer("k.jansen@hsleiden.nl", "Karin Jansen", institutions["HSL"])
    lecturer.skills = "interviews met ouderen"
    lecturer.save()
    [part] = for_you(world["sanne"], today(), shown=SHOWN)
    assert titles(part.fitting) == ["Groene daken"]
    proposed = {match.challenge.pk: match for match in broker_desk().matches.items}
    assert [team_match.team for team_match in proposed[late.pk].teams.items] == [world["team"]]
    assert world["words"].pk not in proposed
    # Before it was hidden, both sides were proposed for it.
    ChallengePage.objects.filter(pk=world["words"].pk).update(hidden_at=None)
    proposed = {match.challenge.pk: match for match in broker_desk().matches.items}
    assert [m.lecturer for m in proposed[world["words"].pk].lecturers.items] == [lecturer]
    assert [m.team for m in proposed[world["words"].pk].teams.items] == [world["team"]]


def test_for_you_query_count_does_not_grow_with_challenges_teams_and_follows(challenge_index, institutions):
    """The teams and their members (seven), the themes, the open challenges that may fit, the
    neighbourhoods, those challenges' themes, the teams' applications and the pages shown:
    measured with 3 challenges, 1 team and 1 follow, and with 30, 3 and 3."""
    green = ThemeFactory(name="Duurzaamheid", slug="duurzaamheid")
    student = UserFactory(email="sanne@umail.leidenuniv.nl")
    counts = []
    for challenges, teams in ((3, 1), (30, 3)):
        while student.team_memberships.count() < teams:
            number = student.team_memberships.count()
            team = team_with_skills(f"Team {number}", "interviews", f"student{number}@student.hsleiden.nl")
            team.memberships.create(user=student)
            follow_create(user=student, neighbourhood=NeighbourhoodFactory())
        while ChallengePage.objects.count() < challenges:
            ChallengePageFactory(parent=challenge_index, themes=[green], summary="Interviews in de wijk.",
                                 level_mbo=False, team_size_min=2 + ChallengePage.objects.count() % 2)
        with CaptureQueriesContext(connection) as captured:
            parts = for_you(student, today(), shown=SHOWN)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
    assert len(parts) == 3
    assert [len(part.fitting) + len(part.left_out) for part in parts] == [30, 30, 30]
    assert all(part.left_out for part in parts)  # the ones for teams of three
