"""Sign-up and verification as people meet them on the site, bad input included."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "display_name": "Sanne de Vries",
    "email": "sanne@umail.leidenuniv.nl",
    "password1": "groene-binnentuin-2026",
    "password2": "groene-binnentuin-2026",
}


def signup(client, language="nl", **overrides):
    prefix = "/en" if language == "en" else ""
    return client.post(f"{prefix}/accounts/signup/", {**GOOD, **overrides})


def test_signup_creates_an_unverified_account_and_mails_a_link(client, institutions):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="sanne@umail.leidenuniv.nl")
    assert user.display_name == "Sanne de Vries"
    assert user.preferred_language == "nl"
    assert not EmailAddress.objects.get(user=user).verified
    (message,) = mail.outbox
    assert message.subject == "[Leren met de Stad] Bevestig je e-mailadres"
    assert "Bevestig dat het van jou is door deze link te openen:\nhttp://testserver/accounts/confirm-email/" in (
        message.body
    )


def test_signup_in_english_mails_in_english(client, institutions):
    signup(client, language="en")
    user = User.objects.get(email="sanne@umail.leidenuniv.nl")
    assert user.preferred_language == "en"
    (message,) = mail.outbox
    assert message.subject == "[Leren met de Stad] Please Confirm Your Email Address"
    assert "Confirm that it is yours by opening this link:\nhttp://testserver/en/accounts/confirm-email/" in (
        message.body
    )


def test_following_the_link_verifies_and_makes_a_student(client, institutions):
    signup(client, language="en")
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 200
    response = client.post(link, follow=True)
    assert EmailAddress.objects.get(email="sanne@umail.leidenuniv.nl").verified
    assert "Student at Leiden University" in response.content.decode()


def test_tampered_link_verifies_nothing(client, institutions):
    signup(client)
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    tampered = link.rstrip("/")[:-4] + "abcd/"
    response = client.get(tampered)
    assert response.status_code == 200
    assert "verlopen of niet geldig" in response.content.decode()
    client.post(tampered)
    assert not EmailAddress.objects.get(email="sanne@umail.leidenuniv.nl").verified


@pytest.mark.parametrize(
    ("language", "overrides", "message"),
    [
        ("nl", {"email": "sanne@umail"}, "Voer een geldig e-mailadres in"),
        ("en", {"email": "sanne@umail"}, "Enter a valid email address"),
        ("nl", {"password1": "welkom123", "password2": "welkom123"}, "Dit wachtwoord is te kort"),
        ("en", {"password1": "welkom123", "password2": "welkom123"}, "This password is too short"),
        ("nl", {"password2": "iets-anders-2026"}, "hetzelfde wachtwoord"),
        ("nl", {"email": "sanne@umail.leidenunlv.nl"}, "lijkt op een adres van Universiteit Leiden"),
        ("en", {"email": "sanne@umail.leidenuniv.nl.example.com"}, "looks like an address of Leiden University"),
        ("en", {"email": "sanne@umail.leidenunіv.nl"}, "only look like ordinary letters"),  # Cyrillic і
        ("nl", {"display_name": ""}, "verplicht"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_created(client, institutions, language, overrides, message):
    response = signup(client, language=language, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert mail.outbox == []
    if overrides.get("display_name") != "":
        assert 'value="Sanne de Vries"' in html  # what was typed is still there


def test_taken_address_creates_nothing_and_tells_only_the_owner(client, institutions):
    """Enumeration is prevented: the form answers as for a new address, and the owner of
    the address gets an e-mail saying someone tried to sign up with it."""
    owner = UserFactory(email="sanne@umail.leidenuniv.nl")
    response = signup(client)
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert EmailAddress.objects.get().user == owner
    (message,) = mail.outbox
    assert message.to == ["sanne@umail.leidenuniv.nl"]
    assert "account" in message.body.lower()


def test_unverified_user_cannot_log_in_until_verified(client):
    UserFactory(email="bram@example.org", verified=False)
    response = client.post(
        "/accounts/login/", {"login": "bram@example.org", "password": "a-long-test-password-42"}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session


def test_too_many_wrong_passwords_are_stopped(client):
    UserFactory(email="bram@example.org")
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": "bram@example.org", "password": "wrong-password"})
        assert "not correct" in response.content.decode()
    response = client.post("/en/accounts/login/", {"login": "bram@example.org", "password": "wrong-password"})
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(
        "/en/accounts/login/", {"login": "bram@example.org", "password": "a-long-test-password-42"}
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("path", "title", "button"),
    [
        ("/accounts/signup/", "Account aanmaken", "Account aanmaken"),
        ("/en/accounts/signup/", "Sign up", "Sign up"),
        ("/accounts/login/", "Inloggen", "Inloggen"),
        ("/en/accounts/login/", "Log in", "Log in"),
    ],
)
def test_the_page_title_is_the_words_of_the_header_button_that_led_there(client, home_page, path, title, button):
    html = client.get(path).content.decode()
    assert re.search(r"<title>\s*" + re.escape(title) + r"\s*·", html), re.search(r"<title>.*?</title>", html, re.S)
    assert re.search(r'class="(account-menu__link|button button--small)" href="[^"]+">' + re.escape(button) + "<", html)
