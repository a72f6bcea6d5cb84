"""The marketplace in the Wagtail admin: read-only screens for teams, applications and projects,
four reports of what is stuck, and a dashboard panel. Only editors, knowledge brokers and
superusers see any of it."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from marketplace.admin.reports import (
    MarketplaceDashboardPanel,
    challenges_awaiting_review,
    challenges_without_applications,
    projects_with_overdue_milestones,
    teams_without_supervisor,
)
from marketplace.choices import REVIEW_WORKFLOW, ApplicationStatus, ChallengeStatus, ProjectStatus, SupervisionStatus
from marketplace.models import Milestone, Project, Supervision
from tests.factories import (
    ApplicationFactory,
    ChallengePageFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.marketplace.helpers import days_ago

pytestmark = pytest.mark.django_db

READERS = ["superuser", "editor", "broker"]
OTHERS = ["lead", "member", "supervisor", "poster", "organisation_member", "outsider", "admin_without_group"]

REPORT_URL_NAMES = ["awaiting_review", "without_applications", "teams_without_supervisor", "overdue_milestones"]


@pytest.fixture
def people(project_world):
    people = dict(project_world["people"])
    people["superuser"] = UserFactory(email="beheer@example.org", display_name="Beheer", is_superuser=True, mfa=True)
    # Reaching the admin is not enough: someone else with admin access sees none of this.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    people["admin_without_group"] = UserFactory(email="moderator@example.org", display_name="Mo Derator")
    people["admin_without_group"].groups.add(moderators)
    return people


def _in_review(challenge_index, poster, **kwargs):
    challenge = ChallengePageFactory(parent=challenge_index, posted_by=poster, live=False, **kwargs)
    challenge.save_revision(user=poster)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(challenge, poster)
    return challenge


def _published(challenge_index, days, **kwargs):
    challenge = ChallengePageFactory(parent=challenge_index, **kwargs)
    type(challenge).objects.filter(pk=challenge.pk).update(first_published_at=days_ago(days))
    return challenge


def _project(challenge_index, team, status=ProjectStatus.ACTIVE):
    challenge = ChallengePageFactory(parent=challenge_index, status=ChallengeStatus.IN_PROGRESS)
    application = ApplicationFactory(challenge=challenge, team=team, status=ApplicationStatus.ACCEPTED)
    return Project.objects.create(challenge=challenge, team=team, application=application, status=status)


def _milestone(project, due_in_days, done=False):
    return Milestone.objects.create(
        project=project,
        title=f"Mijlpaal {due_in_days}",
        due_date=timezone.localdate() + timedelta(days=due_in_days),
        done_at=timezone.now() if done else None,
    )


@pytest.fixture
def world(project_world, people, challenge_index):
    """One right row and the near misses for each report, beside the project world's active,
    supervised project (whose challenge is in progress)."""
    poster = people["poster"]
    w = {"project": project_world["project"], "team": project_world["team"]}

    # Awaiting review: a new challenge in review, and a live one whose changes are in review.
    w["new_in_review"] = _in_review(challenge_index, poster, title="Speeltuin in review")
    w["live_in_review"] = _published(challenge_index, 30, title="Bankjes, wijziging in review", posted_by=poster)
    w["live_in_review"].save_revision(user=poster)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(w["live_in_review"], poster)
    w["draft"] = ChallengePageFactory(parent=challenge_index, live=False, title="Nog een concept")
    w["draft"].save_revision(user=poster)

    # Without applications after 14 days.
    w["quiet"] = _published(challenge_index, 20, title="Stille vraag")
    w["only_withdrawn"] = _published(challenge_index, 20, title="Alleen ingetrokken")
    ApplicationFactory(challenge=w["only_withdrawn"], status=ApplicationStatus.WITHDRAWN)
    w["applied"] = _published(challenge_index, 20, title="Wel aanmeldingen")
    ApplicationFactory(challenge=w["applied"], status=ApplicationStatus.AWAITING_ENDORSEMENT)
    w["recent"] = _published(challenge_index, 5, title="Net gepubliceerd")
    w["closed"] = _published(challenge_index, 20, title="Gesloten vraag", status=ChallengeStatus.CLOSED)
    w["unpublished"] = _published(challenge_index, 20, title="Offline gehaald", live=False)

    # Teams without a supervisor.
    w["alone"] = TeamFactory(name="Team Zonder Docent")
    TeamMembershipFactory(team=w["alone"])
    w["asking"] = TeamFactory(name="Team Vraagt Docent")
    TeamMembershipFactory(team=w["asking"])
    Supervision.objects.create(team=w["asking"], lecturer=people["other_lecturer"], status=SupervisionStatus.REQUESTED)
    w["empty"] = TeamFactory(name="Team Zonder Leden")
    w["ended"] = TeamFactory(name="Team Docent Gestopt")
    TeamMembershipFactory(team=w["ended"])
    Supervision.objects.create(team=w["ended"], lecturer=people["other_lecturer"], status=SupervisionStatus.ENDED)

    # Overdue milestones: the project world's project has one; the near misses do not count.
    w["overdue"] = _milestone(w["project"], -3)
    _milestone(w["project"], -10, done=True)
    w["delivered"] = _project(challenge_index, w["alone"], ProjectStatus.DELIVERED)
    _milestone(w["delivered"], -1)
    w["completed"] = _project(challenge_index, w["asking"], ProjectStatus.COMPLETED)
    _milestone(w["completed"], -5)
    w["on_time"] = _project(challenge_index, w["ended"])
    _milestone(w["on_time"], 0)
    _milestone(w["on_time"], -2, done=True)
    return w


def _urls(world):
    return [
        reverse("team_admin:index"),
        reverse("team_admin:inspect", args=[world["team"].pk]),
        reverse("application_admin:index"),
        reverse("application_admin:inspect", args=[world["project"].application_id]),
        reverse("project_admin:index"),
        reverse("project_admin:inspect", args=[world["project"].pk]),
        *[reverse(f"marketplace_reports:{name}") for name in REPORT_URL_NAMES],
    ]


# Who sees it


@pytest.mark.parametrize("who", READERS)
def test_editors_brokers_and_superusers_see_every_screen_report_and_the_dashboard_panel(client, people, world, who):
    client.force_login(people[who])
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "De Groene Vleugel" in client.get(reverse("team_admin:index")).content.decode()
    assert 'id="marketplace-counts-section"' in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("who", OTHERS)
def test_admin_screens_denied_to_non_editors(client, people, world, who):
    client.force_login(people[who])
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "De Groene Vleugel" not in response.content.decode()
        response = client.get(url + "?export=csv")
        assert response.status_code in (302, 403), url
        assert b"De Groene Vleugel" not in b"".join(getattr(response, "streaming_content", [response.content]))
    home = client.get(reverse("wagtailadmin_home"))
    assert 'id="marketplace-counts-section"' not in home.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"  # the admin has no /en/ twin


@pytest.mark.parametrize("who", OTHERS)
def test_the_menu_shows_the_screens_and_reports_to_readers_only(client, people, world, who):
    client.force_login(people["broker"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in (reverse("team_admin:index"), reverse("marketplace_reports:overdue_milestones")):
        assert url in html
    client.force_login(people[who])
    html = client.get(reverse("wagtailadmin_home")).content.decode()  # a redirect without admin access
    assert reverse("team_admin:index") not in html
    assert reverse("marketplace_reports:overdue_milestones") not in html


# Read-only


@pytest.mark.parametrize("who", READERS)
def test_teams_applications_and_projects_cannot_be_added_changed_or_deleted_in_the_admin(client, people, world, who):
    client.force_login(people[who])
    project = world["project"]
    for prefix in ("teams", "applications", "projects"):
        for path in ("new/", f"edit/{project.pk}/", f"delete/{project.pk}/", f"copy/{project.pk}/"):
            assert client.get(f"/admin/{prefix}/{path}").status_code == 404
            assert client.post(f"/admin/{prefix}/{path}", {"status": "cancelled"}).status_code == 404
    html = client.get(reverse("project_admin:index")).content.decode()
    assert reverse("project_admin:inspect", args=[project.pk]) in html
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_the_group_editor_offers_no_permissions_for_teams_applications_or_projects(client, people):
    client.force_login(people["superuser"])
    group = Group.objects.get(name="Knowledge brokers")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert f'value="{Permission.objects.get(codename="change_theme").pk}"' in html  # themes are editable
    for codename in ("change_team", "view_application", "delete_project"):
        permission = Permission.objects.get(codename=codename)
        assert f'value="{permission.pk}"' not in html


# What the listings show


def test_team_listing_shows_members_and_supervisor_and_filters_on_having_one(client, people, world):
    client.force_login(people["broker"])
    html = client.get(reverse("team_admin:index")).content.decode()
    assert "Karin Jansen" in html and "Team Zonder Docent" in html
    html = client.get(reverse("team_admin:index") + "?has_supervisor=false").content.decode()
    assert "Team Zonder Docent" in html and "De Groene Vleugel" not in html
    html = client.get(reverse("team_admin:index") + "?has_supervisor=true").content.decode()
    assert "De Groene Vleugel" in html and "Team Zonder Docent" not in html
    html = client.get(reverse("team_admin:index") + "?q=vleugel").content.decode()
    assert "De Groene Vleugel" in html and "Team Zonder Docent" not in html


def test_team_inspect_view_lists_the_members(client, people, world):
    client.force_login(people["editor"])
    html = client.get(reverse("team_admin:inspect", args=[world["team"].pk])).content.decode()
    assert "Sanne de Vries" in html and "Daan Bakker" in html and "Karin Jansen" in html


def test_application_and_project_listings_filter(client, people, world):
    client.force_login(people["editor"])
    url = reverse("application_admin:index")
    html = client.get(url + f"?status={ApplicationStatus.WITHDRAWN}").content.decode()
    assert "Alleen ingetrokken" in html and "De Groene Vleugel" not in html
    html = client.get(url + "?has_supervisor=true").content.decode()
    assert "De Groene Vleugel" in html and "Alleen ingetrokken" not in html
    neighbourhood = world["only_withdrawn"].neighbourhood
    html = client.get(url + f"?neighbourhood={neighbourhood.pk}").content.decode()
    assert "Alleen ingetrokken" in html and "Wel aanmeldingen" not in html

    url = reverse("project_admin:index")
    html = client.get(url + f"?status={ProjectStatus.COMPLETED}").content.decode()
    assert "Team Vraagt Docent" in html and "De Groene Vleugel" not in html
    html = client.get(url + "?running=true").content.decode()
    assert "De Groene Vleugel" in html and "Team Zonder Docent" in html and "Team Vraagt Docent" not in html


def _csv_rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def _english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_team_listing_exports_csv(client, people, world):
    _english(people["broker"])
    client.force_login(people["broker"])
    response = client.get(reverse("team_admin:index") + "?export=csv&has_supervisor=true")
    assert response["Content-Disposition"] == 'attachment; filename="teams.csv"'
    rows = _csv_rows(response)
    assert rows[0] == ["Team name", "Members", "Supervisor", "Created at", "Short description"]
    assert [row[:3] for row in rows[1:]] == [["De Groene Vleugel", "2", "Karin Jansen"]]


def test_csv_export_keeps_a_formula_as_text(client, people, world):
    TeamMembershipFactory(team=TeamFactory(name="=HYPERLINK(\"https://example.org\")"))
    client.force_login(people["broker"])
    rows = _csv_rows(client.get(reverse("team_admin:index") + "?export=csv"))
    assert ["'=HYPERLINK(\"https://example.org\")"] in [row[:1] for row in rows]


def test_xlsx_export_is_offered_and_works(client, people, world):
    client.force_login(people["editor"])
    for url, header, teams in (
        (
            reverse("project_admin:index"),
            ("Team", "Uitdaging", "Status", "Begeleider", "Begonnen op", "Opgeleverd op", "Afgerond op", "Gestopt op",
             "Waardering"),
            {"De Groene Vleugel", "Team Zonder Docent", "Team Vraagt Docent", "Team Docent Gestopt"},
        ),
        (
            reverse("marketplace_reports:teams_without_supervisor"),
            ("Team", "Leden", "Begeleiding", "Aangemaakt op"),
            {"Team Zonder Docent", "Team Vraagt Docent", "Team Docent Gestopt"},
        ),
    ):
        assert f'href="{url}?export=xlsx"' in client.get(url).content.decode()
        response = client.get(url + "?export=xlsx")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == header, url
        assert {row[0] for row in rows[1:]} == teams, url


# What the reports list


def test_challenges_awaiting_review_lists_challenges_with_a_review_in_progress(world):
    titles = {challenge.title for challenge in challenges_awaiting_review()}
    assert titles == {"Speeltuin in review", "Bankjes, wijziging in review"}


def test_challenges_without_applications_lists_quiet_live_open_challenges(world):
    titles = {challenge.title for challenge in challenges_without_applications()}
    # The live challenge with changes in review is quiet too: its live version is open.
    assert titles == {"Stille vraag", "Alleen ingetrokken", "Bankjes, wijziging in review"}


def test_teams_without_supervisor_lists_teams_with_members_and_nobody_supervising(world):
    rows = {team.name: (team.member_count, team.asked) for team in teams_without_supervisor()}
    # Not the supervised team, nor the one without members; an ended supervision leaves a team without one.
    assert rows == {
        "Team Zonder Docent": (1, False),
        "Team Vraagt Docent": (1, True),
        "Team Docent Gestopt": (1, False),
    }


def test_projects_with_overdue_milestones_lists_running_projects_only(world):
    rows = {
        project.pk: (project.overdue_count, project.oldest_due_date) for project in projects_with_overdue_milestones()
    }
    today = timezone.localdate()
    assert rows == {
        world["project"].pk: (1, today - timedelta(days=3)),
        world["delivered"].pk: (1, today - timedelta(days=1)),
    }


def test_reports_show_their_rows_to_a_broker(client, people, world):
    client.force_login(people["broker"])
    expectations = {
        "awaiting_review": (["Speeltuin in review"], ["Nog een concept", "Stille vraag"]),
        "without_applications": (["Stille vraag", "Alleen ingetrokken"], ["Wel aanmeldingen", "Net gepubliceerd"]),
        "teams_without_supervisor": (["Team Zonder Docent", "Team Vraagt Docent"], ["Team Zonder Leden"]),
        "overdue_milestones": (["De Groene Vleugel", "Team Zonder Docent"], ["Team Vraagt Docent"]),
    }
    for name, (shown, hidden) in expectations.items():
        html = client.get(reverse(f"marketplace_reports:{name}")).content.decode()
        for text in shown:
            assert text in html, (name, text)
        for text in hidden:
            assert text not in html, (name, text)


def test_overdue_milestones_report_exports_csv(client, people, world):
    _english(people["editor"])
    client.force_login(people["editor"])
    response = client.get(reverse("marketplace_reports:overdue_milestones") + "?export=csv")
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="projects-with-overdue-milestones-{today.isoformat()}.csv"'
    )
    rows = _csv_rows(response)
    assert rows[0] == ["Team", "Challenge", "Supervisor", "Status", "Overdue milestones", "Oldest due date"]
    challenge = world["project"].challenge
    # The longest overdue first.
    assert rows[1:] == [
        ["De Groene Vleugel", challenge.title, "Karin Jansen", "Active", "1", (today - timedelta(days=3)).isoformat()],
        ["Team Zonder Docent", world["delivered"].challenge.title, "", "Delivered", "1",
         (today - timedelta(days=1)).isoformat()],
    ]


# The dashboard


def test_dashboard_panel_counts_and_links_to_the_reports(client, people, world):
    client.force_login(people["broker"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in REPORT_URL_NAMES:
        assert reverse(f"marketplace_reports:{name}") in html

    counts = [item["count"] for item in MarketplaceDashboardPanel().get_context_data({})["counts"]]
    # open (quiet, only withdrawn, applied, recent, live in review), in review, quiet,
    # running projects, teams without a supervisor, projects with overdue milestones
    assert counts == [5, 2, 3, 3, 3, 2]


# Bounded queries


def _grow(challenge_index, people, times):
    for number in range(times):
        team = TeamFactory(name=f"Extra team {number}")
        TeamMembershipFactory(team=team)
        project = _project(challenge_index, team)
        _milestone(project, -1)
        _published(challenge_index, 30, title=f"Extra stille vraag {number}")
        _in_review(challenge_index, people["poster"], title=f"Extra review {number}")


def test_dashboard_panel_takes_six_queries_whatever_the_data(people, world, challenge_index, django_assert_num_queries):
    """One count each: open challenges, challenges in review, challenges without applications,
    running projects, teams without a supervisor, projects with overdue milestones (the content
    types for the review count are cached)."""
    MarketplaceDashboardPanel().get_context_data({})
    with django_assert_num_queries(6):
        MarketplaceDashboardPanel().get_context_data({})
    _grow(challenge_index, people, 5)
    with django_assert_num_queries(6):
        MarketplaceDashboardPanel().get_context_data({})


def test_listings_and_reports_do_not_grow_with_the_data(client, people, world, challenge_index):
    client.force_login(people["broker"])
    urls = [reverse(name) for name in ("team_admin:index", "application_admin:index", "project_admin:index")]
    urls += [reverse(f"marketplace_reports:{name}") for name in REPORT_URL_NAMES]
    urls += [url + "?export=csv" for url in urls]

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        return len(queries.captured_queries)

    for url in urls:
        count(url)  # warm the caches (content types, site root paths)
    small = {url: count(url) for url in urls}
    _grow(challenge_index, people, 8)
    assert {url: count(url) for url in urls} == small
