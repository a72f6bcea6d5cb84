"""The demo data is for demos: under production settings seed_demo refuses unless told, and then
no account gets the password or authenticator key printed in the README."""

import re
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from accounts.models import User
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.accounts.helpers import totp_code

pytestmark = pytest.mark.django_db

LINE = re.compile(r"(?P<email>\S+@\S+)  password: (?P<password>\S+)(?:  authenticator key: (?P<key>\S+))?$")


@pytest.fixture
def production(settings):
    settings.PRODUCTION = True


def test_seed_demo_refuses_production_settings_unless_told(production):
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo", stdout=StringIO())

    assert User.objects.count() == 0


def test_seed_demo_on_production_gives_each_account_its_own_password_shown_once(production):
    out = StringIO()
    call_command("seed_demo", "--allow-production", stdout=out)

    printed = {match["email"]: match for match in map(LINE.search, out.getvalue().splitlines()) if match}
    assert sorted(printed) == sorted(account.email for account in DEMO_ACCOUNTS)
    assert DEMO_PASSWORD not in out.getvalue()
    assert DEMO_TOTP_SECRET not in out.getvalue()
    assert len({match["password"] for match in printed.values()}) == len(DEMO_ACCOUNTS)
    for email, match in printed.items():
        user = User.objects.get(email=email)
        assert user.check_password(match["password"]) is True
        assert user.check_password(DEMO_PASSWORD) is False
    lecturer = Authenticator.objects.get(user__email="demo.docent@hsleiden.nl", type=Authenticator.Type.TOTP)
    assert lecturer.wrap().validate_code(totp_code(printed["demo.docent@hsleiden.nl"]["key"])) is True
    assert printed["bewoner@example.org"]["key"] is None  # a resident logs in without two-step login

    # A second run leaves the accounts (and their passwords) alone and shows no password again.
    passwords = dict(User.objects.values_list("email", "password"))
    again = StringIO()
    call_command("seed_demo", "--allow-production", stdout=again)

    assert dict(User.objects.values_list("email", "password")) == passwords
    assert "password:" not in again.getvalue()
