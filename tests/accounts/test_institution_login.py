"""Log in with your institution (SURFconext): what the claims make of a person, who may come in
this way, what they are told, and what the site keeps. The whole journey in a browser against a
real OpenID Connect provider: tests/browser/test_institution_login.py."""

import os
import subprocess
import sys
import time
from pathlib import Path
from unittest.mock import PropertyMock, patch
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.base import AuthError, AuthProcess
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from requests import ConnectionError as RequestsConnectionError

from accounts.adapter import (
    INSTITUTION_REAUTHENTICATED_AT,
    REAUTHENTICATION_STATE_SESSION_KEY,
    SocialAccountAdapter,
    institution_logged_in,
    institution_recently_reauthenticated,
)
from accounts.choices import DomainKind, LecturerStatus
from accounts.claims import InstitutionClaims
from accounts.models import InstitutionAffiliation, LecturerApproval, User
from accounts.selectors import institution_login_enabled, user_roles
from accounts.services import institution_login_sync
from config.settings.env import institution_login_app, origin_of
from tests.factories import LecturerApprovalFactory, UserFactory
from tests.privacy.helpers import download

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
ISSUER = "https://connect.test.surfconext.nl"


@pytest.fixture
def configured(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [institution_login_app(ISSUER, "leren-met-de-stad", "geheim")]}
    }


def claims(**values):
    values.setdefault("sub", "persoon-1")
    return {"id_token": {"iss": ISSUER, "sub": values["sub"], "aud": "leren-met-de-stad"}, "userinfo": values}


def connected(user, **values) -> SocialAccount:
    return SocialAccount.objects.create(user=user, provider="surfconext", uid=values.get("sub", "persoon-1"),
                                        extra_data=claims(**values))


def fresh(user) -> User:
    """The person as the next request loads them (no roles worked out yet)."""
    return User.objects.get(pk=user.pk)


def a_request(rf, user=None, path="/"):
    request = rf.get(path)
    SessionMiddleware(lambda r: None).process_request(request)
    MessageMiddleware(lambda r: None).process_request(request)
    request.user = user or AnonymousUser()
    return request


# What the claims say


def test_the_user_info_is_read_over_the_id_token_and_scoped_affiliations_count():
    read = InstitutionClaims.from_extra_data({
        "id_token": {"iss": f"{ISSUER}/", "email": "oud@example.org"},
        "userinfo": {
            "email": "N.Bakker@UMail.LeidenUniv.nl", "email_verified": "true", "given_name": "Noor",
            "family_name": "Bakker", "schac_home_organization": ["LeidenUniv.nl"],
            "eduperson_scoped_affiliation": ["student@leidenuniv.nl"], "eduperson_affiliation": "member",
        },
    })
    assert read.issuer == ISSUER
    assert read.email == "n.bakker@umail.leidenuniv.nl" and read.email_verified
    assert read.name == "Noor Bakker"
    assert read.organisation == "leidenuniv.nl"
    assert read.affiliations == {"student", "member"}
    assert read.kinds == {DomainKind.STUDENT}


@pytest.mark.parametrize("value", [None, False, "false", "yes", 1])
def test_an_address_counts_as_verified_only_when_the_institution_says_true(value):
    assert not InstitutionClaims.from_extra_data(claims(email="a@example.org", email_verified=value)).email_verified


def test_a_scoped_affiliation_counts_only_for_the_organisation_it_names():
    read = InstitutionClaims.from_extra_data(claims(
        schac_home_organization="leidenuniv.nl",
        eduperson_scoped_affiliation=["student@tudelft.nl", "employee@lumc.leidenuniv.nl"],
    ))
    assert read.affiliations == {"employee"}


def test_an_answer_that_does_not_say_when_the_person_logged_in_is_not_fresh():
    assert not InstitutionClaims.from_extra_data(claims()).logged_in_within(300)
    fresh = claims()
    fresh["id_token"]["auth_time"] = int(time.time()) - 5
    assert InstitutionClaims.from_extra_data(fresh).logged_in_within(300)


def test_employee_and_faculty_are_staff_and_other_affiliations_are_nothing():
    kinds = InstitutionClaims.from_extra_data(claims(eduperson_affiliation=["faculty", "alum", "affiliate"])).kinds
    assert kinds == {DomainKind.STAFF}
    assert InstitutionClaims.from_extra_data(claims(eduperson_affiliation=["member", "alum"])).kinds == set()


# What a login makes of the person


def test_a_student_of_a_taking_part_institution_becomes_its_student(institutions):
    user = UserFactory(email="noor@example.org")
    outcome = institution_login_sync(account=connected(
        user, schac_home_organization="leidenuniv.nl", eduperson_affiliation=["student", "member"]
    ))
    assert outcome.institution == institutions["UL"] and outcome.student
    assert user_roles(fresh(user)).student_of == [institutions["UL"]]
    assert not LecturerApproval.objects.exists()


def test_staff_wait_for_an_editor_unless_the_institution_is_trusted(institutions):
    jan = UserFactory(email="jan@example.org")
    outcome = institution_login_sync(account=connected(
        jan, schac_home_organization="hsleiden.nl", eduperson_affiliation=["employee"]
    ))
    assert outcome.lecturer.status == LecturerStatus.PENDING
    roles = user_roles(fresh(jan))
    assert roles.lecturer_candidate_of == [institutions["HSL"]] and not roles.is_lecturer

    institutions["UL"].trusted_for_lecturers = True
    institutions["UL"].save()
    els = UserFactory(email="els@example.org")
    outcome = institution_login_sync(account=connected(
        els, sub="els", schac_home_organization="leidenuniv.nl", eduperson_affiliation=["faculty"]
    ))
    assert outcome.lecturer.status == LecturerStatus.APPROVED and outcome.lecturer.decided_by is None
    assert user_roles(fresh(els)).lecturer_of == [institutions["UL"]]


def test_an_editors_no_to_a_lecturer_stands_even_at_a_trusted_institution(institutions):
    institutions["UL"].trusted_for_lecturers = True
    institutions["UL"].save()
    user = UserFactory(email="geweigerd@example.org")
    LecturerApprovalFactory(user=user, institution=institutions["UL"], status=LecturerStatus.REJECTED)
    institution_login_sync(account=connected(user, schac_home_organization="leidenuniv.nl",
                                             eduperson_affiliation=["employee"]))
    assert LecturerApproval.objects.get(user=user).status == LecturerStatus.REJECTED
    assert not user_roles(fresh(user)).is_lecturer


def test_an_approved_lecturer_without_a_staff_address_lecturers_while_the_institution_says_so(institutions):
    user = UserFactory(email="docent@example.org")
    LecturerApprovalFactory(user=user, institution=institutions["HSL"], status=LecturerStatus.APPROVED)
    assert not user_roles(fresh(user)).is_lecturer  # an approval alone is no role
    account = connected(user, schac_home_organization="hsleiden.nl", eduperson_affiliation=["employee"])
    institution_login_sync(account=account)
    assert user_roles(fresh(user)).lecturer_of == [institutions["HSL"]]

    # The next login no longer says so (the person left): the role ends.
    account.extra_data = claims(schac_home_organization="hsleiden.nl", eduperson_affiliation=["alum"])
    account.save()
    institution_login_sync(account=account)
    assert not InstitutionAffiliation.objects.exists()
    assert not user_roles(fresh(user)).is_lecturer


def test_an_institution_that_does_not_take_part_or_is_not_named_gives_no_role(institutions):
    user = UserFactory(email="kim@example.org")
    outcome = institution_login_sync(account=connected(
        user, schac_home_organization="tudelft.nl", eduperson_affiliation=["student"]
    ))
    assert outcome.institution is None and outcome.claims.organisation == "tudelft.nl"
    outcome = institution_login_sync(account=connected(user, sub="kim-2", eduperson_affiliation=["student"]))
    assert outcome.claims.organisation == ""
    assert not InstitutionAffiliation.objects.exists()
    assert not user_roles(fresh(user)).has_institution_role


def test_removing_the_connection_ends_the_role_that_came_from_it(institutions):
    user = UserFactory(email="noor@example.org")
    account = connected(user, schac_home_organization="leidenuniv.nl", eduperson_affiliation=["student"])
    institution_login_sync(account=account)
    account.delete()
    assert not InstitutionAffiliation.objects.exists()
    assert not user_roles(fresh(user)).is_student


# What the person is told


@pytest.mark.parametrize(
    ("values", "nl", "en"),
    [
        ({"schac_home_organization": "leidenuniv.nl", "eduperson_affiliation": ["student"]},
         "Universiteit Leiden zegt dat je er studeert: je doet mee als student.",
         "Leiden University says you study there: you take part as a student."),
        ({"schac_home_organization": "hsleiden.nl", "eduperson_affiliation": ["employee"]},
         "Hogeschool Leiden zegt dat je er werkt. Een redacteur keurt je goed als docent",
         "Leiden University of Applied Sciences says you work there. An editor approves you as a lecturer"),
        ({"schac_home_organization": "leidenuniv.nl", "eduperson_affiliation": ["alum"]},
         "Universiteit Leiden zegt niet dat je er studeert of werkt, dus je doet mee als bewoner.",
         "Leiden University does not say that you study or work there, so you take part as a resident."),
        ({"schac_home_organization": "tudelft.nl", "eduperson_affiliation": ["student"]},
         "Je instelling (tudelft.nl) doet niet mee aan Leren met de Stad, dus je doet mee als bewoner",
         "Your institution (tudelft.nl) does not take part in Leren met de Stad, so you take part as a resident"),
        ({}, "Je instelling gaf niet door waar je studeert of werkt, dus je doet mee als bewoner.",
         "Your institution did not say where you study or work, so you take part as a resident."),
    ],
)
def test_each_outcome_is_told_in_the_persons_language(rf, institutions, configured, values, nl, en):
    user = UserFactory(email="iemand@example.org")
    account = connected(user, **values)
    for language, expected in (("nl", nl), ("en", en)):
        request = a_request(rf, user)
        login = SocialLogin(user=user, account=account)
        with translation.override(language):
            institution_logged_in(sender=User, request=request, user=user, sociallogin=login)
            told = [str(message) for message in get_messages(request)]
        assert len(told) == 1 and expected in told[0], (language, told)


# Who may come in this way


def refused(rf, login, language="nl"):
    with translation.override(language), pytest.raises(ImmediateHttpResponse) as refusal:
        SocialAccountAdapter().pre_social_login(a_request(rf), login)
    return refusal.value.response


def new_login(**values) -> SocialLogin:
    return SocialLogin(
        user=User(email=values.get("email", "")),
        account=SocialAccount(provider="surfconext", uid=values.get("sub", "nieuw"), extra_data=claims(**values)),
    )


def test_an_answer_from_another_issuer_is_refused(rf, configured):
    login = new_login(email="noor@example.org", email_verified=True)
    login.account.extra_data["id_token"]["iss"] = "https://evil.example.org"
    for language, text in (("nl", "kwam niet van SURFconext"), ("en", "it did not come from SURFconext")):
        response = refused(rf, login, language)
        assert response.status_code == 401 and text in response.content.decode()


def test_a_new_person_without_an_e_mail_address_is_refused(rf, configured):
    for language, text in (
        ("nl", "Je instelling gaf ons je e-mailadres niet"), ("en", "Your institution did not give us your e-mail"),
    ):
        response = refused(rf, new_login(name="Lotte Visser"), language)
        assert response.status_code == 403 and text in response.content.decode()
    assert not User.objects.exists()


def test_a_verified_address_of_an_existing_account_is_never_taken_over(rf, configured):
    UserFactory(email="sanne@example.org")
    response = refused(rf, new_login(email="Sanne@example.org", email_verified=True), "en")
    assert "There already is an account with the address sanne@example.org" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_an_unverified_address_of_an_existing_account_goes_the_way_a_sign_up_does(rf, configured):
    """allauth then says a confirmation mail was sent and mails the owner that someone tried,
    as the sign-up form does, so nobody learns from it which addresses have an account."""
    UserFactory(email="sanne@example.org")
    SocialAccountAdapter().pre_social_login(a_request(rf), new_login(email="sanne@example.org", email_verified=False))


def test_a_logged_in_person_connecting_is_let_through_to_allauths_connect(rf, configured):
    login = new_login(email="sanne@example.org", email_verified=True)
    login.state = {"process": AuthProcess.CONNECT}
    UserFactory(email="sanne@example.org")
    SocialAccountAdapter().pre_social_login(a_request(rf), login)


@pytest.mark.parametrize(
    ("error", "exception", "context", "reason"),
    [
        (AuthError.CANCELLED, None, {"state": {}}, "cancelled"),
        (AuthError.UNKNOWN, None, {"state_id": "abc"}, "expired"),
        (AuthError.UNKNOWN, None, {"state": {}}, "refused"),
        (AuthError.UNKNOWN, RequestsConnectionError("refused"), {"state": {}}, "unreachable"),
        (AuthError.UNKNOWN, ValueError("bad token"), {"state": {}}, "untrusted"),
    ],
)
def test_what_went_wrong_is_named(rf, configured, error, exception, context, reason):
    SocialAccountAdapter().on_authentication_error(a_request(rf), None, error=error, exception=exception,
                                                   extra_context=context)
    assert context["reason"] == reason


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Deze login is te lang geleden begonnen of al gebruikt"),
     ("/en", "This login was started too long ago, or it was already used")],
)
def test_an_answer_without_a_login_that_began_here_is_refused_in_both_languages(client, configured, prefix, text):
    response = client.get(f"{prefix}/accounts/oidc/surfconext/login/callback/?state=gebruikt&code=oud")
    assert response.status_code == 401
    assert text in response.content.decode()
    assert not SocialAccount.objects.exists()


# Where it shows


def test_the_login_and_sign_up_pages_offer_it_only_when_it_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert not institution_login_enabled()
    assert "Inloggen met je instelling" not in client.get("/accounts/login/").content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"APPS": [institution_login_app(ISSUER, "leren-met-de-stad", "geheim")]}
    }
    assert institution_login_enabled()
    for path, text in (("/accounts/login/", "Inloggen met je instelling"),
                       ("/en/accounts/signup/", "Log in with your institution")):
        page = client.get(path).content.decode()
        assert text in page and 'action="' in page and "/oidc/surfconext/login/" in page


@pytest.mark.parametrize(("prefix", "text"), [("", "We konden SURFconext net niet bereiken"),
                                              ("/en", "We could not reach SURFconext just now")])
def test_an_issuer_that_cannot_be_reached_is_said_in_both_languages(client, configured, prefix, text):
    with patch.object(OpenIDConnectOAuth2Adapter, "openid_config", new_callable=PropertyMock) as discovery:
        discovery.side_effect = RequestsConnectionError("connection refused")
        response = client.post(f"{prefix}/accounts/oidc/surfconext/login/")
    assert response.status_code == 503 and text in response.content.decode()


def test_the_login_address_is_not_found_when_it_is_not_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert client.post("/accounts/oidc/surfconext/login/").status_code == 404


def _settings_with(**env):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']); "
        "print(settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'][0]['settings']['server_url'])"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("INSTITUTION_LOGIN_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script], cwd=BASE_DIR, env=environment, capture_output=True, text=True, check=False
    )


def test_the_environment_configures_it_and_lets_the_login_form_go_to_the_issuer():
    result = _settings_with(
        INSTITUTION_LOGIN_ISSUER="https://connect.surfconext.nl/", INSTITUTION_LOGIN_CLIENT_ID="lmds",
        INSTITUTION_LOGIN_CLIENT_SECRET="geheim",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[\"'self'\", 'https://connect.surfconext.nl', 'https:']",
                                          "https://connect.surfconext.nl"]


def test_half_a_configuration_stops_the_site_from_starting():
    result = _settings_with(INSTITUTION_LOGIN_ISSUER="https://connect.surfconext.nl")
    assert result.returncode != 0
    assert "needs INSTITUTION_LOGIN_ISSUER, INSTITUTION_LOGIN_CLIENT_ID and INSTITUTION_LOGIN_CLIENT_SECRET" in (
        result.stderr
    )


def test_origin_of():
    assert origin_of("https://connect.surfconext.nl/oidc") == "https://connect.surfconext.nl"
    with pytest.raises(Exception, match="not a web address"):
        origin_of("connect.surfconext.nl")


# Seeing and removing one's connection


def test_the_connections_page_shows_only_ones_own_and_removes_only_ones_own(client, institutions, configured):
    noor = UserFactory(email="noor@example.org")
    other = UserFactory(email="ander@example.org")
    mine = connected(noor, schac_home_organization="leidenuniv.nl", eduperson_affiliation=["student"])
    institution_login_sync(account=mine)
    theirs = connected(other, sub="ander", schac_home_organization="hsleiden.nl", eduperson_affiliation=["student"])
    institution_login_sync(account=theirs)
    client.force_login(noor)
    page = client.get("/accounts/3rdparty/").content.decode()
    assert "Student bij Universiteit Leiden" in page and "Student bij Hogeschool Leiden" not in page

    client.post("/accounts/3rdparty/", {"account": theirs.pk})
    assert SocialAccount.objects.filter(pk=theirs.pk).exists()


def test_my_page_shows_the_connection_and_what_it_said(client, institutions, configured):
    noor = UserFactory(email="noor@example.org")
    institution_login_sync(account=connected(noor, schac_home_organization="leidenuniv.nl",
                                             eduperson_affiliation=["student"]))
    client.force_login(noor)
    page = client.get("/mijn-pagina/").content.decode()
    assert "Je account is via SURFconext gekoppeld aan je instelling." in page
    assert "Bij je laatste login gaf die door:" in page and "Student bij Universiteit Leiden" in page
    assert "Bekijk of verwijder de koppeling" in page


def test_my_page_offers_to_connect_when_configured_and_not_connected(client, configured):
    client.force_login(UserFactory(email="sanne@example.org"))
    page = client.get("/en/my-page/").content.decode()
    assert "Connect your institution" in page and 'name="process" value="connect"' in page


def test_the_connections_page_takes_the_same_queries_for_one_connection_and_three(
    client, institutions, configured, django_assert_num_queries
):
    noor = UserFactory(email="noor@example.org")
    client.force_login(noor)

    def connect(n):
        for number in range(n):
            institution_login_sync(account=connected(
                noor, sub=f"noor-{noor.socialaccount_set.count()}-{number}",
                schac_home_organization="leidenuniv.nl", eduperson_affiliation=["student", "employee"],
            ))

    connect(1)
    client.get("/accounts/3rdparty/")  # the first page of a session saves it
    with CaptureQueriesContext(connection) as one:
        assert client.get("/accounts/3rdparty/").status_code == 200
    connect(2)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get("/accounts/3rdparty/").status_code == 200


# Confirming it is you, without a password


def institution_only(institutions) -> User:
    noor = UserFactory(email="noor@example.org", password=None)
    noor.set_unusable_password()
    noor.save()
    institution_login_sync(account=connected(noor, schac_home_organization="leidenuniv.nl",
                                             eduperson_affiliation=["student"]))
    return noor


def test_someone_without_a_password_confirms_at_their_institution(client, institutions, configured):
    noor = institution_only(institutions)
    client.force_login(noor)
    for path, confirm in (("/accounts/password/set/", "/mijn-pagina/bevestig-met-je-instelling/"),
                          ("/en/accounts/password/set/", "/en/my-page/confirm-with-your-institution/")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"{confirm}?next={path.replace('/', '%2F')}"
        page = client.get(response["Location"]).content.decode()
        assert f'name="next" value="{path}"' in page

    # The site asks the institution to ask for the login anew, whatever the form says.
    confirm = "/mijn-pagina/bevestig-met-je-instelling/"
    with patch.object(OpenIDConnectOAuth2Adapter, "openid_config", new_callable=PropertyMock) as discovery:
        discovery.return_value = {
            "authorization_endpoint": f"{ISSUER}/authorize", "token_endpoint": f"{ISSUER}/token",
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }
        response = client.post(confirm, {"next": "/accounts/password/set/", "auth_params": "prompt=none"})
    query = parse_qs(urlparse(response["Location"]).query)
    assert response["Location"].startswith(f"{ISSUER}/authorize?")
    assert (query["prompt"], query["max_age"]) == (["login"], ["0"])


def test_the_confirmation_page_is_only_for_who_has_no_password_or_two_step_login(client, institutions, configured):
    client.force_login(UserFactory(email="sanne@example.org"))
    assert client.get("/mijn-pagina/bevestig-met-je-instelling/").status_code == 404


def test_the_institutions_answer_counts_as_confirmation_only_for_the_same_person_and_when_fresh(
    rf, client, institutions, configured
):
    noor = institution_only(institutions)
    account = SocialAccount.objects.get(user=noor)

    def confirm(login_account, user, **token):
        request = a_request(rf, user)
        login = SocialLogin(user=login_account.user, account=login_account)
        login.account.extra_data["id_token"].update(token)
        login.state = {"process": AuthProcess.REDIRECT}
        SocialAccountAdapter().pre_social_login(request, login)
        return request

    someone_else = UserFactory(email="ander@example.org")
    with pytest.raises(ImmediateHttpResponse) as refusal:
        confirm(account, someone_else)
    assert "met een ander account" in refusal.value.response.content.decode()

    for stale in ({"auth_time": int(time.time()) - 3600}, {"auth_time": int(time.time()) + 3600}, {}):
        with pytest.raises(ImmediateHttpResponse) as refusal:
            confirm(account, noor, **stale)
        assert "te lang geleden begonnen" in refusal.value.response.content.decode(), stale

    request = confirm(account, noor, auth_time=int(time.time()) - 10)
    assert institution_recently_reauthenticated(request)


def test_an_institution_login_never_stands_in_for_a_password_or_two_step_code(rf, client, institutions, configured):
    """Someone with a password and two-step login who also connected their institution still
    confirms with those: a fresh institution login neither counts nor is accepted as confirmation."""
    sanne = UserFactory(email="sanne@example.org", mfa=True)
    account = connected(sanne, schac_home_organization="leidenuniv.nl", eduperson_affiliation=["employee"])
    request = a_request(rf, sanne)
    login = SocialLogin(user=sanne, account=account)
    login.account.extra_data["id_token"]["auth_time"] = int(time.time())
    login.state = {"process": AuthProcess.REDIRECT}
    with pytest.raises(ImmediateHttpResponse):
        SocialAccountAdapter().pre_social_login(request, login)

    client.force_login(sanne)
    session = client.session
    session[INSTITUTION_REAUTHENTICATED_AT] = {"user": sanne.pk, "at": time.time()}
    session.save()
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert Authenticator.objects.filter(user=sanne, type=Authenticator.Type.TOTP).exists()


def test_a_form_that_waited_for_the_confirmation_is_not_sent_later_by_itself(rf, institutions, configured):
    noor = institution_only(institutions)
    request = a_request(rf, noor)
    request.session[REAUTHENTICATION_STATE_SESSION_KEY] = {"request": {"method": "POST", "path": "/verwijderen/"}}
    login = SocialLogin(user=noor, account=SocialAccount.objects.get(user=noor))
    login.account.extra_data["id_token"]["auth_time"] = int(time.time())
    login.state = {"process": AuthProcess.REDIRECT}
    SocialAccountAdapter().pre_social_login(request, login)
    assert REAUTHENTICATION_STATE_SESSION_KEY not in request.session
    assert institution_recently_reauthenticated(request)


def test_after_confirming_at_the_institution_the_password_can_be_set_and_the_data_downloaded(
    client, institutions, configured
):
    noor = institution_only(institutions)
    client.force_login(noor)
    session = client.session
    session[INSTITUTION_REAUTHENTICATED_AT] = {"user": noor.pk, "at": time.time()}
    session.save()
    assert client.get("/accounts/password/set/").status_code == 200
    _response, _archive, data = download(client)
    assert data["Rollen"] == ["Student bij Universiteit Leiden"]
    login = data["Inloggen met je instelling"][0]
    assert (login["Provider"], login["Uid"]) == ("surfconext", "persoon-1")
    assert login["Extra data"]["userinfo"]["eduperson_affiliation"] == ["student"]
    assert data["Wat je instelling over je doorgaf"] == [
        {"Onderwijsinstelling": "Universiteit Leiden", "Als": "Student",
         "Laatst doorgegeven op": data["Wat je instelling over je doorgaf"][0]["Laatst doorgegeven op"]}
    ]

    # Five minutes later it has to be confirmed again.
    session = client.session
    session[INSTITUTION_REAUTHENTICATED_AT] = {"user": noor.pk, "at": time.time() - 301}
    session.save()
    assert client.get("/accounts/password/set/").status_code == 302


def test_deleting_the_account_deletes_the_institution_login_and_what_it_said(
    client, institutions, configured, django_capture_on_commit_callbacks
):
    noor = institution_only(institutions)
    client.force_login(noor)
    session = client.session
    session[INSTITUTION_REAUTHENTICATED_AT] = {"user": noor.pk, "at": time.time()}
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not SocialAccount.objects.exists() and not InstitutionAffiliation.objects.exists()


# What editors set


def test_editors_name_the_institution_as_surfconext_does_and_may_trust_it_for_lecturers(client, institutions, editor):
    client.force_login(editor)
    ul = institutions["UL"]
    url = f"/admin/institutions/edit/{ul.pk}/"
    form = client.get(url).content.decode()
    assert 'name="schac_home_organization"' in form and 'name="trusted_for_lecturers"' in form
    fields = {
        "name": ul.name, "name_en": ul.name_en, "short_name": ul.short_name, "level": ul.level,
        "student_domains": ul.student_domains, "staff_domains": ul.staff_domains, "website": ul.website,
        "schac_home_organization": " LeidenUniv.nl ", "trusted_for_lecturers": "on",
    }
    assert client.post(url, fields).status_code == 302
    ul.refresh_from_db()
    assert (ul.schac_home_organization, ul.trusted_for_lecturers) == ("leidenuniv.nl", True)

    hsl = institutions["HSL"]
    taken = {**fields, "name": hsl.name, "name_en": hsl.name_en, "short_name": hsl.short_name,
             "student_domains": hsl.student_domains, "staff_domains": hsl.staff_domains,
             "schac_home_organization": "leidenuniv.nl"}
    response = client.post(f"/admin/institutions/edit/{hsl.pk}/", taken)
    assert response.status_code == 200
    # The same domain written otherwise is the same domain: a form error, not a server error.
    response = client.post(f"/admin/institutions/edit/{hsl.pk}/", {**taken, "schac_home_organization": "LeidenUniv.NL"})
    assert response.status_code == 200
    hsl.refresh_from_db()
    assert hsl.schac_home_organization == "hsleiden.nl"
