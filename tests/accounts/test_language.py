"""Dutch at unprefixed URLs, English under /en/, and a choice that sticks."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_dutch_is_the_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Leidse vragen" in response.content.decode()


def test_english_lives_under_en(client, home_page):
    response = client.get("/en/")
    assert '<html lang="en">' in response.content.decode()
    assert "Questions from Leiden" in response.content.decode()


def test_switching_keeps_you_on_the_same_page(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/"
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/en/accounts/login/"})
    assert response["Location"] == "/accounts/login/"


def test_the_choice_sticks_across_visits(client, home_page):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    client.post("/i18n/setlang/", {"language": "nl", "next": "/en/"})
    assert client.get("/").status_code == 200


def test_the_choice_is_remembered_on_the_account(client, home_page):
    user = UserFactory(preferred_language="nl")
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_a_new_device_follows_the_account_language(client, home_page):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.get("/mijn-pagina/")
    assert response.status_code == 302
    assert response["Location"] == "/en/my-page/"


def test_untranslated_paths_are_left_alone(client, home_page):
    client.cookies["django_language"] = "en"
    assert client.get("/healthz").status_code == 200


def test_profile_saves_language_and_keeps_typed_text_on_error(client, institutions):
    user = UserFactory(email="sanne@umail.leidenuniv.nl", display_name="Sanne")
    client.force_login(user)
    response = client.post(
        "/mijn-pagina/profiel/",
        {"display_name": "Sanne de Vries", "preferred_language": "en", "programme": "Biologie", "study_year": "12",
         "skills": "Vogels tellen"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vogels tellen" in html and 'value="Biologie"' in html
    assert "hoogstens 8" in html
    user.refresh_from_db()
    assert user.display_name == "Sanne" and user.programme == ""
    response = client.post(
        "/mijn-pagina/profiel/",
        {"display_name": "Sanne de Vries", "preferred_language": "en", "programme": "Biologie", "study_year": "3",
         "skills": "Vogels tellen"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/my-page/profiel/"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language, user.study_year) == ("Sanne de Vries", "en", 3)


def test_the_greeting_after_login_is_in_the_language_of_the_page_one_lands_on(client, institutions):
    UserFactory(email="sophie@umail.leidenuniv.nl", display_name="Sophie Bakker", preferred_language="en")
    response = client.post(
        "/accounts/login/", {"login": "sophie@umail.leidenuniv.nl", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert response.request["PATH_INFO"].startswith("/en/")
    assert "Successfully signed in as Sophie Bakker." in html
    assert "ingelogd" not in html
