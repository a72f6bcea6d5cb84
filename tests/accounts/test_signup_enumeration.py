"""Signing up with an address that has an account looks and costs the same as with a new one:
the same page, one e-mail, and one password hash, the slowest step of a sign-up. Counting the
hashes instead of timing them keeps the test exact; scripts/benchmark_signup.py measures the
times with the production hasher."""

import pytest
from allauth.account import forms as allauth_forms
from django.contrib.auth.hashers import get_hasher
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = "sanne@umail.leidenuniv.nl"
KNOWN = "daan@student.hsleiden.nl"


@pytest.fixture
def hashes(monkeypatch):
    """Every password the configured hasher encodes from now on."""
    hasher_class = type(get_hasher())
    encoded = []
    original = hasher_class.encode

    def counting_encode(self, password, salt, *args, **kwargs):
        encoded.append(password)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher_class, "encode", counting_encode)
    return encoded


def _sign_up(client, email):
    return client.post(
        "/accounts/signup/",
        {
            "display_name": "Sanne de Vries",
            "email": email,
            "password1": "groene-binnentuin-2026",
            "password2": "groene-binnentuin-2026",
        },
    )


def _cost_of_signing_up(client, email, hashes):
    hashes.clear()
    mail.outbox = []
    response = _sign_up(client, email)
    return response.status_code, response["Location"], len(hashes), len(mail.outbox)


def test_a_known_address_costs_one_hash_and_one_email_like_a_new_one(client, institutions, hashes):
    UserFactory(email=KNOWN)
    known = _cost_of_signing_up(client, KNOWN, hashes)
    new = _cost_of_signing_up(client, NEW, hashes)
    assert new == (302, "/accounts/confirm-email/", 1, 1)
    assert known == new
    assert User.objects.filter(email=KNOWN).count() == 1


def test_the_hash_for_a_known_address_stores_nothing(client, institutions, hashes):
    owner = UserFactory(email=KNOWN)
    password_before = owner.password
    hashes.clear()
    _sign_up(client, KNOWN)
    owner.refresh_from_db()
    assert owner.password == password_before
    assert hashes == ["groene-binnentuin-2026"]


def test_a_sign_up_that_fails_halfway_leaves_no_account(client, institutions, monkeypatch):
    """The user, their name and their address are written together or not at all."""

    def broken_setup(*args, **kwargs):
        raise RuntimeError("the address could not be stored")

    monkeypatch.setattr(allauth_forms, "setup_user_email", broken_setup)
    with pytest.raises(RuntimeError):
        _sign_up(client, NEW)
    assert not User.objects.exists()
