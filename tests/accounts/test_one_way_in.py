"""Every login goes through allauth (PRODUCT.md rule 7): Wagtail's own front-end login is not a
second way in, and the admin sends no e-mail hash to Gravatar."""

import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "login"),
    [
        ("/_util/login/?next=/mijn-pagina/", "/accounts/login/?next=/mijn-pagina/"),
        ("/en/_util/login/?next=/en/my-page/", "/en/accounts/login/?next=/en/my-page/"),
    ],
)
def test_wagtails_front_end_login_sends_people_to_the_sites_login(client, path, login):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == login


@pytest.mark.parametrize(
    ("path", "login"), [("/_util/login/", "/accounts/login/"), ("/en/_util/login/", "/en/accounts/login/")]
)
def test_an_unverified_person_cannot_log_in_through_wagtails_login(client, path, login):
    user = UserFactory(verified=False)
    response = client.post(path, {"username": user.email, "password": PASSWORD, "next": "/mijn-pagina/"})
    assert response.status_code == 302
    assert response["Location"] == login
    assert SESSION_KEY not in client.session
    assert client.get("/mijn-pagina/").status_code == 302  # still not logged in


def test_the_admin_loads_no_avatar_from_gravatar(client):
    editor = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
