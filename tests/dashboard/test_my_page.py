import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import lecturer_candidacy_sync
from marketplace.services.teams import team_create, team_invite_email
from tests.factories import EmailAddressFactory, GroupFactory, OrganisationMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_my_page_needs_a_login(client):
    response = client.get("/mijn-pagina/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_my_page_shows_each_role_with_next_steps(client, institutions):
    user = UserFactory(email="k.jansen@hsleiden.nl", display_name="Karin")
    EmailAddressFactory(user=user, email="karin@umail.leidenuniv.nl")
    lecturer_candidacy_sync(user=user)
    OrganisationMembershipFactory(user=user, organisation__name="Buurthuis De Kooi")
    user.groups.add(GroupFactory(name="Knowledge brokers"))
    client.force_login(user)
    html = client.get("/en/my-page/").content.decode()
    assert "Student at Leiden University" in html
    assert "Lecturer at Leiden University of Applied Sciences — waiting for approval" in html
    assert "Member of Buurthuis De Kooi" in html
    assert "Knowledge broker" in html
    assert "Resident" in html


def test_my_page_without_an_institution_invites_to_add_an_address(client):
    client.force_login(UserFactory(email="anneke@example.org"))
    html = client.get("/mijn-pagina/").content.decode()
    assert '<h2 id="institution-heading">Studeer of werk je als docent in Leiden?</h2>' in html
    assert "/accounts/email/" in html


def test_my_page_query_count_does_not_grow(client, institutions):
    """My page reads, whatever the data: session and user; the roles (verified addresses,
    institutions, lecturer approvals, groups); the challenge index for the navigation and for
    the student's next steps; the person's challenges; team memberships with sizes; open team
    invitations (confirmed addresses, invitations); supervision requests and supervised teams;
    the unverified-address check; the header's unread notifications count; organisation
    memberships. Measured with 1 and with 9 of each (teams, invitations, memberships)."""
    user = UserFactory(email="sanne@umail.leidenuniv.nl")
    inviter = UserFactory(email="daan@student.hsleiden.nl")
    client.force_login(user)
    counts = []
    for size in (1, 8):
        for n in range(size):
            number = len(counts) * 10 + n
            OrganisationMembershipFactory(user=user)
            team_create(actor=user, name=f"Team {number}")
            other = team_create(actor=inviter, name=f"Ander team {number}")
            team_invite_email(team=other, actor=inviter, email=user.email)
            EmailAddressFactory(user=user, email=f"sanne{number}@student.hsleiden.nl")
        client.get("/mijn-pagina/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/mijn-pagina/").content.decode()
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
    assert html.count('data-role="organisation-member"') == 9
    assert html.count('member-list__name">Ander team') == 9


def test_only_editors_and_brokers_reach_the_admin(client):
    for groups, expected in [((), 302), (("Editors",), 200), (("Knowledge brokers",), 200)]:
        user = UserFactory(mfa=bool(groups))
        for name in groups:
            user.groups.add(GroupFactory(name=name))
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == expected, groups
        client.logout()


def test_admin_login_goes_through_the_site_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
