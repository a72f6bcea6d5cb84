"""The knowledge broker's desk: who may open it, what it lists as stuck, whom it proposes to
bring together and why, the introductions it sends, and its query count."""

import datetime
import random

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageLogEntry

from accounts.choices import NotificationKind
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP
from accounts.models import Notification
from marketplace.choices import ApplicationStatus, ChallengeStatus, ProjectStatus, SupervisionStatus
from marketplace.models import ChallengePage, Supervision
from marketplace.permissions import can_use_broker_desk
from marketplace.selectors import broker as broker_module
from marketplace.selectors.broker import INTRODUCED_ACTION, broker_desk
from marketplace.selectors.matching import _alike, shared_words, words_of
from marketplace.services.broker import introduction_send
from marketplace.services.errors import MarketplaceError
from marketplace.services.follows import follow_create
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)
from tests.marketplace.helpers import TODAY, accepted_project, approved_lecturer, published_days_ago, team_with_skills

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(db):
    user = UserFactory(email="makelaar@example.org", display_name="Bram Makelaar", mfa=True)
    user.groups.add(Group.objects.get(name=BROKERS_GROUP))
    return user


@pytest.fixture
def world(challenge_index, institutions, broker):
    """A challenge about loneliness, three weeks online with nobody applying, posted for a
    neighbourhood association; a team whose skills fit it, one at the wrong level, one busy with a
    project; a lecturer who supervised a project on its theme."""
    care = ThemeFactory(name="Gezondheid & welzijn", name_en="Health & well-being", slug="gezondheid")
    green = ThemeFactory(name="Duurzaamheid", name_en="Sustainability", slug="duurzaamheid")
    north = NeighbourhoodFactory(name="Leiden-Noord", slug="leiden-noord")
    poster = UserFactory(email="anneke@example.org", display_name="Anneke Vos")
    colleague = UserFactory(email="joost@example.org", display_name="Joost Meijer")
    organisation = OrganisationFactory(name="Wijkvereniging Noord", neighbourhood=north)
    OrganisationMembershipFactory(organisation=organisation, user=colleague)
    lonely = published_days_ago(
        ChallengePageFactory(
            parent=challenge_index, title="Eenzaamheid onder ouderen", summary="Interviews met ouderen in de wijk.",
            themes=[care], neighbourhood=north, posted_by=poster, organisation=organisation,
            level_mbo=False, level_hbo=True, level_wo=True,
        ),
        21,
    )
    fitting = team_with_skills(
        "De Luisteraars", "interviews, data-analyse", "sanne@umail.leidenuniv.nl", "daan@student.hsleiden.nl"
    )
    wrong_level = team_with_skills(
        "Stille Kracht", "interviews", "mo@student.mborijnland.nl", "ali@student.mborijnland.nl"
    )
    busy = team_with_skills("Bezige Bijen", "interviews", "eva@student.hsleiden.nl", "tim@student.hsleiden.nl")
    earlier = ChallengePageFactory(parent=challenge_index, title="Valpreventie", themes=[care], neighbourhood=north,
                                   status=ChallengeStatus.IN_PROGRESS)
    karin = approved_lecturer("k.jansen@hsleiden.nl", "Karin Jansen", institutions["HSL"])
    accepted_project(earlier, busy, supervisor=karin)
    Supervision.objects.create(team=busy, lecturer=karin, status=SupervisionStatus.ACCEPTED)
    jan = approved_lecturer("j.smit@leidenuniv.nl", "Jan Smit", institutions["UL"])  # never supervised a project
    return {
        "care": care, "green": green, "north": north, "poster": poster, "colleague": colleague,
        "organisation": organisation, "lonely": lonely, "fitting": fitting, "wrong_level": wrong_level,
        "busy": busy, "karin": karin, "jan": jan, "earlier": earlier,
    }


# Who may use the desk


def test_only_knowledge_brokers_and_superusers_use_the_desk(broker):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert can_use_broker_desk(broker)
    assert can_use_broker_desk(superuser)
    assert not can_use_broker_desk(editor)
    assert not can_use_broker_desk(UserFactory())
    assert not can_use_broker_desk(AnonymousUser())


@pytest.mark.parametrize("url_name", ["broker:desk", "broker:introduce"])
def test_the_desk_answers_404_to_everyone_else_and_sends_strangers_to_log_in(client, world, broker, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    owner, student, lecturer = world["poster"], world["fitting"].memberships.first().user, world["karin"]
    for person in (editor, owner, student, lecturer):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
        assert client.post(url, {}).status_code == 404, person
    client.force_login(broker)
    assert client.get(url).status_code == 200


# What is stuck


def test_challenges_nobody_applied_to_are_split_by_how_long_they_have_been_online(world, challenge_index):
    fresh = published_days_ago(ChallengePageFactory(parent=challenge_index, title="Nieuw"), 3)
    declined = published_days_ago(ChallengePageFactory(parent=challenge_index, title="Afgewezen"), 30)
    ApplicationFactory(challenge=declined, status=ApplicationStatus.DECLINED)
    ApplicationFactory(challenge=declined, status=ApplicationStatus.WITHDRAWN)
    wanted = published_days_ago(ChallengePageFactory(parent=challenge_index, title="Gewild"), 30)
    ApplicationFactory(challenge=wanted, status=ApplicationStatus.AWAITING_ENDORSEMENT, submitted_at=None)
    closed = published_days_ago(
        ChallengePageFactory(parent=challenge_index, title="Gesloten", status=ChallengeStatus.CLOSED), 30
    )
    draft = published_days_ago(ChallengePageFactory(parent=challenge_index, title="Concept", live=False), 30)

    desk = broker_desk()

    waiting = [c.title for c in desk.waiting.items]
    assert waiting == ["Afgewezen", "Eenzaamheid onder ouderen"]  # longest waiting first
    assert [c.title for c in desk.new.items] == [fresh.title]
    listed = waiting + [c.title for c in desk.new.items]
    assert wanted.title not in listed and closed.title not in listed and draft.title not in listed
    assert desk.waiting.items[1].days_online == 21


def test_deadlines_within_two_weeks_with_free_places_soonest_first(world, challenge_index):
    def challenge(title, days, **kwargs):
        return ChallengePageFactory(
            parent=challenge_index, title=title, application_deadline=TODAY + datetime.timedelta(days=days),
            period_start=TODAY + datetime.timedelta(days=30), **kwargs,
        )

    challenge("Over tien dagen", 10, team_capacity=2)
    challenge("Vandaag", 0)
    challenge("Over een maand", 30)
    challenge("Gisteren", -1)
    half_full = challenge("Half vol", 5, team_capacity=2)
    accepted_project(half_full, TeamFactory())
    full = challenge("Vol", 4, team_capacity=1)
    accepted_project(full, TeamFactory())

    desk = broker_desk()

    assert [c.title for c in desk.deadlines.items] == ["Vandaag", "Half vol", "Over tien dagen"]
    assert [c.places_free for c in desk.deadlines.items] == [1, 1, 2]
    assert desk.deadlines.items[1].application_count == 1


def test_teams_without_a_supervisor_come_with_what_holds_them_up(world, institutions):
    asked = team_with_skills("Gevraagd", "", "a@student.hsleiden.nl")
    Supervision.objects.create(team=asked, lecturer=world["jan"], status=SupervisionStatus.REQUESTED)
    TeamFactory(name="Leeg")  # no members: nobody to help
    working = team_with_skills("Aan het werk", "", "b@student.hsleiden.nl", "c@student.hsleiden.nl")
    accepted_project(world["earlier"], working)

    teams = broker_desk().unsupervised.items

    names = [team.name for team in teams]
    assert names[0] == "Aan het werk"  # a project running without a supervisor comes first
    assert set(names) == {"Aan het werk", "Gevraagd", "De Luisteraars", "Stille Kracht"}
    by_name = {team.name: team for team in teams}
    assert by_name["Gevraagd"].open_requests == 1 and by_name["Gevraagd"].member_count == 1
    assert by_name["Aan het werk"].has_project


def test_neighbourhoods_with_many_running_projects_warn_of_research_fatigue(world, challenge_index, settings):
    settings.BROKER_FATIGUE_THRESHOLD = 3
    north, south = world["north"], NeighbourhoodFactory(name="Stevenshof", slug="stevenshof")
    taken = ChallengeStatus.IN_PROGRESS
    for status in (ProjectStatus.ACTIVE, ProjectStatus.DELIVERED, ProjectStatus.COMPLETED, ProjectStatus.CANCELLED):
        challenge = ChallengePageFactory(parent=challenge_index, neighbourhood=north, status=taken)
        accepted_project(challenge, TeamFactory(), status=status)
    for _ in range(2):
        challenge = ChallengePageFactory(parent=challenge_index, neighbourhood=south, status=taken)
        accepted_project(challenge, TeamFactory())

    # Three running in Leiden-Noord (the world's project, an active and a delivered one).
    busy = broker_desk().busy_neighbourhoods
    assert [(n.name, n.running_projects) for n in busy] == [("Leiden-Noord", 3)]
    assert busy[0].open_challenges == 1  # "Eenzaamheid onder ouderen" is waiting for a team there

    settings.BROKER_FATIGUE_THRESHOLD = 2
    assert [n.name for n in broker_desk().busy_neighbourhoods] == ["Leiden-Noord", "Stevenshof"]


def test_long_lists_show_the_first_twenty_and_say_how_many_more(world, challenge_index):
    for number in range(24):
        published_days_ago(ChallengePageFactory(parent=challenge_index, title=f"Vraag {number}"), 40)
    waiting = broker_desk().waiting
    assert len(waiting.items) == 20 and waiting.total == 25 and waiting.more == 5


# Whom to bring together


def test_words_are_matched_on_their_stem_and_common_words_do_not_count():
    assert words_of("Interviews en data-analyse met de buurt!") == {"interviews", "data", "analyse"}
    assert shared_words({"interview", "ontwerp"}, {"interviews", "ouderen"}) == ["interview"]
    assert shared_words({"duurzaam"}, {"duurzaamheid"}) == ["duurzaam"]
    assert shared_words({"data"}, {"database"}) == []  # short words must be equal


def test_a_team_matches_on_shared_skills_and_a_fitting_level_and_says_why(world):
    desk = broker_desk()

    [match] = desk.matches.items
    assert match.challenge == world["lonely"]
    assert [m.team for m in match.teams.items] == [world["fitting"]]
    with translation.override("en"):
        assert match.teams.items[0].reasons_for_broker == ["skills: interviews", "level HBO and WO"]


def test_a_team_without_fitting_skills_matches_on_a_theme_it_chose_or_a_member_follows(world):
    chose = team_with_skills("Zorgzaam", "fotografie", "lotte@umail.leidenuniv.nl", "noor@student.hsleiden.nl")
    follows = team_with_skills("Buurtkijkers", "", "ruben@umail.leidenuniv.nl", "iris@student.hsleiden.nl")
    other = team_with_skills("Groen Doen", "", "milan@umail.leidenuniv.nl", "sara@student.hsleiden.nl")
    [before] = broker_desk().matches.items
    assert [m.team for m in before.teams.items] == [world["fitting"]]

    chose.themes.add(world["care"])
    follow_create(user=follows.memberships.last().user, theme=world["care"])
    other.themes.add(world["green"])  # not a theme of the challenge
    [match] = broker_desk().matches.items

    assert {m.team for m in match.teams.items} == {world["fitting"], chose, follows}
    with translation.override("en"):
        reasons = {m.team.name: m.reasons_for_broker for m in match.teams.items}
    assert reasons["Zorgzaam"] == ["wants to work on Health & well-being", "level HBO and WO"]
    assert reasons["Buurtkijkers"] == ["wants to work on Health & well-being", "level HBO and WO"]
    with translation.override("nl"):
        desk = broker_desk()
        assert desk.matches.items[0].teams.items[0].reasons_for_broker[0] == "wil werken aan Gezondheid & welzijn"


def test_matching_stops_at_the_list_limit_most_urgent_first_and_says_how_many_it_did_not_look_at(
    client, world, broker, monkeypatch
):
    """The desk does not compare every open challenge with every team on each visit: it looks at
    the most urgent first (deadlines, then the longest waiting) and stops once LIST_LIMIT have a
    match. Challenges that fit nobody are passed over, also across loading batches."""
    monkeypatch.setattr(broker_module, "LIST_LIMIT", 3)
    monkeypatch.setattr(broker_module, "MATCH_BATCH", 2)
    index, lonely = world["lonely"].get_parent(), world["lonely"]  # online 21 days
    fits = {"summary": "Interviews in de straat.", "level_mbo": False, "level_hbo": True, "level_wo": True}
    soon = ChallengePageFactory(parent=index, title="Vlak voor de deadline", **fits,
                                application_deadline=TODAY + datetime.timedelta(days=3))
    nobody_fits = [
        published_days_ago(ChallengePageFactory(parent=index, title=f"Zonnepanelen {n}", summary="Zonnepanelen.",
                                                level_mbo=False, level_hbo=True, level_wo=True), 60 - n)
        for n in range(3)
    ]
    older = published_days_ago(ChallengePageFactory(parent=index, title="Al lang online", **fits), 50)
    newest = published_days_ago(ChallengePageFactory(parent=index, title="Net online", **fits), 1)

    desk = broker_desk()
    # The deadline first; then by time online, skipping the three nobody fits (60, 59, 58 days).
    assert [match.challenge for match in desk.matches.items] == [soon, older, lonely]
    assert desk.matches.total == 3
    assert desk.matches_unchecked == 1  # "Net online" was not looked at
    assert newest not in [match.challenge for match in desk.matches.items]
    assert all(challenge in desk.waiting.items for challenge in nobody_fits)

    client.force_login(broker)
    with translation.override("en"):
        html = client.get(reverse("broker:desk")).content.decode()
    assert "3+" in html
    assert "stops at 3 challenges with a match: 1 more challenge has not been looked at" in html

    monkeypatch.setattr(broker_module, "LIST_LIMIT", 20)
    desk = broker_desk()
    assert [match.challenge for match in desk.matches.items] == [soon, older, lonely, newest]
    assert desk.matches_unchecked == 0


def test_teams_that_cannot_take_the_challenge_are_not_proposed(world, challenge_index, institutions):
    lonely = world["lonely"]
    # Applied already; or too big; or not mixed where the challenge asks.
    applied = team_with_skills("Al aangemeld", "interviews", "x1@student.hsleiden.nl", "x2@student.hsleiden.nl")
    ApplicationFactory(challenge=lonely, team=applied, status=ApplicationStatus.AWAITING_ENDORSEMENT, submitted_at=None)
    team_with_skills("Te groot", "interviews", *(f"y{n}@student.hsleiden.nl" for n in range(6)))
    team_with_skills("Niet bevestigd", "interviews", "z@student.hsleiden.nl", "niet-student@example.org")
    # Closing soon, so on the desk although a team applied.
    ChallengePage.objects.filter(pk=lonely.pk).update(
        mixed_institutions_required=True, application_deadline=TODAY + datetime.timedelta(days=5)
    )
    same_school = team_with_skills("Eén school", "interviews", "p@student.hsleiden.nl", "q@student.hsleiden.nl")

    desk = broker_desk()

    lonely_matches = next(m for m in desk.matches.items if m.challenge.pk == lonely.pk)
    assert [m.team for m in lonely_matches.teams.items] == [world["fitting"]]
    assert same_school not in [m.team for m in lonely_matches.teams.items]


def test_a_lecturer_matches_on_the_themes_of_projects_they_supervised(world, challenge_index, institutions):
    # A lecturer of a level the challenge does not ask for is not proposed.
    mbo = approved_lecturer("r.wit@mborijnland.nl", "Rik Wit", institutions["mboRijnland"])
    accepted_project(ChallengePageFactory(parent=challenge_index, themes=[world["care"]]), TeamFactory(),
                     supervisor=mbo, status=ProjectStatus.COMPLETED)

    [match] = broker_desk().matches.items

    assert [m.lecturer for m in match.lecturers.items] == [world["karin"]]
    with translation.override("en"):
        assert match.lecturers.items[0].reasons == [
            "supervised projects on Health & well-being",
            "teaches at Leiden University of Applied Sciences (HBO)",
        ]


def test_a_match_already_introduced_says_when(world, broker):
    introduction_send(broker=broker, challenge=world["lonely"], team=world["fitting"], message="Kijk eens!")
    [match] = broker_desk().matches.items
    assert match.teams.items[0].introduced_at is not None
    assert match.lecturers.items[0].introduced_at is None
    [entry] = broker_desk().introductions
    assert entry.user == broker and entry.data["team"] == "De Luisteraars"


# Introducing


def test_a_broker_introduces_a_team_to_the_owners_without_sharing_contact_details(
    world, broker, django_capture_on_commit_callbacks, mailoutbox
):
    lonely, team = world["lonely"], world["fitting"]
    with django_capture_on_commit_callbacks(execute=True):
        told = introduction_send(broker=broker, challenge=lonely, team=team, message="Jullie passen goed bij elkaar.")

    members = {m.user for m in team.memberships.all()}
    assert {n.recipient for n in told} == {world["poster"], world["colleague"], *members}
    for notification in Notification.objects.filter(recipient__in=[world["poster"], world["colleague"]]):
        assert notification.kind == NotificationKind.INTRODUCTION and notification.actor == broker
        assert notification.url == reverse("marketplace:challenge_manage", args=[lonely.pk])
        assert notification.params == {
            "challenge": "Eenzaamheid onder ouderen", "challenge_language": "nl", "other": "De Luisteraars",
            "outcome": "owner_team",
            "message": "Jullie passen goed bij elkaar.",
        }
        with translation.override("en"):
            assert notification.text == (
                "Bram Makelaar invited the team “De Luisteraars” to look at your challenge “Eenzaamheid onder ouderen”"
            )
    for notification in Notification.objects.filter(recipient__in=members):
        assert notification.url == lonely.url
        assert notification.params["other"] == "Wijkvereniging Noord" and notification.params["outcome"] == "team"
    assert len(mailoutbox) == 4
    everything = str(list(Notification.objects.values())) + "".join(m.body for m in mailoutbox)
    assert "anneke.prive@example.org" not in everything and "06 12 34 56 78" not in everything
    addresses = {person.email for person in [world["poster"], world["colleague"], *members]}
    for mail in mailoutbox:
        assert not [address for address in addresses - set(mail.to) if address in mail.body], mail.to

    entry = PageLogEntry.objects.get(action=INTRODUCED_ACTION)
    assert entry.page_id == lonely.pk and entry.user == broker
    assert entry.data == {"team_id": team.pk, "team": "De Luisteraars", "told": 4}


def test_a_broker_introduces_a_lecturer(world, broker):
    told = introduction_send(broker=broker, challenge=world["lonely"], lecturer=world["jan"], message="Iets voor jou?")
    assert {n.recipient for n in told} == {world["poster"], world["colleague"], world["jan"]}
    to_jan = Notification.objects.get(recipient=world["jan"])
    assert to_jan.url == world["lonely"].url and to_jan.params["outcome"] == "lecturer"
    with translation.override("en"):
        assert to_jan.text == (
            "Bram Makelaar thinks “Eenzaamheid onder ouderen”, a challenge from Wijkvereniging Noord, would suit "
            "your students"
        )
    assert Notification.objects.get(recipient=world["poster"]).params["other"] == "Jan Smit"
    assert PageLogEntry.objects.get(action=INTRODUCED_ACTION).data["lecturer_id"] == world["jan"].pk


def test_only_brokers_introduce(world):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    for person in (editor, world["poster"], world["karin"], world["fitting"].memberships.first().user):
        with pytest.raises(MarketplaceError):
            introduction_send(broker=person, challenge=world["lonely"], team=world["fitting"], message="Hallo")
    assert not Notification.objects.exists() and not PageLogEntry.objects.filter(action=INTRODUCED_ACTION).exists()


@pytest.mark.parametrize(
    "change",
    [
        "closed", "in_progress", "unpublished", "applied", "both", "neither", "not_a_lecturer", "no_message",
        "no_members",
    ],
)
def test_an_introduction_is_refused_when_it_makes_no_sense(world, broker, change):
    lonely, team, lecturer = world["lonely"], world["fitting"], None
    message = "Hallo"
    if change in ("closed", "in_progress"):
        ChallengePage.objects.filter(pk=lonely.pk).update(status=change)
    elif change == "unpublished":
        lonely.unpublish()
    elif change == "applied":
        ApplicationFactory(challenge=lonely, team=team)
    elif change == "both":
        lecturer = world["karin"]
    elif change == "neither":
        team = None
    elif change == "not_a_lecturer":
        team, lecturer = None, world["poster"]
    elif change == "no_message":
        message = "   "
    elif change == "no_members":
        team = TeamFactory()
    with pytest.raises(MarketplaceError):
        introduction_send(broker=broker, challenge=lonely, team=team, lecturer=lecturer, message=message)
    assert not Notification.objects.filter(kind=NotificationKind.INTRODUCTION).exists()
    assert not PageLogEntry.objects.filter(action=INTRODUCED_ACTION).exists()


# The pages


def test_the_desk_shows_what_is_stuck_and_whom_to_bring_together(client, world, broker):
    client.force_login(broker)
    with translation.override("en"):
        url, introduce = reverse("broker:desk"), reverse("broker:introduce")
    html = client.get(url).content.decode()
    assert "Eenzaamheid onder ouderen" in html
    assert "skills: interviews; level HBO and WO" in html
    assert "supervised projects on" in html and "Karin Jansen" in html
    assert f"{introduce}?challenge={world['lonely'].pk}&amp;team={world['fitting'].pk}" in html


def test_the_introduce_form_is_prefilled_from_the_desk_and_sends(client, world, broker):
    client.force_login(broker)
    url = reverse("broker:introduce")
    response = client.get(url, {"challenge": world["lonely"].pk, "team": world["fitting"].pk, "lecturer": "x"})
    form = response.context["form"]
    assert form.initial == {"challenge": str(world["lonely"].pk), "whom": f"team:{world['fitting'].pk}"}

    response = client.post(
        url, {"challenge": world["lonely"].pk, "whom": f"team:{world['fitting'].pk}", "message": "Jullie passen."}
    )
    assert response.status_code == 302 and response.url == reverse("broker:desk")
    assert Notification.objects.filter(kind=NotificationKind.INTRODUCTION).count() == 4


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({}, "whom", "required"),
        ({"whom": "team:0"}, "whom", "invalid_choice"),  # not a team with members
        ({"whom": "team:fitting", "message": "Mail Anneke op anneke@example.org"}, "message", "contact_in_message"),
        ({"whom": "lecturer:karin", "message": "Bel 06-12345678"}, "message", "contact_in_message"),
    ],
)
def test_the_introduce_form_explains_what_is_wrong_and_keeps_the_text(client, world, broker, data, field, error):
    client.force_login(broker)
    post = {"challenge": world["lonely"].pk, "message": data.get("message", "Mijn bericht")}
    if "whom" in data:
        kind, name = data["whom"].split(":")
        post["whom"] = f"{kind}:{world[name].pk}" if name in world else data["whom"]
    response = client.post(reverse("broker:introduce"), post)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error(field, error)
    assert post["message"] in response.content.decode()
    assert not Notification.objects.exists()


def test_a_refusal_by_the_service_is_shown_on_the_form(client, world, broker):
    ApplicationFactory(challenge=world["lonely"], team=world["fitting"])
    client.force_login(broker)
    response = client.post(
        reverse("broker:introduce"),
        {"challenge": world["lonely"].pk, "whom": f"team:{world['fitting'].pk}", "message": "Hoi"},
    )
    assert response.status_code == 200
    refusal = f"Het team “De Luisteraars” heeft zich al aangemeld voor “{world['lonely'].title}”."
    assert response.context["form"].non_field_errors() == [refusal]
    assert refusal in response.content.decode()
    assert not Notification.objects.exists()


# Query count


def _grow(challenge_index, institutions, count: int, tag: str, broker):
    """``count`` more of everything the desk lists: challenges waiting, new and closing soon,
    fitting teams, lecturers with supervised projects, teams without a supervisor, running
    projects in one neighbourhood and introductions."""
    theme = ThemeFactory(name="Gezondheid", name_en="Health", slug="gezondheid")
    busy = NeighbourhoodFactory(name="Merenwijk", slug="merenwijk")
    poster = UserFactory(email=f"poster-{tag}@example.org")
    for number in range(count):
        waiting = published_days_ago(ChallengePageFactory(
            parent=challenge_index, title=f"Interviews {tag}{number}", themes=[theme], posted_by=poster,
        ), 30)
        published_days_ago(
            ChallengePageFactory(parent=challenge_index, title=f"Nieuw {tag}{number}", themes=[theme]), 2
        )
        soon = published_days_ago(ChallengePageFactory(
            parent=challenge_index, title=f"Snel {tag}{number}", themes=[theme], team_capacity=2,
            application_deadline=TODAY + datetime.timedelta(days=5),
        ), 30)
        ApplicationFactory(challenge=soon)
        team_with_skills(f"Team {tag}{number}", "interviews, ontwerp", f"a-{tag}{number}@student.hsleiden.nl",
                         f"b-{tag}{number}@umail.leidenuniv.nl")
        lecturer = approved_lecturer(f"l-{tag}{number}@hsleiden.nl", f"Docent {tag}{number}", institutions["HSL"])
        done = ChallengePageFactory(parent=challenge_index, themes=[theme], neighbourhood=busy,
                                    status=ChallengeStatus.IN_PROGRESS)
        accepted_project(
            done, team_with_skills(f"Bezig {tag}{number}", "", f"c-{tag}{number}@student.hsleiden.nl"),
            supervisor=lecturer,
        )
        introduction_send(broker=broker, challenge=waiting, lecturer=lecturer, message="Kijk eens")


def test_the_desk_uses_the_same_number_of_queries_at_two_sizes(
    client, challenge_index, institutions, broker, django_assert_num_queries, settings
):
    """22 queries at both sizes. Session and user; the broker's roles (confirmed addresses,
    institutions, lecturer approvals, groups); the open challenges with their interested
    applications and places taken, and their themes; the applications to them; the teams without
    a running project, their members, the members' confirmed addresses and the institutions; the
    approved lecturers and the projects they supervised; earlier introductions to these
    challenges; the teams without a supervisor; running projects per neighbourhood; the latest
    introductions; the menu's challenge index; the header's unread notifications; the site, for
    the challenges' links. Measured with 3 and with 15 of everything."""
    settings.BROKER_FATIGUE_THRESHOLD = 2
    client.force_login(broker)
    url = reverse("broker:desk")
    _grow(challenge_index, institutions, 3, "s", broker)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    assert response.context["desk"].matches.total == 9
    assert response.context["desk"].busy_neighbourhoods

    _grow(challenge_index, institutions, 12, "l", broker)
    client.get(url)
    with django_assert_num_queries(small_count):
        response = client.get(url)
    desk = response.context["desk"]
    assert desk.waiting.total == 15 and desk.deadlines.total == 15 and desk.unsupervised.total == 30
    assert desk.matches.total == 20 and desk.matches_unchecked == 25  # it stops at LIST_LIMIT


def words_sharing_beginnings(generator, stems):
    """A maker of random words: a beginning of one of ``stems`` (four letters or more) with an ending."""

    def word():
        stem = generator.choice(stems)
        return stem[: generator.randint(4, len(stem))] + generator.choice(["", "en", "heid", "s", "ing"])

    return word


def test_the_word_index_finds_exactly_the_words_a_comparison_of_every_pair_finds():
    """The desk compares only words with the same first five letters; no pair that is alike
    is missed (10,000 random pairs of words that share beginnings of every length)."""
    stems = ["duurzaam", "collectie", "collection", "interview", "data", "databank", "erfgoed", "erfgoedzorg"]
    word = words_sharing_beginnings(random.Random(2026), stems)
    for _ in range(10_000):
        mine, theirs = {word() for _ in range(3)}, {word() for _ in range(3)}
        expected = sorted(w for w in mine if any(_alike(w, other) for other in theirs))
        assert shared_words(mine, theirs) == expected, (mine, theirs)


@pytest.mark.parametrize(
    ("word", "other", "alike"),
    [
        ("collectie", "collections", True),  # one stem across Dutch and English
        ("biodiversiteit", "biodiversity", True),
        ("interview", "interviews", True),  # a longer form
        ("erfgoed", "erfgoedzorg", True),
        ("data", "databank", False),  # short words must be equal
        ("park", "parks", False),
        ("groen", "groente", True),  # five letters and one the beginning of the other
        ("groei", "groen", False),
        ("kunst", "kunst", True),
    ],
)
def test_words_are_alike_by_their_beginnings(word, other, alike):
    assert _alike(word, other) is alike
    assert _alike(other, word) is alike


def test_alike_compares_as_its_rule_says_letter_by_letter():
    """``_alike`` compares slices for speed; its rule, letter by letter: the same word, six shared
    first letters, or one word the beginning of the other with five letters or more."""
    stems = ["duurzaam", "collectie", "collection", "interview", "data", "databank", "groen", "groente"]
    word = words_sharing_beginnings(random.Random(12), stems)
    for _ in range(10_000):
        first, second = word(), word()
        shortest = min(len(first), len(second))
        shared = next((i for i in range(shortest) if first[i] != second[i]), shortest)
        rule = first == second or shared >= 6 or (shared == shortest and shared >= 5)
        assert _alike(first, second) is rule, (first, second)


def test_the_introduce_form_offers_one_choice_with_teams_and_lecturers_apart(client, world, broker):
    """One drop-down instead of two that erred when both were filled: teams and lecturers each
    in a group of their own, a lecturer with the institution that tells two of a name apart."""
    client.force_login(broker)
    with translation.override("en"):
        html = client.get(reverse("broker:introduce")).content.decode()
    assert html.count("<select") == 2  # the challenge and whom
    assert 'name="team"' not in html and 'name="lecturer"' not in html
    assert '<optgroup label="Teams">' in html and f'value="team:{world["fitting"].pk}"' in html
    assert f'value="lecturer:{world["jan"].pk}"' in html
    response = client.post(
        reverse("broker:introduce"),
        {"challenge": world["lonely"].pk, "whom": f"lecturer:{world['jan'].pk}", "message": "Iets voor jou?"},
    )
    assert response.status_code == 302
    assert PageLogEntry.objects.get(action=INTRODUCED_ACTION).data["lecturer_id"] == world["jan"].pk
