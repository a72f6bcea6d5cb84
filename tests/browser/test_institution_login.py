"""Log in with your institution, end to end: Chromium on the live server and a real OpenID Connect
provider started on loopback in SURFconext's place (``oidc_provider.mjs``, the ``oidc-provider``
package from npm), which gives the claims SURFconext gives: e-mail, name,
schac_home_organization and eduperson_affiliation. axe-core checks every page of the site on the
way; the provider's own login pages are not ours and are not checked."""

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from accounts.choices import LecturerStatus
from accounts.models import Institution, InstitutionAffiliation, LecturerApproval, User
from accounts.selectors import user_roles
from config.settings.env import institution_login_app
from tests.browser.helpers import DESKTOP, PHONE, assert_accessible, guarded_context
from tests.factories import PASSWORD, UserFactory

PROVIDER_SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "leren-met-de-stad"
CLIENT_SECRET = "a-secret-only-the-tests-know"  # noqa: S105

# The people the provider knows, by login name, with the claims their institution gives.
PERSONAS = {
    "student": {
        "email": "s1234567@vuw.leidenuniv.nl", "email_verified": True, "name": "Noor Bakker",
        "schac_home_organization": "leidenuniv.nl", "eduperson_affiliation": ["student", "member"],
    },
    "employee": {
        "email": "j.devries@hsleiden.nl", "email_verified": True, "name": "Jan de Vries",
        "schac_home_organization": "hsleiden.nl", "eduperson_affiliation": ["employee", "member"],
    },
    "unknownorg": {
        "email": "k.jansen@student.tudelft.nl", "email_verified": True, "name": "Kim Jansen",
        "schac_home_organization": "tudelft.nl", "eduperson_affiliation": ["student"],
    },
    "noclaims": {"email": "zonder.rol@example.org", "email_verified": True, "name": "Sam Peeters"},
    "noemail": {"name": "Lotte Visser", "schac_home_organization": "leidenuniv.nl",
                "eduperson_affiliation": ["student"]},
    "existing": {
        "email": "sanne@example.org", "email_verified": True, "name": "Sanne de Vries",
        "schac_home_organization": "leidenuniv.nl", "eduperson_affiliation": ["student"],
    },
}


@dataclass
class OIDCProvider:
    issuer: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    """The provider, started once per test process on a free loopback port, for the live
    server's callback addresses in both languages."""
    issuer = f"http://127.0.0.1:{_free_port()}"
    callbacks = [f"{live_server.url}{prefix}/accounts/oidc/surfconext/login/callback/" for prefix in ("", "/en")]
    environment = {
        **os.environ, "ISSUER": issuer, "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(callbacks), "PERSONAS": json.dumps(PERSONAS),
    }
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing; install it with: sudo apt-get install -y nodejs npm")
    process = subprocess.Popen(  # noqa: S603 (Node.js and our own script)
        [node, str(PROVIDER_SCRIPT)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    ready = threading.Event()
    output = []

    def read():
        for line in process.stdout:
            output.append(line)
            if line.startswith("OIDC_READY"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(30):
        process.kill()
        pytest.fail("The OpenID Connect provider did not start:\n" + "".join(output))
    yield OIDCProvider(issuer=issuer)
    process.terminate()
    process.wait(10)
    process.stdout.close()


@pytest.fixture
def institution_login(settings, oidc_provider, site):
    """The site configured as INSTITUTION_LOGIN_* would configure it, for the test provider."""
    configure(settings, oidc_provider.issuer)
    return oidc_provider


def configure(settings, server_url):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [institution_login_app(server_url, CLIENT_ID, CLIENT_SECRET)],
            "VERIFIED_EMAIL": False,
        }
    }
    policy = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
    policy["form-action"] = [*policy["form-action"], server_url]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": policy}


def open_page(browser, live_server, provider, contexts, *, viewport=DESKTOP, locale="nl-NL", elsewhere=()):
    context = guarded_context(
        browser, live_server, elsewhere=(provider.issuer, *elsewhere), viewport=viewport, locale=locale,
        is_mobile=viewport == PHONE,
    )
    context.set_default_timeout(15_000)
    contexts.append(context)
    return context.new_page()


def log_in_at_the_institution(page, login_name, *, consent=True, only_login=False):
    """On the provider's own pages: log in with ``login_name`` and give (or refuse) consent;
    ``only_login`` when consent was given before."""
    page.wait_for_url(re.compile(r"/interaction/"))
    page.locator("input[name=login]").fill(login_name)
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    if only_login:
        return
    if consent:
        page.get_by_role("button", name="Continue").click()
    else:
        page.get_by_role("link", name="[ Cancel ]").click()


def start_institution_login(page, path="/accounts/login/", button="Inloggen met je instelling"):
    page.goto(path)
    assert_accessible(page)
    page.get_by_role("button", name=button).click()


def test_a_student_logs_in_with_their_institution_on_a_phone(browser, live_server, institution_login, contexts):
    page = open_page(browser, live_server, institution_login, contexts, viewport=PHONE)
    start_institution_login(page)
    log_in_at_the_institution(page, "student")

    expect(page.get_by_role("heading", name="Welkom, Noor Bakker", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(
        "Universiteit Leiden zegt dat je er studeert: je doet mee als student."
    )
    expect(page.get_by_role("heading", name="Student bij Universiteit Leiden")).to_be_visible()
    assert_accessible(page)

    account = SocialAccount.objects.get(uid="student")
    assert account.user.display_name == "Noor Bakker"
    assert EmailAddress.objects.get(user=account.user).verified  # the institution said so
    assert [i.short_name for i in user_roles(account.user).student_of] == ["UL"]

    page.get_by_role("link", name="Bekijk of verwijder de koppeling").click()
    expect(page.get_by_text("Student bij Universiteit Leiden")).to_be_visible()
    assert_accessible(page)
    # Made through the institution, the account has no password: removing the connection would
    # lock the person out, so the site says what to do first.
    page.get_by_role("button", name="Verwijder deze koppeling").click()
    expect(page.get_by_role("alert")).to_contain_text("Stel eerst een wachtwoord in")
    assert_accessible(page)
    assert SocialAccount.objects.filter(uid="student").exists()

    # Setting a password asks to confirm it is her: without a password or two-step login, she
    # does that by logging in at her institution again (which asks for her login once more).
    page.get_by_role("link", name="Stel eerst een wachtwoord in").click()
    expect(page.get_by_role("heading", name="Bevestig dat jij het bent")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log opnieuw in met je instelling").click()
    log_in_at_the_institution(page, "student", consent=False, only_login=True)
    page.wait_for_url(re.compile(r"/accounts/password/set/$"))
    assert_accessible(page)
    page.locator("#id_password1").fill("een-eigen-wachtwoord-2026")
    page.locator("#id_password2").fill("een-eigen-wachtwoord-2026")
    page.locator("form.form button[type=submit]").first.click()
    page.goto("/accounts/3rdparty/")
    page.get_by_role("button", name="Verwijder deze koppeling").click()
    # Now that she has a password, she confirms with it: her institution no longer stands in for it.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("#id_password").fill("een-eigen-wachtwoord-2026")
    page.locator("form.form button[type=submit]").first.click()  # and the removal goes ahead
    expect(page.get_by_role("status")).to_contain_text("De koppeling met je instelling is verwijderd.")
    assert_accessible(page)
    assert not SocialAccount.objects.filter(uid="student").exists()
    assert not user_roles(User.objects.get(email="s1234567@vuw.leidenuniv.nl")).is_student


def test_a_lecturer_logs_in_in_english_and_waits_for_an_editor(browser, live_server, institution_login, contexts):
    page = open_page(browser, live_server, institution_login, contexts, locale="en-GB")
    start_institution_login(page, "/en/accounts/login/", "Log in with your institution")
    log_in_at_the_institution(page, "employee")

    expect(page.get_by_role("status")).to_contain_text(
        "Leiden University of Applied Sciences says you work there. An editor approves you as a lecturer"
    )
    expect(page.get_by_role("heading", name="Lecturer at Leiden University of Applied Sciences — waiting for approval"))
    assert_accessible(page)
    approval = LecturerApproval.objects.get(user__email="j.devries@hsleiden.nl")
    assert approval.status == LecturerStatus.PENDING and approval.institution.short_name == "HSL"


def test_an_existing_account_is_connected_only_after_its_owner_logs_in(
    browser, live_server, institution_login, contexts
):
    owner = UserFactory(email="sanne@example.org", display_name="Sanne de Vries")
    page = open_page(browser, live_server, institution_login, contexts, locale="en-GB")
    start_institution_login(page, "/en/accounts/login/", "Log in with your institution")
    log_in_at_the_institution(page, "existing")

    expect(page.get_by_role("heading", name="Logging in with your institution did not work")).to_be_visible()
    expect(page.get_by_text("There already is an account with the address sanne@example.org.")).to_be_visible()
    assert_accessible(page)
    assert not SocialAccount.objects.exists()

    # The owner logs in with their password (they were not logged in by the institution's
    # answer: the login page shows) and connects their institution.
    page.get_by_role("link", name="Back to logging in").click()
    page.locator("#id_login").fill(owner.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form button[type=submit]").first.click()
    expect(page.get_by_role("heading", name="Log in with your institution", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Connect your institution").click()
    # Still logged in at the institution, which asks nothing more. Connecting a way in to the
    # account asks for the password once more (as adding an e-mail address does).
    page.wait_for_url(re.compile(r"/en/accounts/reauthenticate/"))
    assert_accessible(page)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form button[type=submit]").first.click()
    expect(page.get_by_text("Student at Leiden University")).to_be_visible()
    assert_accessible(page)
    account = SocialAccount.objects.get(uid="existing")
    assert account.user == owner
    assert [i.short_name for i in user_roles(owner).student_of] == ["UL"]

    page.goto("/en/my-page/")
    expect(page.get_by_text("Your account is connected to your institution through SURFconext.")).to_be_visible()
    expect(page.get_by_role("heading", name="Student at Leiden University")).to_be_visible()
    assert_accessible(page)

    # Removing it ends the role that came from it; the password login stays.
    page.get_by_role("link", name="See or remove the connection").click()
    page.get_by_role("button", name="Remove this connection").click()
    expect(page.get_by_text("Your account is not connected to your institution.")).to_be_visible()
    assert_accessible(page)
    assert not SocialAccount.objects.exists() and not InstitutionAffiliation.objects.exists()
    assert not user_roles(User.objects.get(pk=owner.pk)).is_student


def test_what_goes_wrong_is_said_clearly(browser, live_server, institution_login, contexts, settings):
    # A denied consent (Dutch, on a phone).
    page = open_page(browser, live_server, institution_login, contexts, viewport=PHONE)
    start_institution_login(page)
    log_in_at_the_institution(page, "student", consent=False)
    expect(page.get_by_role("heading", name="Inloggen met je instelling is afgebroken")).to_be_visible()
    assert_accessible(page)
    assert not SocialAccount.objects.exists()

    # No e-mail address from the institution (English).
    page = open_page(browser, live_server, institution_login, contexts, locale="en-GB")
    start_institution_login(page, "/en/accounts/login/", "Log in with your institution")
    log_in_at_the_institution(page, "noemail")
    expect(page.get_by_text("Your institution did not give us your e-mail address")).to_be_visible()
    assert_accessible(page)
    assert not SocialAccount.objects.exists()

    # An organisation that does not take part: a resident (Dutch).
    page = open_page(browser, live_server, institution_login, contexts)
    start_institution_login(page)
    log_in_at_the_institution(page, "unknownorg")
    expect(page.get_by_role("status")).to_contain_text("Je instelling (tudelft.nl) doet niet mee aan Leren met de Stad")
    assert_accessible(page)

    # No organisation or affiliation at all: a resident, told how to become a student (English).
    page = open_page(browser, live_server, institution_login, contexts, locale="en-GB")
    callbacks = []
    page.on("request", lambda request: "/login/callback/" in request.url and callbacks.append(request.url))
    start_institution_login(page, "/en/accounts/login/", "Log in with your institution")
    log_in_at_the_institution(page, "noclaims")
    expect(page.get_by_role("status")).to_contain_text("Your institution did not say where you study or work")
    assert_accessible(page)
    assert not user_roles(SocialAccount.objects.get(uid="noclaims").user).has_institution_role

    # The same answer a second time (the back button, or someone who copied it): refused.
    callback = callbacks[0]
    page.goto(callback)
    expect(page.get_by_text("This login was started too long ago, or it was already used")).to_be_visible()
    assert_accessible(page)

    # An answer from another issuer than the one configured (Dutch): refused, nothing saved.
    # The site expects the provider under another name than the one it signs its answers with.
    elsewhere = institution_login.issuer.replace("127.0.0.1", "localhost")
    configure(settings, elsewhere)
    page = open_page(browser, live_server, institution_login, contexts, elsewhere=[elsewhere])
    start_institution_login(page)
    log_in_at_the_institution(page, "student")
    expect(page.get_by_role("heading", name="Inloggen met je instelling is niet gelukt")).to_be_visible()
    expect(page.get_by_text("kwam niet van SURFconext")).to_be_visible()
    assert_accessible(page)
    assert not SocialAccount.objects.filter(uid="student").exists()


def test_the_login_page_offers_no_institution_login_when_it_is_not_configured(page, site):
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Inloggen met je instelling")).to_have_count(0)
    assert Institution.objects.get(short_name="UL").schac_home_organization == "leidenuniv.nl"
