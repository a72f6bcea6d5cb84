"""Re-authentication (issue 12): a session alone does not let anyone move the account to another
e-mail address, change its password or change its two-step login. Whoever last confirmed with
their password or a two-step code more than five minutes ago confirms again first."""

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import totp_code
from tests.factories import PASSWORD, TOTP_SECRET, EmailAddressFactory, UserFactory

pytestmark = pytest.mark.django_db

CONFIRM = "/accounts/reauthenticate/"
EMAIL = "/accounts/email/"


def _log_in_and_confirm(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    client.post(CONFIRM, {"password": PASSWORD})


def _six_minutes_pass(client):
    """Move every authentication this session recorded six minutes into the past."""
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - 6 * 60} for record in session[AUTHENTICATION_METHODS_SESSION_KEY]
    ]
    session.save()


def test_a_stale_session_cannot_add_an_email_address(client):
    user = UserFactory()
    _log_in_and_confirm(client, user)
    _six_minutes_pass(client)
    response = client.post(EMAIL, {"email": "aanvaller@example.net", "action_add": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{CONFIRM}?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="aanvaller@example.net").exists()


def test_after_confirming_the_password_the_address_is_added(client):
    """The request that was stopped goes on once the password is confirmed."""
    user = UserFactory()
    client.force_login(user)
    client.post(EMAIL, {"email": "nieuw@example.org", "action_add": ""})
    assert not EmailAddress.objects.filter(email="nieuw@example.org").exists()
    client.post(f"{CONFIRM}?next=%2Faccounts%2Femail%2F", {"password": PASSWORD, "next": EMAIL})
    assert EmailAddress.objects.get(email="nieuw@example.org").user == user


def test_a_wrong_password_adds_nothing(client):
    user = UserFactory()
    client.force_login(user)
    client.post(EMAIL, {"email": "nieuw@example.org", "action_add": ""})
    response = client.post(f"{CONFIRM}?next=%2Faccounts%2Femail%2F", {"password": "fout", "next": EMAIL})
    assert response.status_code == 200
    assert not EmailAddress.objects.filter(email="nieuw@example.org").exists()


def test_within_five_minutes_of_confirming_the_address_is_added_at_once(client):
    user = UserFactory()
    _log_in_and_confirm(client, user)
    response = client.post(EMAIL, {"email": "nieuw@example.org", "action_add": ""})
    assert response["Location"] == EMAIL
    assert EmailAddress.objects.filter(email="nieuw@example.org", user=user).exists()


def test_a_stale_session_cannot_make_another_address_primary(client):
    user = UserFactory()
    other = EmailAddressFactory(user=user, email="tweede@example.org", verified=True)
    _log_in_and_confirm(client, user)
    _six_minutes_pass(client)
    response = client.post(EMAIL, {"email": other.email, "action_primary": ""})
    assert response["Location"].startswith(CONFIRM)
    assert EmailAddress.objects.get(user=user, primary=True).email == user.email


def test_a_stale_session_cannot_remove_an_address(client):
    user = UserFactory()
    other = EmailAddressFactory(user=user, email="tweede@example.org", verified=True)
    client.force_login(user)
    response = client.post(EMAIL, {"email": other.email, "action_remove": ""})
    assert response["Location"].startswith(CONFIRM)
    assert EmailAddress.objects.filter(pk=other.pk).exists()


def test_changing_the_password_asks_for_the_current_one(client):
    user = UserFactory()
    client.force_login(user)
    new = "een-nieuw-wachtwoord-77"
    response = client.post(
        "/accounts/password/change/", {"oldpassword": "niet-het-wachtwoord", "password1": new, "password2": new}
    )
    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_turning_two_step_login_off_asks_for_confirmation_first(client):
    user = UserFactory(mfa=True)
    client.force_login(user)
    response = client.get("/accounts/2fa/totp/deactivate/")
    assert response["Location"] == f"{CONFIRM}?next=%2Faccounts%2F2fa%2Ftotp%2Fdeactivate%2F"


def test_a_person_with_two_step_login_may_confirm_with_a_code(client):
    user = UserFactory(mfa=True)
    client.force_login(user)
    confirm = client.get(f"{CONFIRM}?next=%2Faccounts%2F2fa%2Ftotp%2Fdeactivate%2F")
    assert reverse("mfa_reauthenticate") in confirm.content.decode()
    response = client.post(
        reverse("mfa_reauthenticate"), {"code": totp_code(TOTP_SECRET), "next": "/accounts/2fa/totp/deactivate/"}
    )
    assert response["Location"] == "/accounts/2fa/totp/deactivate/"
    assert client.get("/accounts/2fa/totp/deactivate/").status_code == 200
