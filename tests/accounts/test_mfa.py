"""Two-step login (allauth.mfa) for the people who approve hours, publish or see everyone's work
(issue 12): who must have it, the pages and the admin that send them to set it up first and
back afterwards, codes that work once, the limit on wrong codes, and the pages in both
languages."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from accounts.choices import LecturerStatus
from accounts.defaults import BROKERS_GROUP, EDITORS_GROUP
from accounts.mfa import SETUP_NEXT_SESSION_KEY
from accounts.permissions import mfa_required_for
from accounts.selectors import has_mfa
from tests.accounts.helpers import dutch_translation, totp_code
from tests.factories import PASSWORD, TOTP_SECRET, LecturerApprovalFactory, UserFactory, turn_on_mfa

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"
WHY = (
    "You can approve hours, publish or see other people's work on this site, so your account needs two-step "
    "login: besides your password, a code from an app on your phone. Set it up here once; afterwards you go on "
    "to the page you wanted."
)


def _in_group(name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=name))
    return user


def _lecturer(institutions, status=LecturerStatus.APPROVED, **kwargs):
    user = UserFactory(email="k.jansen@hsleiden.nl", **kwargs)
    LecturerApprovalFactory(user=user, institution=institutions["HSL"], status=status)
    return user


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _log_in_with_password(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def _confirm_password(client, next_url=SETUP):
    """allauth's re-authentication, which switching two-step login on asks for even right after
    logging in: a session alone must not be enough to tie the account to another phone."""
    return client.post("/accounts/reauthenticate/", {"password": PASSWORD, "next": next_url})


# Who must have it


@pytest.mark.parametrize(
    ("make", "required"),
    [
        (lambda institutions: UserFactory(is_superuser=True, is_staff=True), True),
        (lambda institutions: _in_group(EDITORS_GROUP), True),
        (lambda institutions: _in_group(BROKERS_GROUP), True),
        (lambda institutions: _lecturer(institutions), True),
        (lambda institutions: _lecturer(institutions, status=LecturerStatus.PENDING), False),
        (lambda institutions: _lecturer(institutions, status=LecturerStatus.REJECTED), False),
        (lambda institutions: UserFactory(email="sanne@umail.leidenuniv.nl"), False),
        (lambda institutions: UserFactory(email="bewoner@example.org"), False),
        (lambda institutions: _in_group(EDITORS_GROUP, is_active=False), False),
    ],
    ids=[
        "superuser", "editor", "broker", "approved lecturer", "pending lecturer", "rejected lecturer", "student",
        "resident", "inactive editor",
    ],
)
def test_who_must_use_two_step_login(institutions, make, required):
    assert mfa_required_for(make(institutions)) is required


def test_a_visitor_who_is_not_logged_in_need_not(client):
    assert mfa_required_for(client.get("/").wsgi_request.user) is False


def test_two_step_login_is_on_with_an_authenticator_app_not_with_recovery_codes_alone():
    user = UserFactory()
    assert has_mfa(user) is False
    Authenticator.objects.create(user=user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    assert has_mfa(UserFactory._meta.model.objects.get(pk=user.pk)) is False
    turn_on_mfa(user)
    assert has_mfa(user) is True


# The gated pages


@pytest.fixture
def gated(project_world):
    """Every page behind two-step login, with who may open it; ``project_world``'s supervisor is
    an approved lecturer and supervises its project. Here they start without two-step login."""
    people, project = project_world["people"], project_world["project"]
    Authenticator.objects.all().delete()
    return {
        "broker desk": (people["broker"], reverse("broker:desk")),
        "introduction": (people["broker"], reverse("broker:introduce")),
        "hours review": (people["supervisor"], reverse("projects:hours", args=[project.pk])),
        "hours export": (people["supervisor"], reverse("projects:hours_export")),
        "admin": (people["editor"], "/admin/"),
    }


GATED = ["broker desk", "introduction", "hours review", "hours export", "admin"]


@pytest.mark.parametrize("page", GATED)
def test_a_gated_page_sends_a_person_without_two_step_login_to_set_it_up(client, gated, page):
    person, url = gated[page]
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert _messages(response) == [dutch_translation(WHY)]
    assert client.session[SETUP_NEXT_SESSION_KEY] == url


@pytest.mark.parametrize("page", GATED)
def test_a_gated_page_lets_a_person_with_two_step_login_through(client, gated, page):
    person, url = gated[page]
    turn_on_mfa(person)
    client.force_login(person)
    assert client.get(url).status_code == 200


def test_the_sign_off_of_a_project_asks_for_two_step_login_first(client, project_world, gated):
    supervisor, project = project_world["people"]["supervisor"], project_world["project"]
    client.force_login(supervisor)
    response = client.post(reverse("projects:complete", args=[project.pk]))
    assert response.status_code == 302
    assert response["Location"] == SETUP
    project.refresh_from_db()
    assert project.completed_at is None
    assert SETUP_NEXT_SESSION_KEY not in client.session  # a POST is not a page to come back to


def test_the_gate_speaks_english_on_english_pages(client, gated):
    person, _url = gated["hours export"]
    client.force_login(person)
    with translation.override("en"):
        url = reverse("projects:hours_export")
    response = client.get(url)
    assert response["Location"] == "/en" + SETUP
    assert _messages(response) == [WHY]


@pytest.mark.parametrize("path", ["/admin/logout/", "/admin/login/"])
def test_the_admins_own_entrances_stay_open(client, gated, path):
    person, _url = gated["admin"]
    client.force_login(person)
    response = client.get(path)
    assert response.headers.get("Location") != SETUP


def test_a_person_who_need_not_is_not_sent_to_set_up(client, project_world):
    """A student opens the desk and the hours review as before (404: not theirs), a pending
    lecturer the hours export; nobody is asked to set up two-step login."""
    people, project = project_world["people"], project_world["project"]
    client.force_login(people["lead"])
    assert client.get(reverse("broker:desk")).status_code == 404
    assert client.get(reverse("projects:hours", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    assert SETUP_NEXT_SESSION_KEY not in client.session


def test_anyone_may_turn_two_step_login_on(client):
    resident = UserFactory()
    client.force_login(resident)
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200
    assert reverse("mfa_activate_totp") in response.content.decode()


# Setting it up, and back to where one was going


def test_set_up_ends_where_the_person_was_going(client, project_world, gated):
    supervisor, project = project_world["people"]["supervisor"], project_world["project"]
    hours = reverse("projects:hours", args=[project.pk])
    _log_in_with_password(client, supervisor)
    assert client.get(hours)["Location"] == SETUP
    assert client.get(SETUP)["Location"] == "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    assert _confirm_password(client)["Location"] == SETUP

    setup = client.get(SETUP)
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    assert secret in setup.content.decode()
    response = client.post(SETUP, {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(response["Location"])
    assert len(codes.context["unused_codes"]) == 10
    assert reverse("accounts:mfa_continue") in codes.content.decode()

    back = client.get(reverse("accounts:mfa_continue"))
    assert back["Location"] == hours
    assert client.get(hours).status_code == 200
    assert SETUP_NEXT_SESSION_KEY not in client.session


def test_continue_goes_to_my_page_when_nothing_was_asked_for(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:mfa_continue"))["Location"] == reverse("dashboard:my_page")


def test_continue_never_leaves_the_site(client):
    user = UserFactory()
    client.force_login(user)
    session = client.session
    session[SETUP_NEXT_SESSION_KEY] = "https://evil.example/"
    session.save()
    assert client.get(reverse("accounts:mfa_continue"))["Location"] == reverse("dashboard:my_page")


def test_a_wrong_code_at_set_up_is_refused_in_dutch(client):
    user = UserFactory()
    _log_in_with_password(client, user)
    _confirm_password(client)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Ongeldige code."]}
    assert has_mfa(user) is False


# Logging in: a code works once, and wrong codes are limited


def test_login_asks_for_a_code_and_a_code_works_once(client):
    user = UserFactory(mfa=True)
    response = _log_in_with_password(client, user)
    assert response["Location"] == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session
    code = totp_code(TOTP_SECRET)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)

    client.logout()
    _log_in_with_password(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": ["Ongeldige code."]}
    assert SESSION_KEY not in client.session


def test_the_code_that_turned_two_step_login_on_cannot_log_in(client):
    user = UserFactory()
    _log_in_with_password(client, user)
    _confirm_password(client)
    code = totp_code(client.get(SETUP).context["form"].secret)
    client.post(SETUP, {"code": code})
    assert has_mfa(user) is True

    client.logout()
    _log_in_with_password(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.context["form"].errors == {"code": ["Ongeldige code."]}
    assert SESSION_KEY not in client.session


def test_after_five_wrong_codes_even_the_right_one_is_refused(client):
    user = UserFactory(mfa=True)
    _log_in_with_password(client, user)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Te veel mislukte inlogpogingen. Probeer het later opnieuw."]
    }
    assert SESSION_KEY not in client.session


def test_the_login_step_is_in_english_on_english_pages(client):
    user = UserFactory(mfa=True)
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.get("/en/accounts/2fa/authenticate/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Two-step login</h1>" in html


# The pages in both languages


@pytest.mark.parametrize(
    ("prefix", "language"), [("", "nl"), ("/en", "en")]
)
def test_the_set_up_page_is_in_the_sites_layout_and_language(client, prefix, language):
    user = UserFactory(preferred_language=language)
    client.cookies["django_language"] = language
    _log_in_with_password(client, user)
    _confirm_password(client)
    html = client.get(prefix + SETUP).content.decode()
    with translation.override(language):
        heading = translation.gettext("Set up two-step login")
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-main"' in html
    assert '<svg role="img"' in html
    assert "data:image" not in html
    if language == "nl":
        assert heading == "Inloggen in twee stappen instellen"


def test_my_page_links_to_two_step_login(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get(reverse("dashboard:my_page")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in html
    assert "Inloggen in twee stappen" in html
