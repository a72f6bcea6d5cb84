import pytest

from accounts.services import lecturer_candidacy_sync
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
    assert "Studeer" in html or "studeer" in html
    assert "/accounts/email/" in html


def test_my_page_query_count_does_not_grow(client, institutions, django_assert_max_num_queries):
    """Session and user, verified addresses, institutions, lecturer approvals, groups,
    memberships and the unverified-address check: a fixed number, whatever the data."""
    user = UserFactory(email="sanne@umail.leidenuniv.nl")
    OrganisationMembershipFactory(user=user)
    client.force_login(user)
    client.get("/mijn-pagina/")
    with django_assert_max_num_queries(15) as small:
        client.get("/mijn-pagina/")
    small_count = len(small.captured_queries)  # read now: the next request clears the log
    for n in range(8):
        EmailAddressFactory(user=user, email=f"sanne{n}@student.hsleiden.nl")
        OrganisationMembershipFactory(user=user)
    with django_assert_max_num_queries(small_count):
        html = client.get("/mijn-pagina/").content.decode()
    assert html.count('data-role="organisation-member"') == 9


def test_only_editors_and_brokers_reach_the_admin(client):
    for groups, expected in [((), 302), (("Editors",), 200), (("Knowledge brokers",), 200)]:
        user = UserFactory()
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
