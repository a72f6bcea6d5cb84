"""The first administrator of a new server logs in without any e-mail being sent:
``manage.py create_administrator`` makes a superuser whose address counts as verified, where
``createsuperuser`` leaves one that allauth's mandatory verification stops at "confirm your
e-mail"."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "beheer-van-de-stad-2026"  # noqa: S105


def _log_in(client, email, password=PASSWORD):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def _create(monkeypatch, email="beheer@gemeente.example", display_name="Beheer Gemeente", password=PASSWORD):
    monkeypatch.setenv("ADMINISTRATOR_PASSWORD", password)
    call_command("create_administrator", email=email, display_name=display_name, no_input=True)


def test_the_administrator_logs_in_at_once_without_an_email(client, monkeypatch, mailoutbox):
    _create(monkeypatch, email="Beheer@Gemeente.example")

    response = _log_in(client, "beheer@gemeente.example")

    user = User.objects.get()
    assert (user.email, user.display_name, user.is_superuser, user.is_staff) == (
        "beheer@gemeente.example", "Beheer Gemeente", True, True
    )
    assert list(EmailAddress.objects.values_list("email", "primary", "verified")) == [
        ("beheer@gemeente.example", True, True)
    ]
    assert response.status_code == 302
    assert response.url == "/mijn-pagina/"  # My page, in the account's language (Dutch)
    assert mailoutbox == []


def test_a_plain_createsuperuser_account_waits_for_an_email(client, monkeypatch):
    """What the command is for: the stock command's account cannot log in on a new server."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser", email="beheer@gemeente.example", display_name="Beheer Gemeente", interactive=False,
        verbosity=0,
    )

    response = _log_in(client, "beheer@gemeente.example")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_an_address_with_an_account_is_refused_and_nothing_changes(monkeypatch):
    UserFactory(email="beheer@gemeente.example", is_superuser=False)

    with pytest.raises(CommandError, match="Er bestaat al een account met dit e-mailadres"):
        _create(monkeypatch, email="BEHEER@gemeente.example")

    assert list(User.objects.values_list("email", "is_superuser")) == [("beheer@gemeente.example", False)]


def test_a_weak_password_is_refused_and_nothing_is_created(monkeypatch):
    with pytest.raises(CommandError, match="Dit wachtwoord is te kort"):
        _create(monkeypatch, password="kort")

    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_without_input_the_password_must_be_in_the_environment(monkeypatch):
    monkeypatch.delenv("ADMINISTRATOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="Set ADMINISTRATOR_PASSWORD"):
        call_command("create_administrator", email="beheer@gemeente.example", display_name="Beheer", no_input=True)

    assert not User.objects.exists()
